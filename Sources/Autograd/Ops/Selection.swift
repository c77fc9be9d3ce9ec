// Elementwise choices: `where` picks between two tensors by a mask, `clamped` limits values
// to an interval, and `minimum`/`maximum` pick the smaller or larger of two. Their
// derivatives route each cotangent to the operand that was chosen, through constant masks,
// so every rule is linear in the cotangent and higher orders follow.

// MARK: - where

extension Tensor {
    /// `a` where `condition` is 1 and `b` where it is 0, the three broadcast together
    /// (NumPy's and PyTorch's `where`; call it `Tensor.where(x .> 0, a, b)`). The condition is
    /// a constant mask, as the comparison operators return: no derivative flows into it.
    /// Mixed types of `a` and `b` promote (to float64); the condition may have either type.
    ///
    ///     y = c ? a : b        ā = c ? ȳ : 0,   b̄ = c ? 0 : ȳ   (summed over broadcast axes)
    ///     ẏ = c ? ȧ : ḃ
    ///
    /// Traps when the shapes do not broadcast, or when the condition holds a value other than
    /// 0 or 1 (NaN included): a mask of other values is almost always the data passed by
    /// mistake, and NumPy's reading of it (nonzero is true) would hide that.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = broadcastShape(broadcastShape(condition.shape, a.shape, operation: "where"), b.shape, operation: "where")
        if let value = Kernels.firstValueOtherThanZeroOrOne(condition.storage) {
            checkFailed("where: the condition of shape \(condition.shape) must hold only 0 and 1, found \(value)")
        }
        let (a, b) = promoted(a, b)
        let mask = condition.detached().converted(to: a.dtype).broadcast(to: shape)
        return selecting(mask, a.broadcast(to: shape), b.broadcast(to: shape))
    }

    /// `a` where `mask` (a constant of 0s and 1s) is 1, else `b`; all three of one shape and type.
    ///
    ///     y = m ? a : b        ā = m ? ȳ : 0,   b̄ = m ? 0 : ȳ,   ẏ = m ? ȧ : ḃ
    private static func selecting(_ mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let complement = 1 - mask
        return primitive(
            "where", shape: mask.shape, storage: Kernels.select(mask.storage, a.storage, b.storage), inputs: [a, b],
            pullback: { g, _, isNeeded in
                [isNeeded(0) ? g.keepingWherePositive(mask) : nil, isNeeded(1) ? g.keepingWherePositive(complement) : nil]
            },
            differential: { tangents, _ in
                switch (tangents[0], tangents[1]) {
                case let (da?, db?): selecting(mask, da, db)
                case let (da?, nil): da.keepingWherePositive(mask)
                case let (nil, db): db!.keepingWherePositive(complement)
                }
            })
    }
}

// MARK: - clamped

extension Tensor {
    /// Every element limited to `[min, max]`; a missing bound does not limit (PyTorch's
    /// `clamp`). The derivative is 1 inside the interval, its ends included, and 0 outside,
    /// as in PyTorch; NaN stays NaN (with derivative 0). The bounds take the tensor's type.
    ///
    ///     y = min(max(x, lo), hi)      dy/dx = 1 if lo ≤ x ≤ hi, else 0
    ///
    /// Traps when both bounds are missing, a bound is NaN, or `min` is greater than `max`.
    public func clamped(min lower: Double? = nil, max upper: Double? = nil) -> Tensor {
        check(lower != nil || upper != nil, "clamped(min:max:): needs at least one bound, got neither")
        let lower = lower ?? -.infinity, upper = upper ?? .infinity
        check(!lower.isNaN && !upper.isNaN && lower <= upper,
              "clamped(min:max:): needs min ≤ max and no NaN, got min \(lower) and max \(upper)")
        let x = self
        func inside() -> Tensor { Tensor(shape: x.shape, storage: Kernels.map(x.storage, InsideInterval(lower: lower, upper: upper))) }
        return Tensor.unary("clamped", self, storage: Kernels.map(storage, Clamp(lower: lower, upper: upper)),
                            pullback: { g, _ in g.keepingWherePositive(inside()) },
                            differential: { dx, _ in dx.keepingWherePositive(inside()) })
    }

    /// Every element limited to `range`; see `clamped(min:max:)`.
    public func clamped(to range: ClosedRange<Double>) -> Tensor {
        clamped(min: range.lowerBound, max: range.upperBound)
    }
}

// MARK: - minimum and maximum

/// The larger of each broadcast pair of elements (PyTorch's `maximum`); NaN if either is.
/// On a tie each operand takes half the derivative, as in PyTorch and JAX, so the derivative
/// is the same from either side.
///
///     z = max(a, b)    ∂z/∂a = 1 if a > b, ½ if a = b, 0 if a < b   (and ∂z/∂b symmetrically)
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
    extremum(a, b, operation: "maximum", Larger()) { a, b in a .< b }
}

/// The smaller of each broadcast pair of elements (PyTorch's `minimum`); NaN if either is.
/// On a tie each operand takes half the derivative, as in PyTorch and JAX.
///
///     z = min(a, b)    ∂z/∂a = 1 if a < b, ½ if a = b, 0 if a > b   (and ∂z/∂b symmetrically)
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
    extremum(a, b, operation: "minimum", Smaller()) { a, b in a .> b }
}

/// The elementwise extremum `choose`, whose derivative goes to each operand unless `loses`
/// says the other one won (half each on a tie; whole to both where NaN makes them unordered,
/// as PyTorch's masks do).
///
///     wₐ = 1 − [a loses to b] − ½[a = b]      z̄ₐ = wₐ·ȳ,   ż = wₐ·ȧ + w_b·ḃ
private func extremum(
    _ a: Tensor, _ b: Tensor, operation: String, _ choose: some BinaryScalarFunction,
    loses: @escaping (Tensor, Tensor) -> Tensor
) -> Tensor {
    let shape = broadcastShape(a.shape, b.shape, operation: operation)
    let (a, b) = promoted(a, b)
    func weights() -> (a: Tensor, b: Tensor) {
        let halfTie = 0.5 * (a .== b)
        return (1 - loses(a, b) - halfTie, 1 - loses(b, a) - halfTie)
    }
    return Tensor.primitive(
        operation, shape: shape, storage: Kernels.zip(a.storage, shape: a.shape, b.storage, shape: b.shape, to: shape, choose),
        inputs: [a, b],
        pullback: { g, _, isNeeded in
            let w = weights()
            return [isNeeded(0) ? (g * w.a).unbroadcast(to: a.shape) : nil,
                    isNeeded(1) ? (g * w.b).unbroadcast(to: b.shape) : nil]
        },
        differential: { tangents, _ in
            let w = weights()
            return sumOfTerms(tangents[0].map { $0 * w.a }, tangents[1].map { $0 * w.b })
        })
}

// MARK: - Scalar formulas of the primitives

/// x limited to [lower, upper]; NaN stays NaN.
private struct Clamp: UnaryScalarFunction {
    let lower: Double, upper: Double
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x < T(lower) ? T(lower) : x > T(upper) ? T(upper) : x }
}

/// 1 where lower ≤ x ≤ upper (in x's type), else 0: where the clamp passes its derivative.
private struct InsideInterval: UnaryScalarFunction {
    let lower: Double, upper: Double
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x >= T(lower) && x <= T(upper) ? 1 : 0 }
}

private struct Larger: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a.isNaN || b.isNaN ? .nan : a > b ? a : b }
}

private struct Smaller: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a.isNaN || b.isNaN ? .nan : a < b ? a : b }
}
