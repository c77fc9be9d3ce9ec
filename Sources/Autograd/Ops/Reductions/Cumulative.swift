// Cumulative sums and products. Both are one primitive, the first-order linear recurrence
// hᵢ = aᵢ + bᵢ·hᵢ₋₁ along an axis. Its pullback is the same recurrence run backwards and a
// product, its differential the same recurrence forwards: no division anywhere, so the
// cumulative product's gradient is exact where the input has zeros, and every rule is made
// of differentiable ops again (any order).

// MARK: - Linear recurrence

/// The first-order linear recurrence along `axis` (already normalised) of two tensors of one
/// shape and type; `reversed` runs it from the end of the axis:
///
///     hᵢ = aᵢ + bᵢ·hᵢ₋₁   (h₋₁ = 0)         reversed: hᵢ = aᵢ + bᵢ·hᵢ₊₁   (hₙ = 0)
///     āᵢ = ḡᵢ + bᵢ₊₁·āᵢ₊₁ (the recurrence reversed, over b moved one place back)
///     b̄ᵢ = āᵢ·hᵢ₋₁        ḣ = recurrence(ȧ + ḃ·h₋, b), h₋ = h moved one place on
func linearRecurrence(_ a: Tensor, _ b: Tensor, alongAxis axis: Int, reversed: Bool) -> Tensor {
    let (outer, count, inner) = a.lineLayout(alongAxis: axis)
    let storage = Kernels.linearRecurrence(a.storage, b.storage, outer: outer, count: count, inner: inner, reversed: reversed)
    /// h (or b) seen from the next step: the previous value in the direction of the recurrence.
    func previous(_ h: Tensor) -> Tensor { h.shiftedByOne(alongAxis: axis, towardEnd: !reversed) }
    return Tensor.primitive(
        "linearRecurrence", shape: a.shape, storage: storage, inputs: [a, b],
        pullback: { g, h, isNeeded in
            let nextCoefficients = b.shiftedByOne(alongAxis: axis, towardEnd: reversed)
            let gradientA = linearRecurrence(g, nextCoefficients, alongAxis: axis, reversed: !reversed)
            return [isNeeded(0) ? gradientA : nil, isNeeded(1) ? gradientA * previous(h) : nil]
        },
        differential: { tangents, h in
            let drive = sumOfTerms(tangents[0], tangents[1].map { $0 * previous(h) })
            return linearRecurrence(drive, b, alongAxis: axis, reversed: reversed)
        })
}

// MARK: - Public cumulative ops

extension Tensor {
    /// The running sum along `axis` (negative counts from the end), as NumPy's `cumsum`:
    /// added in order, so the last element is the sequential (not pairwise) sum.
    ///
    ///     yᵢ = Σ_{j≤i} xⱼ     x̄ᵢ = Σ_{j≥i} ȳⱼ (the running sum reversed)     ẏ = cumsum(ẋ)
    public func cumulativeSum(alongAxis axis: Int) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, operation: "cumulativeSum(alongAxis:)")
        return linearRecurrence(self, filled(with: 1), alongAxis: axis, reversed: false)
    }

    /// The running product along `axis` (negative counts from the end), as NumPy's `cumprod`.
    /// The gradient is exact where elements are 0 (no division by the input):
    ///
    ///     yᵢ = Π_{j≤i} xⱼ     x̄ᵢ = Σ_{k≥i} ȳₖ · Π_{j≤k, j≠i} xⱼ     ẏᵢ = Σ_{j≤i} ẋⱼ · Π_{l≤i, l≠j} xₗ
    ///
    /// (`torch.cumprod`'s gradient, computed by the recurrence yᵢ = xᵢ·yᵢ₋₁ and its transpose.)
    public func cumulativeProduct(alongAxis axis: Int) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, operation: "cumulativeProduct(alongAxis:)")
        let isFirst = 1 - filled(with: 1).shiftedByOne(alongAxis: axis, towardEnd: true)
        return linearRecurrence(self * isFirst, self, alongAxis: axis, reversed: false)
    }
}
