// Expressions a user writes, mixing tensors with literals and scalars: scripts/check-type-checking
// type-checks this file against the built modules with
// -warn-long-expression-type-checking and fails on any warning, so a new operator overload or
// literal conformance that makes them slow to type-check is caught. It is not part of any
// target: it is never compiled into the package, only type-checked.
import Autograd
import AutogradNN
import Foundation

// MARK: - The README's tour

func tour() throws {
    let w = Tensor.randomNormal([3, 2], seed: 0).requiringGradient()
    let x = Tensor([[1.0, 2.0, 3.0]])
    let loss = tanh(matmul(x, w)).sum()
    loss.backward()
    let g = gradient(at: x) { x in (x * x).sum() }
    let (value, pullback) = valueWithPullback(at: x) { x in sin(x) }
    let (y, dy) = jvp(at: x, tangent: Tensor.ones(x.shape)) { exp($0) }
    let hv = hessianVectorProduct(at: x, along: x) { pow($0, 3).sum() }
    let a = 2 * Tensor.eye(3) + Tensor.randomNormal([3, 3], seed: 1)
    let da = try gradient(at: a) { try $0.inverse().frobeniusNorm() }
    let cube = CustomDerivative("cube",
        forward: { inputs in (value: pow(inputs[0], 3), residuals: []) },
        pullback: { cotangent, rule in [cotangent * 3 * square(rule.inputs[0])] },
        differential: { tangents, rule in tangents[0] * 3 * square(rule.inputs[0]) })
    print(g, value, pullback(x), y, dy, hv, da, checkGradients(at: x, order: 2) { cube($0) })
}

// MARK: - The README's training loop

func train() throws {
    let digits = try Dataset.digits()
    let (train, test) = digits.split(testFraction: 0.2, seed: 0)
    let standardize = Standardizer(fitting: train.features)
    let model = Sequential {
        Linear(inputSize: 64, outputSize: 128, seed: 1)
        Activation.relu
        Linear(inputSize: 128, outputSize: 10, seed: 2)
    }
    let optimizer = SGD(learningRate: .cosine(initial: 0.05, steps: 2_000), momentum: 0.9, nesterov: true)
    for epoch in 0..<40 {
        for batch in train.batches(of: 32, shuffledWith: UInt64(epoch)) {
            let (loss, gradients) = valueWithGradient(at: model) { model in
                crossEntropy(logits: model(standardize(batch.features)), labels: batch.labels)
            }
            optimizer.update(model, along: gradients)
            print(loss)
        }
    }
    print(model(standardize(test.features)).argmaxIndices(alongAxis: 1))
}

// MARK: - Literal-heavy lines

func literalHeavy(y: Tensor, mu: Tensor, sigma: Tensor, x: Tensor, n: Int) {
    // A Gaussian negative log-likelihood in one line.
    let nll = 0.5 * (((y - mu) / sigma) * ((y - mu) / sigma)).sum() + log(sigma).sum() * Double(n) + 0.5 * Double(n) * log(2 * .pi)
    let affine = x * 0.5 + 1
    let polynomial = 3 * x * x * x - 2 * x * x + 0.5 * x - 7
    let logistic = 1 / (1 + exp(-x)) * 2 - 1
    let huber = 0.5 * (x - y) * (x - y) / 1.5 + 0.25 * abs(x - y) - 0.125 * 2
    let standardized = (x - x.mean()) / sqrt(((x - x.mean()) * (x - x.mean())).mean() + 1e-5)
    let gelu = 0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))
    print(nll, affine, polynomial, logistic, huber, standardized, gelu)
}

// MARK: - Literals, Int operands and equality

func conveniences(x: Tensor, predictions: Tensor, targets: Tensor, n: Int) {
    let w: Tensor = [[0.5, -1], [2, 0.25], [1, 1]]
    let b: Tensor = [0.1, -0.2]
    let logits = matmul(x, w) + b * 2 - 1
    let scaled = x * n + n / (x * x + 1) - x / n + 2 * n * x
    let mean = x.sum() / x.scalarCount
    let ridge = ((predictions - targets) * (predictions - targets)).mean() * 0.5 + 1e-3 * (w * w).sum() / n
    let same = logits == [[1, 2]] || scaled.isApproximatelyEqual(to: [[1, 2, 3]], absoluteTolerance: 1e-6)
    let mixed = 0.5 * x * x + 2 * x - 3 + x * n / 2 - [[1, 2, 3]] * x
    print(logits, scaled, mean, ridge, same, mixed)
}

// MARK: - The README's tensor-language block

func tensorLanguage() {
    let m: Tensor = [[1, 2, 3], [4, 5, 6]]
    let row = m[0]
    let columns = m[..., 1..<3]
    let last = m[.ellipsis, -1]
    let spread = m.variance(alongAxes: 1)
    let gram = einsum("ij,kj->ik", m, m)
    let top = m.topK(2, alongAxis: 1)
    let image = Tensor.randomNormal([8, 1, 28, 28], seed: 3)
    let features = maxPool2d(relu(conv2d(image, weight: Tensor.randomNormal([4, 1, 3, 3], seed: 4), padding: 1)), kernelSize: 2)
    print(m * 2 == m + m, m, row, columns, last, spread, gram, top, features.shape)
}
