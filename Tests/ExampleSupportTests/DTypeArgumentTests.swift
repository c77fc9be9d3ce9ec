import ArgumentParser
import Autograd
import ExampleSupport
import Testing

/// `--dtype` as the examples parse it.
@Suite("The --dtype option")
struct DTypeArgumentTests {
    /// A command with only the option, as TrainDigits declares it.
    struct Command: ParsableCommand {
        @Option var dtype = DType.float32
    }

    @Test("float32 and float64 parse; the default is float32", arguments: [
        ([String](), DType.float32), (["--dtype", "float32"], .float32), (["--dtype", "float64"], .float64),
    ])
    func parses(arguments: [String], expected: DType) throws {
        #expect(try Command.parse(arguments).dtype == expected)
    }

    @Test("another value is refused, naming both accepted values", arguments: ["float16", "Float32", "f32", ""])
    func refuses(value: String) {
        let error = #expect(throws: (any Error).self) { try Command.parse(["--dtype", value]) }
        let message = error.map { Command.message(for: $0) } ?? ""
        #expect(message.contains("The value '\(value)' is invalid for '--dtype <dtype>'"), "message: \(message)")
        #expect(message.contains("'float32'") && message.contains("'float64'"), "message: \(message)")
    }
}
