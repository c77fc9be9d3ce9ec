// The transforms of the composition matrix, each as a function from a differentiable
// function (with its closed form) to its derivative (with the derivative's closed form).
import Autograd
import Testing

/// A function of a vector and its closed form.
struct Composable: Sendable {
    let name: String
    let function: @Sendable (Tensor) -> Tensor
    let form: ClosedForm
}

/// One transform: how it differentiates a function, and whether it applies to it.
struct Transform: Sendable, CustomTestStringConvertible {
    let name: String
    let apply: @Sendable (Composable) -> Composable?
    var testDescription: String { name }

    /// A reverse-mode transform: `body(x, c, f)` is ∂/∂x ⟨f(x), c⟩ for a constant c of f's shape.
    static func reverse(
        _ name: String, _ body: @escaping @Sendable (Tensor, Tensor, @escaping @Sendable (Tensor) -> Tensor) -> Tensor
    ) -> Transform {
        Transform(name: name) { inner in
            let shape = inner.form.shape(n: inputSize)
            return Composable(
                name: "\(name) ∘ \(inner.name)", function: { x in body(x, weights(shape, dtype: x.dtype), inner.function) },
                form: inner.form.innerProduct(with: weights(shape).scalars).jacobian())
        }
    }

    /// A transform that takes the second derivative of ⟨f(x), c⟩ (of f itself when it is
    /// scalar); `form` maps the closed form of that scalar function.
    static func secondOrder(
        _ name: String, _ body: @escaping @Sendable (Tensor, @escaping @Sendable (Tensor) -> Tensor) -> Tensor,
        form: @escaping @Sendable (ClosedForm) -> ClosedForm
    ) -> Transform {
        Transform(name: name) { inner in
            let shape = inner.form.shape(n: inputSize)
            let scalarFunction: @Sendable (Tensor) -> Tensor = { x in (inner.function(x) * weights(shape, dtype: x.dtype)).sum() }
            return Composable(
                name: "\(name) ∘ \(inner.name)", function: { x in body(x, scalarFunction) },
                form: form(inner.form.innerProduct(with: weights(shape).scalars)))
        }
    }

    /// A Jacobian in `mode`, for functions of rank at most 2 (the result has rank at most 3).
    static func jacobian(_ mode: JacobianMode, _ name: String) -> Transform {
        Transform(name: name) { inner in
            guard inner.form.rank <= 2 else { return nil }
            return Composable(
                name: "\(name) ∘ \(inner.name)", function: { x in Autograd.jacobian(at: x, mode: mode, of: inner.function) },
                form: inner.form.jacobian())
        }
    }
}

/// The size of every input in the matrix.
let inputSize = 3
/// The point every function is evaluated at.
let point: [Double] = [0.3, -0.7, 1.1]
/// The direction of every forward-mode transform.
let direction: [Double] = [0.5, -1.5, 2.0]

/// `direction` as a tensor of x's type (its values are exact in float32).
func directionTensor(like x: Tensor) -> Tensor { Tensor(direction).converted(to: x.dtype) }

/// Distinct constants of `shape` to contract results with: 0.75, −1, 1.25, −1.5, … (exact in
/// both types; in the type of the input they meet, so a float32 tower stays float32).
func weights(_ shape: [Int], dtype: DType = .float64) -> Tensor {
    let count = shape.reduce(1, *)
    let scalars = (0..<count).map { (index: Int) -> Double in
        let magnitude = 0.75 + 0.25 * Double(index)
        return index.isMultiple(of: 2) ? magnitude : -magnitude
    }
    return Tensor(shape: shape, scalars: scalars).converted(to: dtype)
}

/// The reverse-mode transforms, each computing ∂/∂x ⟨f(x), c⟩.
let reverseTransforms: [Transform] = [
    .reverse("gradient") { x, c, f in gradient(at: x) { (f($0) * c).sum() } },
    .reverse("valueWithGradient") { x, c, f in valueWithGradient(at: x) { (f($0) * c).sum() }.gradient },
    .reverse("vjp") { x, c, f in vjp(at: x, cotangent: c, of: f).cotangent },
    .reverse("valueWithPullback") { x, c, f in valueWithPullback(at: x, of: f).pullback(c) },
    .reverse("gradient(withRespectTo:)") { x, c, f in gradient(withRespectTo: [x]) { (f(x) * c).sum() }[0] },
    .reverse("backward(creatingGraph:)") { x, c, f in
        let shift = Tensor.zeros(x.shape, dtype: x.dtype).requiringGradient()
        let loss = (f(x + shift) * c).sum()
        shift.zeroGrad()  // a backward(creatingGraph:) inside f has already added to it, as in PyTorch
        loss.backward(creatingGraph: true)
        return shift.grad!
    },
]

/// The forward-mode transform, the Jacobians and the second-order transforms.
let otherTransforms: [Transform] = [
    Transform(name: "jvp") { inner in
        Composable(
            name: "jvp ∘ \(inner.name)", function: { x in jvp(at: x, tangent: directionTensor(like: x), of: inner.function).tangent },
            form: inner.form.differentiated(along: direction))
    },
    .jacobian(.reverse, "jacobian(reverse)"),
    .jacobian(.forward, "jacobian(forward)"),
    .secondOrder("hessian", { x, f in hessian(at: x, of: f) }, form: { $0.jacobian().jacobian() }),
    .secondOrder(
        "hessianVectorProduct(forwardOverReverse)", { x, f in hessianVectorProduct(at: x, along: directionTensor(like: x), of: f) },
        form: { $0.jacobian().differentiated(along: direction) }),
    .secondOrder(
        "hessianVectorProduct(reverseOverReverse)",
        { x, f in hessianVectorProduct(at: x, along: directionTensor(like: x), method: .reverseOverReverse, of: f) },
        form: { $0.jacobian().differentiated(along: direction) }),
]

/// Every transform, nested in every other by the matrix.
let allTransforms = reverseTransforms + otherTransforms

/// sin as a custom rule whose pullback and differential read a residual, cos x, which
/// higher orders must differentiate through the forward computation.
func sineWithResidual() -> CustomDerivative {
    CustomDerivative(
        "sine with a residual",
        forward: { inputs in (value: sin(inputs[0]), residuals: [cos(inputs[0])]) },
        pullback: { cotangent, rule in [cotangent * rule.residuals[0]] },
        differential: { tangents, rule in tangents[0] * rule.residuals[0] })
}

/// The functions at the bottom of every tower: sin elementwise and its sum, built in and as
/// a custom rule.
let baseFunctions: [Composable] = [
    Composable(name: "sin", function: { sin($0) }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])),
    Composable(name: "Σ sin", function: { sin($0).sum() }, form: ClosedForm(rank: 0, order: 0, multiplier: [1, 1, 1])),
    Composable(name: "custom sin", function: { sineWithResidual()($0) }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])),
    Composable(
        name: "Σ custom sin", function: { sineWithResidual()($0).sum() }, form: ClosedForm(rank: 0, order: 0, multiplier: [1, 1, 1])),
]
