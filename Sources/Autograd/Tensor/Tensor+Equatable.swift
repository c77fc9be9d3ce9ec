// Exact equality of tensors (`==`) and closeness (`isApproximatelyEqual`), both on values only:
// the graph, the gradient and the version a tensor carries play no part.

extension Tensor: Equatable {
    /// Whether `a` and `b` have the same shape, the same element type and equal values.
    ///
    /// Values compare as their element type compares them (IEEE 754, like `Double`'s `==`):
    /// NaN equals nothing, not even itself (so `x == x` is false when x holds a NaN), and +0
    /// equals −0. A float32 and a float64 tensor are never equal, even holding the same
    /// numbers, as they are not interchangeable (`assign(_:)` refuses one for the other):
    /// compare `a.converted(to: b.dtype) == b`, or use ``isApproximatelyEqual(to:relativeTolerance:absoluteTolerance:)``.
    ///
    /// - Complexity: O(n) in the number of values.
    public static func == (a: Tensor, b: Tensor) -> Bool {
        guard a.shape == b.shape else { return false }
        // Elementwise rather than Array's `==`, which calls two arrays sharing a buffer
        // equal without reading them, NaNs included.
        return switch (a.storage, b.storage) {
        case let (.float32(x), .float32(y)): zip(x, y).allSatisfy { $0 == $1 }
        case let (.float64(x), .float64(y)): zip(x, y).allSatisfy { $0 == $1 }
        default: false
        }
    }
}

extension Tensor {
    /// Whether every value of this tensor is close to the value at the same position of
    /// `other`, by swift-numerics' `isApproximatelyEqual` applied to each pair of values:
    ///
    ///     a ≈ b  ⇔  a == b  or  (a, b finite and |a − b| ≤ max(absoluteTolerance, relativeTolerance · max(|a|, |b|)))
    ///
    /// It is elementwise, not a test on a norm of a − b, so a small value is held to its own
    /// scale rather than hidden by a large one elsewhere in the tensor; it is symmetric in the
    /// two tensors (unlike NumPy's `allclose`). Equal infinities are close, NaN is close to
    /// nothing. The shapes must be equal, without broadcasting, else the answer is `false`, as
    /// for `==`: tensors of different shapes are simply not approximately equal, and a test
    /// comparing them fails instead of stopping the process. The element types may differ:
    /// values compare in float64, so a float32 result can be checked against a float64
    /// reference.
    ///
    /// - Parameters:
    ///   - other: the tensor to compare with, of any element type.
    ///   - relativeTolerance: in [0, 1]; by default √ε of the less precise of the two element
    ///     types (about 1.5e-8 for float64, 3.5e-4 for float32), swift-numerics' default.
    ///   - absoluteTolerance: finite and ≥ 0; by default 0, so values near zero must be equal
    ///     up to the relative tolerance. Pass one when comparing results that should be 0.
    /// - Complexity: O(n) in the number of values.
    public func isApproximatelyEqual(
        to other: Tensor, relativeTolerance: Double? = nil, absoluteTolerance: Double = 0
    ) -> Bool {
        let coarser: DType = dtype == .float32 || other.dtype == .float32 ? .float32 : .float64
        let relative = relativeTolerance ?? (coarser == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne).squareRoot()
        check(relative >= 0 && relative <= 1,
              "isApproximatelyEqual: the relative tolerance must be in [0, 1], got \(relative)")
        check(absoluteTolerance >= 0 && absoluteTolerance.isFinite,
              "isApproximatelyEqual: the absolute tolerance must be finite and non-negative, got \(absoluteTolerance)")
        guard shape == other.shape else { return false }
        return zip(scalars, other.scalars).allSatisfy { a, b in
            // A non-finite value is close only to itself (|∞ − (−∞)| would pass the test below).
            a == b || a.isFinite && b.isFinite
                && Swift.abs(a - b) <= Swift.max(absoluteTolerance, relative * Swift.max(Swift.abs(a), Swift.abs(b)))
        }
    }
}
