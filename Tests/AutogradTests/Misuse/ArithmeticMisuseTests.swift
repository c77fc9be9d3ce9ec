import AutogradTestSupport
import Testing
import Autograd

/// Each arithmetic operator names itself, as written, when its operands do not broadcast
/// (`+` and `-` are tested in TrapTests and MisuseTrapTests).
@Suite("Misuse: arithmetic names the operator written")
struct ArithmeticMisuseTests {
    static let misuses: [MisuseCase] = [
        MisuseCase(name: "a product", message: "*: shapes [2, 3] and [2] do not broadcast") {
            _ = Tensor.ones([2, 3]) * Tensor.ones([2])
        },
        MisuseCase(name: "a quotient", message: "/: shapes [3] and [2, 2] do not broadcast") {
            _ = Tensor.ones([3]) / Tensor.ones([2, 2])
        },
        MisuseCase(name: "a float32 difference", message: "-: shapes [4] and [3] do not broadcast") {
            _ = Tensor.ones([4], dtype: .float32) - Tensor.ones([3], dtype: .float32)
        },
    ]

    @Test("shapes that do not broadcast trap naming the operator and both shapes", arguments: misuses)
    func traps(_ misuse: MisuseCase) async { await expectTrap(misuse, table: "arithmetic") }
}

/// Writing to what a graph produced traps, naming the operation that produced it.
@Suite("Misuse: the graph")
struct GraphMisuseTests {
    @Test("setting requiresGrad on the result of an operation")
    func requiresGradOnResult() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let product = Tensor.ones([2]).requiringGradient() * 3
            product.requiresGrad = false
        }
        #expect(standardError(of: result).contains(
            "requiresGrad: only a leaf's flag can be set; this tensor of shape [2] is the result of '*' (use detached())"))
    }
}
