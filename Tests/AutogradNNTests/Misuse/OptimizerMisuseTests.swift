import Autograd
import AutogradNN
import Testing

/// Optimisers given parameter and gradient lists that do not match, or settings that cannot
/// work, trap naming the optimiser and the values. (Shapes and types of gradients that do not
/// match are tested in OptimizerTests.)
@Suite("Misuse: optimisers")
struct OptimizerMisuseTests {
    static let misuses: [NNMisuseCase] = [
        NNMisuseCase(name: "fewer gradients than parameters", message: "update(_:along:): 2 parameters but 1 gradients") {
            SGD(learningRate: 0.1).update([Tensor.ones([2]), Tensor.ones([3])], along: [Tensor.ones([2])])
        },
        // PyTorch's optimisers raise "Invalid learning rate" for a negative rate and accept 0
        // (schedules start or end there); NaN fails the same comparison.
        NNMisuseCase(name: "a negative learning rate", message: "LearningRateSchedule.constant: the learning rate must be a finite number ≥ 0, got -0.1") {
            _ = SGD(learningRate: -0.1)
        },
        NNMisuseCase(name: "a NaN learning rate", message: "LearningRateSchedule.constant: the learning rate must be a finite number ≥ 0, got nan") {
            _ = Adam(learningRate: .constant(.nan))
        },
        NNMisuseCase(name: "a negative initial rate of a step schedule", message: "LearningRateSchedule.step: the initial learning rate must be a finite number ≥ 0, got -1.0") {
            _ = LearningRateSchedule.step(initial: -1, factor: 0.5, every: 10)
        },
        NNMisuseCase(name: "a negative factor of a step schedule", message: "LearningRateSchedule.step: the factor must be a finite number ≥ 0, got -0.5") {
            _ = LearningRateSchedule.step(initial: 1, factor: -0.5, every: 10)
        },
        NNMisuseCase(name: "a NaN factor of a step schedule", message: "LearningRateSchedule.step: the factor must be a finite number ≥ 0, got nan") {
            _ = LearningRateSchedule.step(initial: 1, factor: .nan, every: 10)
        },
        NNMisuseCase(name: "a negative minimum of a cosine schedule", message: "LearningRateSchedule.cosine: the minimum learning rate must be a finite number ≥ 0, got -0.5") {
            _ = LearningRateSchedule.cosine(initial: 1, minimum: -0.5, steps: 10)
        },
        NNMisuseCase(name: "Adam with beta1 = 1", message: "Adam: beta1 (1.0) and beta2 (0.999) must be in [0, 1)") {
            _ = Adam(learningRate: 0.1, beta1: 1)
        },
    ]

    @Test("traps naming the optimiser and the values", arguments: misuses)
    func traps(_ misuse: NNMisuseCase) async { await expectTrap(misuse, table: "optimizers") }
}
