import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

/// Three steps of `optimizer` on f(θ) = Σθ² from θ = [1, −2]; returns θ.
private func threeSteps(of optimizer: some Optimizer) -> [Double] {
    let theta = Tensor([1.0, -2]).requiringGradient()
    for _ in 0..<3 {
        let gradients = gradient(withRespectTo: [theta]) { square(theta).sum() }
        optimizer.update([theta], along: gradients)
    }
    return theta.scalars
}

/// One optimizer configuration and PyTorch's trajectories for it in float64
/// (`PyTorchTrajectories`) and float32 (`PyTorchTrajectoriesFloat32`).
struct PyTorchCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let makeOptimizer: @Sendable () -> any Optimizer
    let expected: [[[Double]]]
    let expectedFloat32: [[[Double]]]
}

/// An optimizer and the weight two of its steps reach in `stateFollowsConversion`.
struct ConversionCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let makeOptimizer: @Sendable () -> any Optimizer
    let expected: Double
}

/// The parameters after each step of `optimizer` along `PyTorchTrajectories.gradients`, from
/// `PyTorchTrajectories.start`, both rounded to `dtype` as `torch.tensor` rounds them; traps
/// (in `assign`) if a step leaves `dtype`.
private func trajectory(of optimizer: any Optimizer, dtype: DType = .float64) -> [[[Double]]] {
    let parameters = PyTorchTrajectories.start.map { Tensor($0).converted(to: dtype) }
    return PyTorchTrajectories.gradients.map { gradients in
        optimizer.update(parameters, along: gradients.map { Tensor($0).converted(to: dtype) })
        return parameters.map(\.scalars)
    }
}

/// The largest distance in units in the last place of `dtype` between corresponding values.
private func largestULPDistance(_ a: [[[Double]]], _ b: [[[Double]]], dtype: DType = .float64) -> Double {
    zip(a.joined().joined(), b.joined().joined()).map { x, y in
        Swift.abs(x - y) / (dtype == .float32 ? Double(Float(y).ulp) : y.ulp)
    }.max() ?? 0
}

