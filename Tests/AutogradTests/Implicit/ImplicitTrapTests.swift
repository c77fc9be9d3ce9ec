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
}
