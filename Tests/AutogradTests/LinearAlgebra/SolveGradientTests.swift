import AutogradTestSupport
import Testing
import Autograd

/// The rules of `solve` and `triangularSolve` against central differences, to second order, in
/// both types: the pullback's transposed solve with the same LU factors (and the triangular
/// solve with the opposite transpose) is itself differentiated here.
@Suite("solve and triangularSolve derivatives")
struct SolveGradientTests {
    /// A well-conditioned, non-symmetric n × n matrix (standard normal entries plus 4 on the
    /// diagonal), in `dtype`: its triangles serve the triangular solves too.
    static func matrix(_ n: Int, seed: UInt64, dtype: DType) -> Tensor {
        (sample([n, n], seed: seed) + 4 * Tensor.eye(n)).converted(to: dtype)
    }

    static func values(_ shape: [Int], seed: UInt64, dtype: DType) -> Tensor {
        sample(shape, seed: seed).converted(to: dtype)
    }

    /// The cases of one type: `solve` with matrix and vector B, A in both operands, a nonlinear
    /// function of the solution, and `triangularSolve` with every flag for both shapes of B.
    static func cases(_ dtype: DType) -> [DifferentiableCase] {
        let type = "\(dtype)"
        var cases: [DifferentiableCase] = [
            .init("\(type) solve, matrix B", [matrix(4, seed: 1, dtype: dtype), values([4, 3], seed: 2, dtype: dtype)]) {
                try! solve($0[0], $0[1])
            },
            .init("\(type) solve, vector B", [matrix(4, seed: 3, dtype: dtype), values([4], seed: 4, dtype: dtype)]) {
                try! solve($0[0], $0[1])
            },
            .init("\(type) solve(A, Aᵀ)", [matrix(3, seed: 5, dtype: dtype)]) { try! solve($0[0], $0[0].transposed()) },
            .init("\(type) ‖solve(A, B)‖_F", [matrix(3, seed: 6, dtype: dtype), values([3, 2], seed: 7, dtype: dtype)]) {
                try! solve($0[0], $0[1]).frobeniusNorm()
            },
        ]
        var nextSeed: UInt64 = 10
        for lower in [true, false] {
            for transposingA in [false, true] {
                for unitDiagonal in [false, true] {
                    let triangle = lower ? "lower" : "upper"
                    let flags = triangle + (transposingA ? ", Aᵀ" : "") + (unitDiagonal ? ", unit diagonal" : "")
                    nextSeed += 1
                    let seed = nextSeed
                    for shape in [[4, 3], [4]] {
                        cases.append(.init("\(type) triangularSolve \(flags), B \(shape)",
                                           [matrix(4, seed: seed, dtype: dtype), values(shape, seed: seed + 100, dtype: dtype)]) {
                            try! triangularSolve($0[0], $0[1], lower: lower, transposingA: transposingA, unitDiagonal: unitDiagonal)
                        })
                    }
                }
            }
        }
        return cases
    }

    @Test("pullback and differential match central differences, to second order",
          arguments: cases(.float64) + cases(.float32))
    func secondOrder(_ testCase: DifferentiableCase) {
        let report = checkGradients(at: testCase.inputs(), order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("third order through solve: the transposed solves of the rules differentiate again")
    func thirdOrder() {
        let inputs = [Self.matrix(3, seed: 30, dtype: .float64), Self.values([3, 2], seed: 31, dtype: .float64)]
        let report = checkGradients(at: inputs, order: 3) { try! solve($0[0], $0[1]) }
        #expect(report.passed, "\(report)")
    }

    @Test("mixed types: the rules reach a float32 A and a float64 B through the promotion")
    func mixedTypes() {
        let inputs = [Self.matrix(3, seed: 40, dtype: .float32), Self.values([3, 2], seed: 41, dtype: .float64)]
        #expect(checkGradients(at: inputs, order: 2) { try! solve($0[0], $0[1]) }.passed)
        #expect(checkGradients(at: inputs, order: 2) { try! triangularSolve($0[0], $0[1], lower: true) }.passed)
    }

    @Test("the gradient with respect to A is zero outside the triangle read (and on a unit diagonal)")
    func gradientOutsideTriangle() throws {
        let a = Self.matrix(3, seed: 50, dtype: .float64), b = Self.values([3, 2], seed: 51, dtype: .float64)
        let lowerUnit = try gradient(at: a) { try triangularSolve($0, b, lower: true, unitDiagonal: true).sum() }.scalars
        #expect([0, 1, 2, 4, 5, 8].allSatisfy { lowerUnit[$0] == 0 }, "\(lowerUnit)")
        #expect([3, 6, 7].allSatisfy { lowerUnit[$0] != 0 }, "\(lowerUnit)")
        let upperTransposed = try gradient(at: a) { try triangularSolve($0, b, lower: false, transposingA: true).sum() }.scalars
        #expect([3, 6, 7].allSatisfy { upperTransposed[$0] == 0 }, "\(upperTransposed)")
        #expect([0, 1, 2, 4, 5, 8].allSatisfy { upperTransposed[$0] != 0 }, "\(upperTransposed)")
    }

    @Test("float32 rules stay float32: no tensor of the recorded forward or backward graph is float64")
    func float32Throughout() {
        let a = Self.matrix(3, seed: 60, dtype: .float32).requiringGradient()
        let b = Self.values([3], seed: 61, dtype: .float32).requiringGradient()
        for value in [try! solve(a, b), try! triangularSolve(a, b, lower: false, unitDiagonal: true)] {
            #expect(promotingOperations(in: value).isEmpty, "\(promotingOperations(in: value))")
            value.backward(seed: Tensor.ones([3], dtype: .float32), creatingGraph: true)
            for input in [a, b] {
                #expect(promotingOperations(in: input.grad!).isEmpty, "\(promotingOperations(in: input.grad!))")
                input.zeroGrad()
            }
        }
    }
}
