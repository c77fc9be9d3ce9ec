import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

/// Three steps of `optimizer` on f(θ) = Σ(θ − c)² from θ = [1, −2]; returns θ.
private func threeSteps(of optimizer: some Optimizer, center: [Double] = [0, 0]) -> [Double] {
    let theta = Tensor([1.0, -2]).requiringGradient()
    for _ in 0..<3 {
        let gradients = gradient(withRespectTo: [theta]) { square(theta - Tensor(center)).sum() }
        optimizer.update([theta], along: gradients)
    }
    return theta.scalars
}

@Suite("Optimizers and schedules")
struct OptimizerTests {
    // Expected trajectories: PyTorch's documented update rules (torch.optim SGD, Adam, AdamW,
    // including Adam's lerp for the first moment), written out in NumPy 2.4.6, three steps
    // on f(θ) = Σ(θ − c)² from θ = [1, −2] with learning rate 0.1; c = 0 for SGD, and
    // c = [0.5, 0.25] for Adam, where a uniform gradient scale would hide weight decay.

    @Test("plain SGD: θ ← θ − ηg, so θ shrinks by 0.8 each step")
    func plainSGD() {
        #expect(threeSteps(of: SGD(learningRate: 0.1)) == [0.512, -1.024])
    }

    @Test("SGD with momentum")
    func momentum() {
        expectClose(threeSteps(of: SGD(learningRate: 0.1, momentum: 0.9)), [0.06199999999999989, -0.12399999999999978])
    }

    @Test("SGD with Nesterov momentum and weight decay")
    func nesterov() {
        expectClose(threeSteps(of: SGD(learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01)),
                    [-0.11165109425900016, 0.22330218851800032])
    }

    @Test("Adam, with and without L2 weight decay")
    func adam() {
        let center = [0.5, 0.25]
        expectClose(threeSteps(of: Adam(learningRate: 0.1), center: center), [0.7048712525602996, -1.7005387267792513])
        expectClose(threeSteps(of: Adam(learningRate: 0.1, weightDecay: 1), center: center),
                    [0.7029704940663027, -1.7005643386135074])
    }

    @Test("AdamW decays the weights directly")
    func adamW() {
        expectClose(threeSteps(of: AdamW(learningRate: 0.1, weightDecay: 0.1), center: [0.5, 0.25]),
                    [0.6790401710086296, -1.6442593343461251])
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
        #expect(!loss.requiresGrad, "the returned loss holds no graph")
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
}
