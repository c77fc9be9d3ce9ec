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

    /// The same rate at every step; traps unless it is a finite number ≥ 0.
    public static func constant(_ rate: Double) -> LearningRateSchedule {
        checkRate(rate, "the learning rate", operation: "LearningRateSchedule.constant")
        return LearningRateSchedule { _ in rate }
    }

    /// Traps unless `rate` is a finite number ≥ 0. As PyTorch's optimisers ("Invalid learning
    /// rate"), a negative rate (and NaN) is refused and 0 allowed: schedules start or end there.
    private static func checkRate(_ rate: Double, _ role: String, operation: String) {
        check(rate.isFinite && rate >= 0, "\(operation): \(role) must be a finite number ≥ 0, got \(rate)")
    }

    /// A constant rate.
    public init(floatLiteral rate: Double) { self = .constant(rate) }

    /// `initial`, multiplied by `factor` every `interval` steps (PyTorch's `StepLR`); traps
    /// unless `initial` and `factor` are finite numbers ≥ 0 (a negative or NaN factor would
    /// give negative or NaN rates from its first interval on).
    ///
    ///     η(t) = η₀ · factor^⌊t/interval⌋
    public static func step(initial: Double, factor: Double, every interval: Int) -> LearningRateSchedule {
        check(interval > 0, "LearningRateSchedule.step: interval must be positive, got \(interval)")
        checkRate(initial, "the initial learning rate", operation: "LearningRateSchedule.step")
        checkRate(factor, "the factor", operation: "LearningRateSchedule.step")
        return LearningRateSchedule { step in initial * Foundation.pow(factor, Double(step / interval)) }
    }

    /// Cosine annealing from `initial` to `minimum` over `steps` steps, then `minimum`
    /// (PyTorch's `CosineAnnealingLR`, one half period); traps unless both rates are finite
    /// numbers ≥ 0.
    ///
    ///     η(t) = η_min + ½(η₀ − η_min)(1 + cos(π·t/steps))
    public static func cosine(initial: Double, minimum: Double = 0, steps: Int) -> LearningRateSchedule {
        check(steps > 0, "LearningRateSchedule.cosine: steps must be positive, got \(steps)")
        checkRate(initial, "the initial learning rate", operation: "LearningRateSchedule.cosine")
        checkRate(minimum, "the minimum learning rate", operation: "LearningRateSchedule.cosine")
        return LearningRateSchedule { step in
            let progress = Double(Swift.min(step, steps)) / Double(steps)
            return minimum + 0.5 * (initial - minimum) * (1 + Foundation.cos(.pi * progress))
        }
    }
}
