import AutogradTestSupport
import Testing
import Autograd

/// Misuse of the implicit transforms traps with a message naming the transform and the shapes.
@Suite("Implicit differentiation traps")
struct ImplicitTrapTests {
    @Test("implicitRoot with an F whose output shape differs from x's")
    func rootShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let theta = Tensor([1.0, 2.0, 3.0])
            _ = try? implicitRoot(of: { x in (x - theta).sum() }, initialGuess: Tensor.zeros([3])) { f, x in x - f(x) }
        }
        #expect(standardError(of: result).contains("implicitRoot: f maps x of shape [3] to shape []; it must keep x's shape"))
    }

    @Test("fixedPoint with a T whose output shape differs from x's")
    func fixedPointShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? fixedPoint(of: { x in x.reshaped(to: [2, 1]) }, initialGuess: Tensor.zeros([2]))
        }
        #expect(standardError(of: result).contains("fixedPoint: T maps x of shape [2] to shape [2, 1]; it must keep x's shape"))
    }

    @Test("linearSolve with an operator that changes the shape")
    func operatorShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? linearSolve(Tensor([1.0, 2.0])) { x in matmul(Tensor.ones([3, 2]), x) }
        }
        #expect(standardError(of: result).contains("linearSolve: the operator maps x of shape [2] to shape [3]; it must keep x's shape"))
    }

    @Test("a third derivative through a matrix-free implicitRoot traps (reverse over reverse over reverse)")
    func rootThirdOrder() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let squareRoot = { (theta: Tensor) -> Tensor in
                let root = try? implicitRoot(
                    of: { x in x * x - theta }, initialGuess: Tensor.ones([1]), linearSolver: .matrixFree()
                ) { f, x in
                    var x = x
                    for _ in 0..<40 { x = x - f(x) / (2 * x) }
                    return x
                }
                return root!.sum()
            }
            _ = gradient(at: Tensor([4.0])) { gradient(at: $0) { gradient(at: $0, of: squareRoot).sum() }.sum() }
        }
        #expect(standardError(of: result).contains(
            "implicitRoot: a derivative of order 3 was taken; implicit differentiation with a closure operator is exact through order 2 only"))
    }

    @Test("a third derivative through linearSolve traps (forward over forward over forward)")
    func linearSolveThirdOrder() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let m = Tensor([[4.0, 1], [1, 3]])
            let solution = { (t: Tensor) -> Tensor in
                (try? linearSolve(Tensor([1.0, 2.0])) { v in matmul(m, v) * t })!.sum()
            }
            let one = Tensor(1.0)
            _ = jvp(at: Tensor(2.0), tangent: one) { t in
                jvp(at: t, tangent: one) { t in jvp(at: t, tangent: one, of: solution).tangent }.tangent
            }
        }
        #expect(standardError(of: result).contains(
            "linearSolve: a derivative of order 3 was taken; implicit differentiation with a closure operator is exact through order 2 only"))
    }

    @Test("an eighth derivative through a dense implicitRoot traps: it is exact through the seventh")
    func denseEighthOrder() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SquareRootTests.derivative(8) { SquareRootTests.squareRoot($0, .dense) }(Tensor([4.0]))
        }
        #expect(standardError(of: result).contains(
            "implicitRoot: a derivative of order 8 was taken; a dense implicit root is exact through order 7 only"))
    }
}
