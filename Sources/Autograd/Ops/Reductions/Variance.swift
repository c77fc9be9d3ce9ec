// Variance and standard deviation. The variance is a composition, two passes as NumPy does
// (the mean first, then the squared deviations from it, both summed pairwise), so a large
// common offset costs no digits and the rules come from the ops it is made of. The standard
// deviation is its square root through a primitive whose slope at 0 is 0, not ∞.

// MARK: - Variance

extension Tensor {
    /// The variance along `axes` (negative axes count from the end), with `correction`
    /// subtracted from the count as PyTorch's `torch.var(correction:)`: the default 1 is the
    /// unbiased sample variance (Bessel's correction), 0 the population variance. Reduced axes
    /// are removed, or kept with size 1 when `keepingDims` is true.
    ///
    ///     m = mean_axes x      v = Σ_axes (x − m)² / max(0, N − c)
    ///     ∂v/∂xᵢ = 2 (xᵢ − m) / (N − c)
    ///
    /// As in PyTorch, N − c ≤ 0 is not an error: the division by 0 gives +∞ (NaN where every
    /// deviation is 0, and over an empty axis). Two passes with pairwise sums: float32 values
    /// near 10⁴ with a spread of 0.1 keep four digits of the variance over 10⁷ elements.
    public func variance(alongAxes axes: [Int], correction: Double = 1, keepingDims: Bool = false) -> Tensor {
        let reduced = reductionMask(axes, operation: "variance(alongAxes:)")
        let count = shape.indices.filter { reduced[$0] }.reduce(1) { $0 * shape[$1] }
        let deviation = self - mean(alongAxes: axes, keepingDims: true)
        return (deviation * deviation).sum(alongAxes: axes, keepingDims: keepingDims) / Swift.max(0, Double(count) - correction)
    }

    /// The variance along the given axes; see `variance(alongAxes:correction:keepingDims:)`.
    public func variance(alongAxes axes: Int..., correction: Double = 1, keepingDims: Bool = false) -> Tensor {
        variance(alongAxes: axes, correction: correction, keepingDims: keepingDims)
    }

    /// The variance of every element, as a scalar (default `correction` 1, as `torch.var`);
    /// see `variance(alongAxes:correction:keepingDims:)`.
    public func variance(correction: Double = 1) -> Tensor {
        variance(alongAxes: Array(0..<rank), correction: correction)
    }
}

// MARK: - Standard deviation

extension Tensor {
    /// The standard deviation along `axes`: √variance with the same `correction` (default 1,
    /// as `torch.std`) and the same treatment of N − c ≤ 0.
    ///
    ///     s = √v       ∂s/∂xᵢ = (xᵢ − m) / ((N − c)·s),   0 where s = 0
    ///
    /// Where every value along the axes is equal (s = 0) the derivative is taken as 0, as
    /// PyTorch 2.13 does and as for `frobeniusNorm()` at 0 (never NaN): s is not differentiable
    /// there (s(x + t·v) = |t|·s(v)), and 0 is its central difference and its smallest subgradient.
    public func standardDeviation(alongAxes axes: [Int], correction: Double = 1, keepingDims: Bool = false) -> Tensor {
        squareRootFlatAtZero(variance(alongAxes: axes, correction: correction, keepingDims: keepingDims))
    }

    /// The standard deviation along the given axes; see `standardDeviation(alongAxes:correction:keepingDims:)`.
    public func standardDeviation(alongAxes axes: Int..., correction: Double = 1, keepingDims: Bool = false) -> Tensor {
        standardDeviation(alongAxes: axes, correction: correction, keepingDims: keepingDims)
    }

    /// The standard deviation of every element, as a scalar (default `correction` 1, as `torch.std`).
    public func standardDeviation(correction: Double = 1) -> Tensor {
        standardDeviation(alongAxes: Array(0..<rank), correction: correction)
    }
}

/// √v elementwise, with slope 0 (not ∞) where v = 0: the root of a variance, whose deviations
/// vanish there too, so the chain gives 0 instead of ∞·0 = NaN.
///
///     y = √v       dy/dv = 1/(2y) where y > 0, else 0
private func squareRootFlatAtZero(_ v: Tensor) -> Tensor {
    /// 1/(2y) where y > 0, 0 where y = 0 (NaN stays NaN); the masks are constants.
    func slope(_ y: Tensor) -> Tensor { (y .> 0) / (2 * y + (y .== 0)) }
    return Tensor.unary(
        "standardDeviation", v, storage: sqrt(v.detached()).storage,
        pullback: { g, y in g * slope(y) }, differential: { dv, y in dv * slope(y) })
}
