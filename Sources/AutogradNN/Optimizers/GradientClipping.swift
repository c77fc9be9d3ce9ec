import Autograd
import Foundation

// Gradient clipping, PyTorch's `torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`: in
// place on the `grad` that `backward()` filled, or on an array of gradients for the functional
// training loop (`valueWithGradient(at: model)`), as TensorFlow's `clip_by_global_norm`.

/// Why gradients could not be clipped: a fact about the data (a step that diverged), not a
/// programmer error.
public enum GradientClippingError: Error, Equatable, CustomStringConvertible {
    /// The total norm of the gradients is NaN or infinite (a NaN or ±∞ gradient): no factor
    /// can bring it to the maximum, so the gradients were left unchanged. Skip the step.
    case nonFiniteNorm(Double, order: Double)

    /// The message, with the norm and its order.
    public var description: String {
        switch self {
        case let .nonFiniteNorm(norm, order):
            "the total norm of order \(order) of the gradients is \(norm), so they cannot be clipped; "
                + "they were left unchanged (skip this step, or lower the learning rate)"
        }
    }
}

/// Scales the gradients of `parameters` together so that their total norm is at most
/// `maxNorm`, and returns the total norm before clipping (PyTorch's `clip_grad_norm_`).
///
///     ‖g‖ = (Σ over every element of every gradient |gᵢ|ᵖ)^(1/p)      (max |gᵢ| for p = ∞)
///     every g ← g · min(1, maxNorm / (‖g‖ + 1e-6))
///
/// The 1e-6 is PyTorch's, so the numbers match it (the clipped norm is then just under
/// `maxNorm`). Each gradient is scaled in its own element type. Parameters without a gradient
/// are skipped, and a parameter listed twice counts once. The new gradients are constants,
/// however the old ones were computed.
///
///     loss.backward()
///     let norm = try clipGradientNorm(of: model.parameters, maxNorm: 1)
///
/// - Parameters:
///   - parameters: the tensors whose `grad` is scaled in place.
///   - maxNorm: the largest total norm left, ≥ 0 (traps otherwise).
///   - order: p ≥ 1, or `.infinity` for the largest magnitude (PyTorch's `norm_type`).
/// - Throws: `GradientClippingError.nonFiniteNorm` when the total norm is NaN or infinite, as
///   PyTorch does with `error_if_nonfinite=True`; the gradients are then left unchanged.
///   (PyTorch's default would turn every gradient into NaN or zero instead.)
@discardableResult
public func clipGradientNorm(
    of parameters: [Tensor], maxNorm: Double, order: Double = 2
) throws(GradientClippingError) -> Double {
    var seen = Set<ObjectIdentifier>()
    let parameters = parameters.filter { $0.grad != nil && seen.insert(ObjectIdentifier($0)).inserted }
    let (factor, norm) = try clippingFactor(
        for: parameters.map { $0.grad! }, maxNorm: maxNorm, order: order, operation: "clipGradientNorm")
    if factor < 1 {
        withoutGradients {
            for parameter in parameters { parameter.updateGradient { $0 * factor } }
        }
    }
    return norm
}

/// `gradients` scaled together so that their total norm is at most `maxNorm`, and their total
/// norm before clipping: `clipGradientNorm(of:maxNorm:order:)` for the gradients that
/// `valueWithGradient` returns (TensorFlow's `clip_by_global_norm`).
///
///     let (loss, gradients) = valueWithGradient(at: model) { ... }
///     let clipped = try clippedByGlobalNorm(gradients, maxNorm: 1)
///     optimizer.update(model, along: clipped.gradients)
///
/// - Throws: `GradientClippingError.nonFiniteNorm` when the total norm is NaN or infinite.
public func clippedByGlobalNorm(
    _ gradients: [Tensor], maxNorm: Double, order: Double = 2
) throws(GradientClippingError) -> (gradients: [Tensor], norm: Double) {
    let (factor, norm) = try clippingFactor(for: gradients, maxNorm: maxNorm, order: order, operation: "clippedByGlobalNorm")
    guard factor < 1 else { return (gradients, norm) }
    return (withoutGradients { gradients.map { $0 * factor } }, norm)
}

/// Limits every element of the gradients of `parameters` to `-limit...limit` in place
/// (PyTorch's `clip_grad_value_`); NaN stays NaN. Parameters without a gradient are skipped.
///
/// Traps when `limit` is negative or NaN.
public func clipGradientValues(of parameters: [Tensor], to limit: Double) {
    check(limit >= 0, "clipGradientValues(of:to:): the limit must be a number ≥ 0, got \(limit)")
    withoutGradients {
        for parameter in parameters { parameter.updateGradient { $0.clamped(to: -limit...limit) } }
    }
}

/// The factor `min(1, maxNorm / (norm + 1e-6))` every gradient is multiplied by, and the total norm.
///
/// Traps when `maxNorm` is negative or NaN, or `order` is below 1 or NaN, naming `operation`.
private func clippingFactor(
    for gradients: [Tensor], maxNorm: Double, order: Double, operation: String
) throws(GradientClippingError) -> (factor: Double, norm: Double) {
    check(maxNorm >= 0, "\(operation): maxNorm must be a number ≥ 0, got \(maxNorm)")
    check(order >= 1, "\(operation): the order of the norm must be ≥ 1 (or .infinity), got \(order)")
    let norm = totalNorm(of: gradients.map { gradientNorm($0, order: order) }, order: order)
    guard norm.isFinite else { throw .nonFiniteNorm(norm, order: order) }
    return (min(1, maxNorm / (norm + 1e-6)), norm)
}

/// The p-norm of one gradient, computed in its element type (as PyTorch does); 0 when empty.
private func gradientNorm(_ gradient: Tensor, order: Double) -> Double {
    guard gradient.scalarCount > 0 else { return 0 }
    return withoutGradients {
        switch order {
        case 2: gradient.frobeniusNorm().scalar
        case .infinity: abs(gradient).max().scalar
        default: Foundation.pow(pow(abs(gradient), order).sum().scalar, 1 / order)
        }
    }
}

/// The p-norm of the per-gradient norms, which is the norm of all the elements together:
/// scaled by the largest, so that no power overflows; NaN when one norm is NaN.
private func totalNorm(of norms: [Double], order: Double) -> Double {
    if norms.contains(where: \.isNaN) { return .nan }
    let largest = norms.max() ?? 0
    guard order.isFinite, largest.isFinite, largest > 0 else { return largest }
    return largest * Foundation.pow(norms.reduce(0) { $0 + Foundation.pow($1 / largest, order) }, 1 / order)
}
