import AutogradTestSupport
import Testing
import Autograd
import Foundation

/// x² = θ, solved by Newton's method, gives x = √θ: its derivatives by the implicit function
/// theorem against the closed forms (hand derivation)
///
///     dx/dθ = ½·θ^(−1/2)        d²x/dθ² = −¼·θ^(−3/2)
///
/// in both modes and every nesting, for each way of solving with ∂F/∂x = 2x.
@Suite("implicitRoot: x² = θ")
struct SquareRootTests {
    static let theta: [Double] = [4, 2.25, 0.5]

    /// √θ elementwise as the root of F(x) = x ⊙ x − θ.
    static func squareRoot(_ theta: Tensor, _ linearSolver: ImplicitLinearSolver) -> Tensor {
        try! implicitRoot(of: { x in x * x - theta }, initialGuess: Tensor.ones(theta.shape, dtype: theta.dtype), linearSolver: linearSolver,
                          solver: newtonSolver)
    }

    @Test("the value is √θ", arguments: implicitLinearSolvers)
    func value(_ linearSolver: ImplicitLinearSolver) {
        let theta = Tensor(Self.theta).requiringGradient()
        expectClose(Self.squareRoot(theta, linearSolver).scalars, Self.theta.map { $0.squareRoot() }, tolerance: 1e-14)
    }

    @Test("gradient and jvp are ½θ^(−1/2)", arguments: implicitLinearSolvers)
    func firstDerivative(_ linearSolver: ImplicitLinearSolver) {
        let expected = Self.theta.map { 0.5 / $0.squareRoot() }
        let reverse = gradient(at: Tensor(Self.theta)) { Self.squareRoot($0, linearSolver).sum() }
        let forward = jvp(at: Tensor(Self.theta), tangent: Tensor([1, 1, 1])) { Self.squareRoot($0, linearSolver) }.tangent
        expectClose(reverse.scalars, expected, tolerance: 1e-12)
        expectClose(forward.scalars, expected, tolerance: 1e-12)
    }

    @Test("HVP, gradient of gradient and jvp of jvp are −¼θ^(−3/2)", arguments: implicitLinearSolvers)
    func secondDerivative(_ linearSolver: ImplicitLinearSolver) {
        let v: [Double] = [1, -2, 0.5]
        let expected = zip(Self.theta, v).map { -0.25 * pow($0, -1.5) * $1 }
        let f: (Tensor) -> Tensor = { Self.squareRoot($0, linearSolver).sum() }
        for method in [HessianVectorProductMethod.forwardOverReverse, .reverseOverReverse] {
            let hvp = hessianVectorProduct(at: Tensor(Self.theta), along: Tensor(v), method: method, of: f)
            expectClose(hvp.scalars, expected, tolerance: 1e-10)
        }
        let forwardOverForward = jvp(at: Tensor(Self.theta), tangent: Tensor(v)) { theta in
            jvp(at: theta, tangent: Tensor(v)) { Self.squareRoot($0, linearSolver) }.tangent
        }.tangent
        expectClose(forwardOverForward.scalars, zip(expected, v).map { $0 * $1 }, tolerance: 1e-10)
        let reverseOverForward = gradient(at: Tensor(Self.theta)) { theta in
            jvp(at: theta, tangent: Tensor(v)) { Self.squareRoot($0, linearSolver) }.tangent.sum()
        }
        expectClose(reverseOverForward.scalars, expected, tolerance: 1e-10)
    }

    @Test("dense: third and fourth derivatives are ⅜θ^(−5/2) and −(15/16)θ^(−7/2), in reverse and forward mode")
    func denseHigherOrders() {
        let f: (Tensor) -> Tensor = { Self.squareRoot($0, .dense).sum() }
        let third = gradient(at: Tensor(Self.theta)) { gradient(at: $0) { gradient(at: $0, of: f).sum() }.sum() }
        expectClose(third.scalars, Self.theta.map { 0.375 * pow($0, -2.5) }, tolerance: 1e-9)
        let fourth = gradient(at: Tensor(Self.theta)) { theta in
            hessianVectorProduct(at: theta, along: Tensor([1, 1, 1])) { gradient(at: $0, of: f).sum() }.sum()
        }
        expectClose(fourth.scalars, Self.theta.map { -0.9375 * pow($0, -3.5) }, tolerance: 1e-8)
        let one = Tensor([1.0, 1, 1])
        let forwardThird = jvp(at: Tensor(Self.theta), tangent: one) { theta in
            jvp(at: theta, tangent: one) { jvp(at: $0, tangent: one, of: f).tangent }.tangent
        }.tangent
        expectClose([forwardThird.scalar], [Self.theta.map { 0.375 * pow($0, -2.5) }.reduce(0, +)], tolerance: 1e-9)
    }

    /// The k-th derivative of a scalar function by k nested `jvp`s.
    static func derivative(_ k: Int, of f: @escaping (Tensor) -> Tensor) -> (Tensor) -> Tensor {
        k == 0 ? f : { t in jvp(at: t, tangent: Tensor.ones(t.shape), of: derivative(k - 1, of: f)).tangent }
    }

    @Test("dense: the seventh derivative is (10395/128)·θ^(−13/2), by seven nested jvps")
    func denseSeventhOrder() {
        let seventh = Self.derivative(7) { Self.squareRoot($0, .dense) }(Tensor([4.0]))
        expectClose(seventh.scalars, [10395.0 / 128 * pow(4, -6.5)], tolerance: 1e-9)
    }

    @Test("derivatives match central differences to second order", arguments: implicitLinearSolvers)
    func gradientCheck(_ linearSolver: ImplicitLinearSolver) {
        let report = checkGradients(at: Tensor(Self.theta), order: 2) { Self.squareRoot($0, linearSolver) }
        #expect(report.passed, "\(report)")
    }

    @Test("float32: value, derivatives and the gradient check", arguments: implicitLinearSolvers)
    func float32(_ linearSolver: ImplicitLinearSolver) {
        let linearSolver: ImplicitLinearSolver = if case .matrixFree(let method, _, _) = linearSolver {
            .matrixFree(method)   // the float32 default tolerance, 10⁻⁵
        } else {
            linearSolver
        }
        let theta = Tensor(Self.theta.map(Float.init))
        let root = Self.squareRoot(theta, linearSolver)
        #expect(root.dtype == .float32)
        expectClose(root.scalars, Self.theta.map { $0.squareRoot() }, tolerance: 1e-6)
        let hvp = hessianVectorProduct(at: theta, along: Tensor.ones([3], dtype: .float32)) { Self.squareRoot($0, linearSolver).sum() }
        expectClose(hvp.scalars, Self.theta.map { -0.25 * pow($0, -1.5) }, tolerance: 1e-4)
        let report = checkGradients(at: theta, order: 2) { Self.squareRoot($0, linearSolver) }
        #expect(report.passed, "\(report)")
    }

    @Test("a root that depends on nothing differentiable is a constant")
    func constantRoot() {
        let gradients = gradient(at: Tensor(2.0)) { y in
            y * Self.squareRoot(Tensor(Self.theta), .dense).sum()
        }
        expectClose([gradients.scalar], [Self.theta.map { $0.squareRoot() }.reduce(0, +)], tolerance: 1e-14)
    }
}
