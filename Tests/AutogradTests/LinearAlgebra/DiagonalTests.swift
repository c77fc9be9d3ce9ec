import AutogradTestSupport
import Testing
import Autograd

/// `trace()`, `diagonal()` and `Tensor.diagonalMatrix(_:)`: values and rules derived by hand,
/// second order in both types, and shape traps.
@Suite("Trace and diagonal")
struct DiagonalTests {
    @Test("trace: value Σ Xᵢᵢ, gradient ȳ·I, differential tr(Ẋ)", arguments: DType.allCases)
    func trace(_ dtype: DType) {
        let x = Tensor([[2.0, 1, 0.5], [1, 3, 0.2], [0.1, 0.4, 1.5]]).converted(to: dtype)
        let (value, g) = valueWithGradient(at: x) { $0.trace() * 2 }
        #expect(value.dtype == dtype && value.scalar == 13)
        #expect(g.scalars == [2, 0, 0, 0, 2, 0, 0, 0, 2])
        let tangent = Tensor([[1.0, 9, 9], [9, 2, 9], [9, 9, 4]]).converted(to: dtype)
        #expect(jvp(at: x, tangent: tangent) { $0.trace() }.tangent.scalar == 7)
    }

    @Test("diagonal of a wide and a tall matrix: the gradient fills only the diagonal", arguments: DType.allCases)
    func diagonal(_ dtype: DType) {
        let wide = Tensor([[1.0, 2, 3], [4, 5, 6]]).converted(to: dtype)
        #expect(wide.diagonal().shape == [2] && wide.diagonal().scalars == [1, 5])
        let weights = Tensor([10.0, 20]).converted(to: dtype)
        #expect(gradient(at: wide) { ($0.diagonal() * weights).sum() }.scalars == [10, 0, 0, 0, 20, 0])
        let tall = wide.transposed()
        #expect(tall.diagonal().scalars == [1, 5])
        #expect(gradient(at: tall) { ($0.diagonal() * weights).sum() }.scalars == [10, 0, 0, 20, 0, 0])
        let tangent = Tensor([[7.0, 8, 9], [1, -3, 2]]).converted(to: dtype)
        #expect(jvp(at: wide, tangent: tangent) { $0.diagonal() }.tangent.scalars == [7, -3])
        #expect(Tensor.zeros([0, 3]).diagonal().shape == [0])
    }

    @Test("diagonalMatrix: zeros off the diagonal; its pullback reads the diagonal of Ȳ", arguments: DType.allCases)
    func diagonalMatrix(_ dtype: DType) {
        let v = Tensor([1.0, -2, 3]).converted(to: dtype)
        let d = Tensor.diagonalMatrix(v)
        #expect(d.dtype == dtype && d.shape == [3, 3] && d.scalars == [1, 0, 0, 0, -2, 0, 0, 0, 3])
        let weights = Tensor([[1.0, 2, 3], [4, 5, 6], [7, 8, 9]]).converted(to: dtype)
        #expect(gradient(at: v) { (Tensor.diagonalMatrix($0) * weights).sum() }.scalars == [1, 5, 9])
        #expect(jvp(at: v, tangent: Tensor([4.0, 5, 6]).converted(to: dtype)) { Tensor.diagonalMatrix($0) }
            .tangent.scalars == [4, 0, 0, 0, 5, 0, 0, 0, 6])
        #expect(Tensor.diagonalMatrix(d.diagonal()).scalars == d.scalars)
    }

    @Test("second order through trace, diagonal and diagonalMatrix", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = Tensor.randomNormal([3, 3], seed: 21, dtype: dtype)
        let functions: [(String, (Tensor) -> Tensor)] = [
            ("tr(X·X·X)", { matmul(matmul($0, $0), $0).trace() }),
            ("Σ exp(diag X)·diag(Xᵀ·X)", { (exp($0.diagonal()) * matmul($0, $0, transposingA: true).diagonal()).sum() }),
            ("tr(diag(diag X)·X·X)", { matmul(matmul(Tensor.diagonalMatrix($0.diagonal()), $0), $0).trace() }),
        ]
        for (name, f) in functions {
            let report = checkGradients(at: x, order: 2, of: f)
            #expect(report.passed, "\(name), \(dtype): \(report)")
        }
    }

    @Test("shapes that do not fit trap, naming the operation and the shape")
    func traps() async {
        let trace = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).trace()
        }
        #expect(standardError(of: trace).contains("trace: needs a square matrix, got shape [2, 3]"))
        let diagonal = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([4]).diagonal()
        }
        #expect(standardError(of: diagonal).contains("diagonal: needs a matrix, got shape [4]"))
        let matrix = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.diagonalMatrix(Tensor.ones([2, 2]))
        }
        #expect(standardError(of: matrix).contains("diagonalMatrix: needs a vector, got shape [2, 2]"))
    }
}
