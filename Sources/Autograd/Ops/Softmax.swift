// Log-sum-exp, softmax and log-softmax: compositions with no rules of their own. Each
// subtracts a constant shift (the maximum) before exponentiating, which changes nothing
// mathematically, so huge inputs neither overflow nor lose digits.

extension Tensor {
    /// The maximum over the axes marked in `reduced` (0 where it is not finite), keeping
    /// dims: a constant, so no graph or tangent work is spent on it.
    fileprivate func stabilizingShift(_ reduced: [Bool]) -> Tensor {
        Tensor(shape: shape.indices.map { reduced[$0] ? 1 : shape[$0] },
               storage: Kernels.logSumExpShift(storage, shape: shape, reducing: reduced))
    }

    /// log Σ exp(x) along `axes`, computed as m + log Σ exp(x − m) with m the (constant)
    /// maximum, so huge inputs give finite results. Its gradient is softmax. Over an empty
    /// axis it is −∞, the log of an empty sum (as `torch.logsumexp`).
    ///
    ///     y = log Σᵢ exp xᵢ    ∂y/∂xᵢ = exp(xᵢ − y)
    public func logSumExp(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        reduced(alongAxes: axes, keepingDims: keepingDims, operation: "logSumExp(alongAxes:)") { reduced in
            let shift = stabilizingShift(reduced)
            return shift + log(exp(self - shift).summedKeepingDims(reduced))
        }
    }

    /// log Σ exp(x) along the given axes; see `logSumExp(alongAxes:keepingDims:)`.
    public func logSumExp(alongAxes axes: Int..., keepingDims: Bool = false) -> Tensor {
        logSumExp(alongAxes: axes, keepingDims: keepingDims)
    }
}

/// The softmax along `axis` (the last by default): positive values that sum to 1.
///
///     yᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m)      ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ)
public func softmax(_ x: Tensor, alongAxis axis: Int = -1) -> Tensor {
    let reduced = x.reductionMask([axis], operation: "softmax(_:alongAxis:)")
    let exponentials = exp(x - x.stabilizingShift(reduced))
    return exponentials / exponentials.summedKeepingDims(reduced)
}

/// The logarithm of the softmax along `axis` (the last by default), without overflow.
///
///     yᵢ = (xᵢ − m) − log Σⱼ exp(xⱼ − m)      ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ
public func logSoftmax(_ x: Tensor, alongAxis axis: Int = -1) -> Tensor {
    let reduced = x.reductionMask([axis], operation: "logSoftmax(_:alongAxis:)")
    let shifted = x - x.stabilizingShift(reduced)
    return shifted - log(exp(shifted).summedKeepingDims(reduced))
}
