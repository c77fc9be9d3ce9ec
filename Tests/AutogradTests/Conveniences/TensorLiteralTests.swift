import Foundation
import AutogradTestSupport
import Testing
import Autograd

@Suite("Tensor literals")
struct TensorLiteralTests {
    @Test("nested array literals give the shape of their nesting and float64 values")
    func nested() {
        let matrix: Tensor = [[1, 2], [3, 4]]
        #expect(matrix.shape == [2, 2] && matrix.dtype == .float64 && matrix.scalars == [1, 2, 3, 4])
        let cube: Tensor = [[[1, 2.5]], [[-3, 0.25]], [[5, 6]]]
        #expect(cube.shape == [3, 1, 2] && cube.scalars == [1, 2.5, -3, 0.25, 5, 6])
        let deep: Tensor = [[[[7]]]]
        #expect(deep.shape == [1, 1, 1, 1] && deep.scalars == [7])
        let vector: Tensor = [0.1, 2]
        #expect(vector.shape == [2] && vector.scalars == [0.1, 2])
    }

    @Test("integers inside an array literal are read as Doubles")
    func integers() {
        // 2⁵³ + 1 rounds to 2⁵³, as Double(9007199254740993) does.
        let large: Tensor = [9_007_199_254_740_993, -3]
        #expect(large.scalars == [9_007_199_254_740_992, -3])
    }

    @Test("a number beside a tensor stays a scalar of the tensor's type, not a float64 tensor")
    func scalarOperands() {
        // Were Tensor expressible by a float literal, these would be x * Tensor(0.5) and promote to float64.
        let x = Tensor([1, 2] as [Float])
        #expect((x * 0.5).dtype == .float32 && (x * -0.1 + 1).dtype == .float32 && (0.5 * x * (1 + x)).dtype == .float32)
    }

    @Test("an integer literal passed where a Double or a Tensor fits stays a Double")
    func integerArguments() {
        // Were Tensor expressible by an integer literal, these two calls would be ambiguous.
        #expect(pow(10, 2.0) == 100)
        #expect(exp(0) == 1.0)
    }

    @Test("empty literals have a zero in their shape")
    func empty() {
        let none: Tensor = []
        let rows: Tensor = [[], []]
        #expect(none.shape == [0] && none.scalars.isEmpty)
        #expect(rows.shape == [2, 0] && rows.scalars.isEmpty)
    }

    @Test("a literal is an operand: its gradient flows to the other side")
    func operand() {
        let x: Tensor = [1, 2, 3]
        let g = gradient(at: x) { x in (x * [2, 0.5, -1]).sum() }
        #expect(g.scalars == [2, 0.5, -1])
    }

    @Test("a ragged literal traps naming the shape read so far")
    func ragged() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let _: Tensor = [[1, 2], [3]]
        }
        #expect(standardError(of: result).contains(
            "Tensor literal: ragged nesting; element 1 has shape [1] where element 0 has shape [2] (the literal's shape so far is [2, 2])"))
    }

    @Test("a number beside an array in a literal traps")
    func mixedDepth() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let _: Tensor = [[[1, 2], [3, 4]], [5, 6]]
        }
        #expect(standardError(of: result).contains(
            "Tensor literal: ragged nesting; element 1 has shape [2] where element 0 has shape [2, 2] (the literal's shape so far is [2, 2, 2])"))
    }
}
