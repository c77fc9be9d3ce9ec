import Autograd
import Foundation

/// The learning rate as a function of the step count. A plain number is a constant rate:
/// `SGD(learningRate: 0.1)`.
public struct LearningRateSchedule: Sendable, ExpressibleByFloatLiteral {
    private let rateAtStep: @Sendable (Int) -> Double

    private init(_ rateAtStep: @escaping @Sendable (Int) -> Double) {
        self.rateAtStep = rateAtStep
    }

    /// The rate for update number `step` (counting from 0).
    public func rate(atStep step: Int) -> Double { rateAtStep(step) }

    /// The same rate at every step.
    public static func constant(_ rate: Double) -> LearningRateSchedule { LearningRateSchedule { _ in rate } }

    /// A constant rate.
    public init(floatLiteral rate: Double) { self = .constant(rate) }

    /// `initial`, multiplied by `factor` every `interval` steps (PyTorch's `StepLR`).
    ///
    ///     η(t) = η₀ · factor^⌊t/interval⌋
    public static func step(initial: Double, factor: Double, every interval: Int) -> LearningRateSchedule {
        check(interval > 0, "LearningRateSchedule.step: interval must be positive, got \(interval)")
        return LearningRateSchedule { step in initial * Foundation.pow(factor, Double(step / interval)) }
    }

    /// Cosine annealing from `initial` to `minimum` over `steps` steps, then `minimum`
    /// (PyTorch's `CosineAnnealingLR`, one half period).
    ///
    ///     η(t) = η_min + ½(η₀ − η_min)(1 + cos(π·t/steps))
    public static func cosine(initial: Double, minimum: Double = 0, steps: Int) -> LearningRateSchedule {
        check(steps > 0, "LearningRateSchedule.cosine: steps must be positive, got \(steps)")
        return LearningRateSchedule { step in
            let progress = Double(Swift.min(step, steps)) / Double(steps)
            return minimum + 0.5 * (initial - minimum) * (1 + Foundation.cos(.pi * progress))
        }
    }
}
