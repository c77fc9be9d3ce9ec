import AutogradTestSupport
import Autograd
import AutogradNN
import Testing

/// A misuse and the message it must trap with; exit tests find it again by name in the child
/// process, since closures cannot cross processes. (The suite's index of kinds is at the top of
/// Tests/AutogradTests/Misuse/SizeMisuseTests.swift.)
struct NNMisuseCase: Sendable, CustomTestStringConvertible {
    let name: String
    let message: String
    let body: @Sendable () -> Void
    var testDescription: String { name }
}

/// Every table of misuses, by name, so that the child process of an exit test (which can
/// capture only `Codable` values, not closures) finds its misuse again.
let misuseTables: [String: [NNMisuseCase]] = ["layers": LayerMisuseTests.misuses, "optimizers": OptimizerMisuseTests.misuses]

/// Runs `misuse` (one of the table named `table`) in a child process and checks that it traps
/// with its message.
func expectTrap(_ misuse: NNMisuseCase, table: String) async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [name = misuse.name as String, table = table as String] in
        misuseTables[table]?.first { $0.name == name }?.body()
    }
    #expect(standardError(of: result).contains(misuse.message), "\(standardError(of: result))")
}

/// Layers given inputs of the wrong width, or created with sizes or settings that cannot work,
/// trap naming the layer and the shape or value.
@Suite("Misuse: layers")
struct LayerMisuseTests {
    static let misuses: [NNMisuseCase] = [
        NNMisuseCase(name: "Linear given an input of the wrong width", message: "Linear: expects input of shape [batch, 3], got [4, 2]") {
            _ = Linear(inputSize: 3, outputSize: 2, seed: 0)(Tensor.ones([4, 2]))
        },
        NNMisuseCase(name: "Linear given a vector", message: "Linear: expects input of shape [batch, 3], got [3]") {
            _ = Linear(inputSize: 3, outputSize: 2, seed: 0)(Tensor.ones([3]))
        },
        NNMisuseCase(name: "Linear of no inputs", message: "Linear: sizes must be positive, got inputSize 0, outputSize 2") {
            _ = Linear(inputSize: 0, outputSize: 2, seed: 0)
        },
        NNMisuseCase(name: "Dropout with probability 1", message: "Dropout: probability must be in [0, 1), got 1.0") {
            _ = Dropout(probability: 1, seed: 0)
        },
        NNMisuseCase(name: "Embedding of a negative dimension", message: "Embedding: count and dimension must be positive, got count 5, dimension -1") {
            _ = Embedding(count: 5, dimension: -1, seed: 0)
        },
    ]

    @Test("traps naming the layer and the shape or value", arguments: misuses)
    func traps(_ misuse: NNMisuseCase) async { await expectTrap(misuse, table: "layers") }
}