@Suite("Optimizers and schedules")
struct OptimizerTests {
    // Expected trajectories: PyTorch's optimizers themselves, in PyTorchTrajectories.swift.
    static let pyTorchCases: [PyTorchCase] = [
        .init(testDescription: "SGD, momentum and weight decay", makeOptimizer: { SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01) },
              expected: PyTorchTrajectories.sgdMomentumWeightDecay, expectedFloat32: PyTorchTrajectoriesFloat32.sgdMomentumWeightDecay),
        .init(testDescription: "SGD, Nesterov momentum and weight decay",
              makeOptimizer: { SGD(learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01) },
              expected: PyTorchTrajectories.sgdNesterovWeightDecay, expectedFloat32: PyTorchTrajectoriesFloat32.sgdNesterovWeightDecay),
        .init(testDescription: "Adam", makeOptimizer: { Adam(learningRate: 0.1) }, expected: PyTorchTrajectories.adam,
              expectedFloat32: PyTorchTrajectoriesFloat32.adam),
        .init(testDescription: "Adam, L2 weight decay", makeOptimizer: { Adam(learningRate: 0.1, weightDecay: 0.1) },
              expected: PyTorchTrajectories.adamWeightDecay, expectedFloat32: PyTorchTrajectoriesFloat32.adamWeightDecay),
        .init(testDescription: "AdamW", makeOptimizer: { AdamW(learningRate: 0.1, weightDecay: 0.1) }, expected: PyTorchTrajectories.adamW,
              expectedFloat32: PyTorchTrajectoriesFloat32.adamW),
    ]

    // Measured: 0 ulp for SGD with momentum, 2 with Nesterov, 7 for Adam and AdamW, 1 for Adam
    // with L2 decay. The optimizers do PyTorch's operations in PyTorch's order; what is left is
    // PyTorch's fused multiply-adds (its CPU kernels use FMA on CPUs that have it) and its
    // square root (MKL's, not correctly rounded): scripts/references/optimizer_trajectories.py
    // replays PyTorch's steps with both and reproduces every value.
    @Test("PyTorch's own trajectories (torch 2.13, CPU), within 7 units in the last place", arguments: pyTorchCases)
    func matchesPyTorch(_ testCase: PyTorchCase) {
        let distance = largestULPDistance(trajectory(of: testCase.makeOptimizer()), testCase.expected)
        #expect(distance <= 7, "largest distance: \(distance) ulp")
    }

    // The parameters must stay float32 through every step: state kept in another type would
    // make a step float64, and `assign` would trap. Measured: 0 float32 ulp for SGD with
    // momentum, Adam and AdamW, 1 with Nesterov, 7 for Adam with L2 decay (PyTorch fuses
    // `grad.add(param, alpha: λ)` and its other multiply-adds, as in float64 above).
    @Test("PyTorch's float32 trajectories (torch 2.13, CPU), in float32 throughout, within 7 float32 ulp", arguments: pyTorchCases)
    func matchesPyTorchInFloat32(_ testCase: PyTorchCase) {
        let distance = largestULPDistance(
            trajectory(of: testCase.makeOptimizer(), dtype: .float32), testCase.expectedFloat32, dtype: .float32)
        #expect(distance <= 7, "largest distance: \(distance) float32 ulp")
    }

    // By hand, gradient 1 at both steps. SGD: b = 1, θ = 1 − 0.1 = 0.9; then b = 0.5 + 1 = 1.5,
    // θ = 0.9 − 0.15 = 0.75. Adam with a constant gradient moves by η·g/(|g| + ε) ≈ 0.1 per step.
    @Test("optimizer state follows a model converted between steps", arguments: [
        ConversionCase(testDescription: "SGD with momentum", makeOptimizer: { SGD(learningRate: 0.1, momentum: 0.5) }, expected: 0.75),
        ConversionCase(testDescription: "Adam", makeOptimizer: { Adam(learningRate: 0.1) }, expected: 0.8),
    ])
    func stateFollowsConversion(_ testCase: ConversionCase) {
        let model = Linear(inputSize: 1, outputSize: 1, hasBias: false, seed: 0)
        model.weight.assign(Tensor([[1.0]]))
        let optimizer = testCase.makeOptimizer()
        optimizer.update(model, along: [Tensor([[1.0]])])
        model.convert(to: .float32)
        optimizer.update(model, along: [Tensor([[1]] as [[Float]])])
        #expect(model.weight.dtype == .float32)
        expectClose(model.weight.scalars, [testCase.expected], tolerance: 1e-6)
    }

    // By hand, through the training-loop path (gradients from `gradient(withRespectTo:)`).
    @Test("plain SGD: θ ← θ − ηg, so θ shrinks by 0.8 each step")
    func plainSGD() {
        #expect(threeSteps(of: SGD(learningRate: 0.1)) == [0.512, -1.024])
    }

    @Test("Adam corrects each parameter's bias by its own step count")
    func adamStepsPerParameter() {
        // By hand: Adam's first step moves by η·g/(|g| + ε) ≈ η whatever the gradient, so a
        // parameter first updated in a later call still moves by 0.1.
        let w = Tensor([1.0]), b = Tensor([1.0])
        let optimizer = Adam(learningRate: 0.1)
        optimizer.update([w], along: [Tensor([2.0])])
        optimizer.update([b], along: [Tensor([2.0])])
        expectClose(w.scalars, [0.9], tolerance: 1e-8)
        #expect(b.scalars == w.scalars)
    }

    @Test("a layer used twice is one parameter, stepped once (as PyTorch)")
    func sharedLayer() {
        let shared = Linear(inputSize: 1, outputSize: 1, hasBias: false, seed: 0)
        shared.weight.assign(Tensor([[1.0]]))
        let model = Sequential([shared, shared])
        #expect(model.namedParameters.map(\.name) == ["0.weight", "1.weight"])
        #expect(model.parameters.count == 1)
        // By hand: f(w) = w·(w·x) at x = 1 has f′ = 2w = 2; one step of 0.1 gives 0.8.
        let (loss, gradients) = valueWithGradient(at: model) { $0(Tensor([[1.0]])).sum() }
        #expect(gradients.map(\.scalars) == [[2]])
        // The weight requires gradients, so the loss stays differentiable (as with gradient(at:)).
        #expect(loss.requiresGrad)
        SGD(learningRate: 0.1).update(model, along: gradients)
        expectClose(shared.weight.scalars, [0.8])
    }

    @Test("an update counts steps and leaves grad alone")
    func updateLeavesGradAlone() {
        let model = Linear(inputSize: 2, outputSize: 1, seed: 3)
        let x = Tensor([[1.0, 2]])
        (model(x).sum()).backward()
        let accumulated = model.accumulatedGradients
        let optimizer = SGD(learningRate: 0.5)
        let before = model.weight.scalars
        optimizer.update(model, along: accumulated)
        // By hand: ∂(w·x + b)/∂w = x = [1, 2], so w moves by −0.5·[1, 2].
        #expect(model.weight.scalars == [before[0] - 0.5, before[1] - 1])
        #expect(model.bias!.scalars == [-0.5])
        #expect(model.weight.grad?.scalars == [1, 2], "the optimizer must not zero gradients")
        #expect(optimizer.stepCount == 1)
        model.zeroGradients()
        #expect(model.weight.grad == nil)
    }

    @Test("step and cosine schedules")
    func schedules() {
        let step = LearningRateSchedule.step(initial: 1, factor: 0.5, every: 10)
        #expect([0, 9, 10, 25].map { step.rate(atStep: $0) } == [1, 1, 0.5, 0.25])
        let cosine = LearningRateSchedule.cosine(initial: 1, minimum: 0.1, steps: 100)
        // By hand: η(50) = 0.1 + ½·0.9·(1 + cos(π/2)) = 0.55; η(100) = η(200) = 0.1.
        expectClose([0, 50, 100, 200].map { cosine.rate(atStep: $0) }, [1, 0.55, 0.1, 0.1])
        let optimizer = SGD(learningRate: step)
        optimizer.stepCount = 10
        #expect(optimizer.currentLearningRate == 0.5)
    }

    @Test("gradients that do not match the parameters trap, naming the shapes")
    func mismatchedGradients() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            SGD(learningRate: 0.1).update([Tensor.zeros([2, 3])], along: [Tensor.zeros([3, 2])])
        }
        #expect(standardError(of: result).contains("a gradient of shape [3, 2] for a parameter of shape [2, 3]"))
    }

    @Test("a gradient of another type than its parameter traps, naming both types")
    func mismatchedGradientType() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            SGD(learningRate: 0.1).update([Tensor.zeros([2], dtype: .float32)], along: [Tensor.zeros([2])])
        }
        #expect(standardError(of: result).contains("update(_:along:): a float64 gradient for a float32 parameter of shape [2]"))
    }
}
