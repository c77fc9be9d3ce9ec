// Comparisons and arg-maxima. Their results are piecewise constant, so they are constants:
// no graph, no tangent, 1 for true and 0 for false (indices as exact whole numbers).

infix operator .== : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence
infix operator .< : ComparisonPrecedence
infix operator .<= : ComparisonPrecedence
infix operator .> : ComparisonPrecedence
infix operator .>= : ComparisonPrecedence

extension Tensor {
    /// 1 where `predicate` holds for the broadcast pair of elements, else 0; a constant.
    /// Mixed types compare in float64, and the result has that type.
    private static func comparing(
        _ a: Tensor, _ b: Tensor, _ operation: String, _ predicate: some BinaryScalarFunction
    ) -> Tensor {
        let shape = broadcastShape(a.shape, b.shape, operation: operation)
        let (a, b) = withoutGradients { promoted(a, b) }
        return Tensor(shape: shape, storage: Kernels.zip(a.storage, shape: a.shape, b.storage, shape: b.shape, to: shape, predicate))
    }

    /// 1 where the elements are equal, else 0 (broadcasting); no derivative.
    public static func .== (a: Tensor, b: Tensor) -> Tensor { comparing(a, b, ".==", Equal()) }
    /// 1 where the elements differ, else 0 (broadcasting); no derivative.
    public static func .!= (a: Tensor, b: Tensor) -> Tensor { comparing(a, b, ".!=", NotEqual()) }
    /// 1 where `a` is less than `b`, else 0 (broadcasting); no derivative.
    public static func .< (a: Tensor, b: Tensor) -> Tensor { comparing(a, b, ".<", Less()) }
    /// 1 where `a` is at most `b`, else 0 (broadcasting); no derivative.
    public static func .<= (a: Tensor, b: Tensor) -> Tensor { comparing(a, b, ".<=", LessOrEqual()) }
    /// 1 where `a` is greater than `b`, else 0 (broadcasting); no derivative.
    public static func .> (a: Tensor, b: Tensor) -> Tensor { comparing(a, b, ".>", Greater()) }
    /// 1 where `a` is at least `b`, else 0 (broadcasting); no derivative.
    public static func .>= (a: Tensor, b: Tensor) -> Tensor { comparing(a, b, ".>=", GreaterOrEqual()) }

    /// 1 where the element equals `b`, else 0; no derivative.
    public static func .== (a: Tensor, b: Double) -> Tensor { a .== a.constant(b) }
    /// 1 where the element differs from `b`, else 0; no derivative.
    public static func .!= (a: Tensor, b: Double) -> Tensor { a .!= a.constant(b) }
    /// 1 where the element is less than `b`, else 0; no derivative.
    public static func .< (a: Tensor, b: Double) -> Tensor { a .< a.constant(b) }
    /// 1 where the element is at most `b`, else 0; no derivative.
    public static func .<= (a: Tensor, b: Double) -> Tensor { a .<= a.constant(b) }
    /// 1 where the element is greater than `b`, else 0; no derivative.
    public static func .> (a: Tensor, b: Double) -> Tensor { a .> a.constant(b) }
    /// 1 where the element is at least `b`, else 0; no derivative.
    public static func .>= (a: Tensor, b: Double) -> Tensor { a .>= a.constant(b) }

    /// 1 where `a` equals the element, else 0; no derivative.
    public static func .== (a: Double, b: Tensor) -> Tensor { b.constant(a) .== b }
    /// 1 where `a` differs from the element, else 0; no derivative.
    public static func .!= (a: Double, b: Tensor) -> Tensor { b.constant(a) .!= b }
    /// 1 where `a` is less than the element, else 0; no derivative.
    public static func .< (a: Double, b: Tensor) -> Tensor { b.constant(a) .< b }
    /// 1 where `a` is at most the element, else 0; no derivative.
    public static func .<= (a: Double, b: Tensor) -> Tensor { b.constant(a) .<= b }
    /// 1 where `a` is greater than the element, else 0; no derivative.
    public static func .> (a: Double, b: Tensor) -> Tensor { b.constant(a) .> b }
    /// 1 where `a` is at least the element, else 0; no derivative.
    public static func .>= (a: Double, b: Tensor) -> Tensor { b.constant(a) .>= b }
}

// MARK: - Arg-maximum

extension Tensor {
    /// The index of the largest element along `axis` (the first one on ties), with that
    /// axis removed: the predicted class of each row of logits is `argmax(alongAxis: 1)`.
    /// A float64 constant (whole numbers, exact); `argmaxIndices(alongAxis:)` gives the same as `[Int]`.
    public func argmax(alongAxis axis: Int) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, operation: "argmax(alongAxis:)")
        return indexTensor(argmaxIndices(alongAxis: axis), removingAxis: axis)
    }

    /// `indices` (one per position of this tensor without `axis`) as a float64 constant of
    /// that shape: how the arg-extremum operations return their indices.
    func indexTensor(_ indices: [Int], removingAxis axis: Int) -> Tensor {
        var outputShape = shape
        outputShape.remove(at: axis)
        return Tensor(shape: outputShape, scalars: indices.map(Double.init))
    }

    /// The indices of `argmax(alongAxis:)` as integers, in row-major order.
    public func argmaxIndices(alongAxis axis: Int) -> [Int] {
        let axis = normalizedAxis(axis, rank: rank, operation: "argmaxIndices(alongAxis:)")
        check(shape[axis] > 0, "argmax(alongAxis:): axis \(axis) of shape \(shape) is empty")
        return Kernels.argmax(storage, shape: shape, axis: axis)
    }
}

// MARK: - Scalar formulas of the comparisons (1 for true, 0 for false)

private struct Equal: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a == b ? 1 : 0 }
}

private struct NotEqual: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a != b ? 1 : 0 }
}

private struct Less: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a < b ? 1 : 0 }
}

private struct LessOrEqual: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a <= b ? 1 : 0 }
}

private struct Greater: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a > b ? 1 : 0 }
}

private struct GreaterOrEqual: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a >= b ? 1 : 0 }
}
