// The index language of `Tensor`'s subscripts. An integer picks one element of an axis and
// drops the axis; a Swift range keeps the axis, restricted; `.range(_:stride:)` adds a step;
// `.ellipsis` stands for every axis not otherwise named; `.newAxis` inserts an axis of size 1.
// Integers and ranges conform to `TensorIndexExpression`, so `x[0, 1..<3]`, `x[.ellipsis, 0]`
// and `x[1, .newAxis]` need no conversion.

/// One entry of a tensor subscript: an integer, a range (with an optional step), an ellipsis,
/// or a new axis. Build one from an `Int` or a range, or with `.ellipsis`, `.newAxis` and
/// `.range(_:stride:)`.
///
/// Negative integers and range bounds count from the end of the axis, as in NumPy (`-1` is
/// the last element, `(-2)...` the last two). Unlike NumPy, a bound outside the axis traps,
/// as an out-of-range slice of a Swift array does.
public struct TensorIndex: Sendable {
    /// What the entry selects.
    enum Kind: Sendable {
        /// One element of an axis, which is dropped.
        case element(Int)
        /// The elements from `lower` (nil: the start) to `upper` (nil: the end; included when
        /// `isClosed`) taken every `stride` elements, from the top when `stride` is negative.
        case range(lower: Int?, upper: Int?, isClosed: Bool, stride: Int)
        /// Every axis that no other entry names.
        case ellipsis
        /// A new axis of size 1.
        case newAxis
    }

    /// What this entry selects.
    let kind: Kind
}

/// A value that can stand in a tensor subscript: `Int`, the range types over `Int`
/// (`1..<3`, `1...3`, `1...`, `..<2`, `...2`) and `TensorIndex` itself.
public protocol TensorIndexExpression {
    /// This value as an entry of a tensor subscript.
    var tensorIndex: TensorIndex { get }
}

/// A range over `Int` that can stand in a tensor subscript, and be given a step with
/// `.range(_:stride:)`.
public protocol TensorRangeExpression: TensorIndexExpression {}

extension TensorIndex: TensorIndexExpression {
    /// This entry.
    public var tensorIndex: TensorIndex { self }
}

extension TensorIndexExpression where Self == TensorIndex {
    /// Every axis that no other entry of the subscript names (NumPy's `...`); at most one per
    /// subscript.
    public static var ellipsis: TensorIndex { TensorIndex(kind: .ellipsis) }

    /// A new axis of size 1 at this position (NumPy's `None` or `np.newaxis`).
    public static var newAxis: TensorIndex { TensorIndex(kind: .newAxis) }

    /// The elements of `range` taken every `stride` elements: from its lower end when `stride`
    /// is positive, from its upper end down when negative (`.range(0..<6, stride: -2)` takes
    /// 5, 3, 1). NumPy's `a:b:s`.
    ///
    /// A zero `stride` traps when the subscript is applied.
    public static func range(_ range: some TensorRangeExpression, stride: Int) -> TensorIndex {
        guard case let .range(lower, upper, isClosed, _) = range.tensorIndex.kind else {
            checkFailed("TensorIndex.range(_:stride:): \(range) is not a range")
        }
        return TensorIndex(kind: .range(lower: lower, upper: upper, isClosed: isClosed, stride: stride))
    }

    /// The whole axis taken every `stride` elements, backwards when `stride` is negative
    /// (`.range(..., stride: -1)` reverses the axis). NumPy's `::s`.
    public static func range(_: UnboundedRange, stride: Int) -> TensorIndex {
        TensorIndex(kind: .range(lower: nil, upper: nil, isClosed: false, stride: stride))
    }
}

/// An integer subscript picks one element of its axis and drops the axis: `x[0]`, `x[-1]`.
extension Int: TensorIndexExpression {
    /// The element at this position of its axis, dropping the axis.
    public var tensorIndex: TensorIndex { TensorIndex(kind: .element(self)) }
}

/// A half-open range subscript slices its axis: `x[1..<3]`.
extension Range: TensorIndexExpression, TensorRangeExpression where Bound == Int {
    /// The elements `lowerBound..<upperBound` of the axis.
    public var tensorIndex: TensorIndex {
        TensorIndex(kind: .range(lower: lowerBound, upper: upperBound, isClosed: false, stride: 1))
    }
}

/// A closed range subscript slices its axis, both ends included: `x[1...3]`.
extension ClosedRange: TensorIndexExpression, TensorRangeExpression where Bound == Int {
    /// The elements `lowerBound...upperBound` of the axis.
    public var tensorIndex: TensorIndex {
        TensorIndex(kind: .range(lower: lowerBound, upper: upperBound, isClosed: true, stride: 1))
    }
}

/// A range subscript open at the top slices its axis to the end: `x[1...]`, `x[(-2)...]`.
extension PartialRangeFrom: TensorIndexExpression, TensorRangeExpression where Bound == Int {
    /// The elements from `lowerBound` to the end of the axis.
    public var tensorIndex: TensorIndex {
        TensorIndex(kind: .range(lower: lowerBound, upper: nil, isClosed: false, stride: 1))
    }
}

/// A range subscript open at the bottom slices its axis from the start: `x[..<2]`.
extension PartialRangeUpTo: TensorIndexExpression, TensorRangeExpression where Bound == Int {
    /// The elements before `upperBound`.
    public var tensorIndex: TensorIndex {
        TensorIndex(kind: .range(lower: nil, upper: upperBound, isClosed: false, stride: 1))
    }
}

/// A range subscript open at the bottom slices its axis from the start, the bound included: `x[...2]`.
extension PartialRangeThrough: TensorIndexExpression, TensorRangeExpression where Bound == Int {
    /// The elements up to and including `upperBound`.
    public var tensorIndex: TensorIndex {
        TensorIndex(kind: .range(lower: nil, upper: upperBound, isClosed: true, stride: 1))
    }
}
