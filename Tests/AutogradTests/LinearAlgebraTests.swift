import AutogradTestSupport
import Testing
@testable import Autograd

@Suite("Linear algebra")
struct LinearAlgebraTests {
    // Reference values from NumPy 2.4.6 (numpy.linalg.inv, numpy.linalg.norm, @), with the
    // derivatives from the closed forms Ā = Ḡ·Bᵀ, B̄ = Aᵀ·Ḡ, X̄ = −Yᵀ·Ḡ·Yᵀ, X̄ = X/‖X‖.
    let a = Tensor([[2.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.1, 0.4, 1.5]])
    let b = Tensor([[1.0, -2.0], [0.5, 4.0], [3.0, 1.0]])

    @Test("matmul values and gradients match NumPy")
    func matmulReference() {
        expectClose(matmul(a, b).scalars, [4.0, 0.5, 3.1, 10.2, 4.8, 2.9000000000000004])
        let (gradientA, gradientB) = gradient(at: a, b) { matmul($0, $1).sum() }
        expectClose(gradientA.scalars, [-1.0, 4.5, 4.0, -1.0, 4.5, 4.0, -1.0, 4.5, 4.0])
        expectClose(gradientB.scalars, [3.1, 3.1, 4.4, 4.4, 2.2, 2.2])
    }

    @Test("matrix-vector and vector-matrix products")
    func vectorProducts() {
        let v = Tensor([1.0, 2.0])
        #expect(matmul(b, v).scalars == [-3, 8.5, 5])
        #expect(matmul(Tensor([1.0, 0.0, 2.0]), b).scalars == [7, 0])
        #expect(a.matmul(b).shape == [3, 2])
    }

    @Test("inverse matches NumPy")
    func inverseReference() throws {
        expectClose(try a.inverse().scalars, [
            0.5964912280701755, -0.1754385964912281, -0.1754385964912281, -0.19973009446693657, 0.39811066126855604,
            0.013495276653171387, 0.013495276653171394, -0.09446693657219975, 0.6747638326585695,
        ])
        let g = try gradient(at: a) { try $0.inverse().sum() }
        expectClose(g.scalars, [
            -0.10076473234367976, -0.08692342295581167, -0.2436070452264785, -0.031488978857399916,
            -0.027163569673691133, -0.07612720163327451, -0.12595591542959966, -0.10865427869476453, -0.30450880653309803,
        ])
    }

    @Test("Frobenius norm matches NumPy, and is zero-safe and overflow-safe")
    func frobeniusNorm() {
        let (norm, g) = valueWithGradient(at: a) { $0.frobeniusNorm() }
        expectClose([norm.scalar], [4.208325082500163])
        expectClose(g.scalars, [
            0.4752484565217575, 0.23762422826087876, 0.11881211413043938, 0.23762422826087876, 0.7128726847826362,
            0.047524845652175754, 0.023762422826087877, 0.09504969130435151, 0.3564363423913181,
        ])
        let zero = gradient(at: Tensor.zeros([2, 2])) { $0.frobeniusNorm() }
        #expect(zero.scalars == [0, 0, 0, 0])
        #expect(jvp(at: Tensor.zeros([2]), tangent: Tensor([1.0, 1.0])) { $0.frobeniusNorm() }.tangent.scalar == 0)
        // √(2·(1e200)²) overflows if squared naively.
        expectClose([Tensor([1e200, 1e200]).frobeniusNorm().scalar], [1e200 * 2.0.squareRoot()])
    }

    @Test("a singular matrix throws, naming the zero pivot")
    func singular() {
        let singular = Tensor([[1.0, 2.0], [2.0, 4.0]])
        #expect(throws: LinearAlgebraError.singularMatrix(operation: "inverse", pivot: 2)) { try singular.inverse() }
        #expect(throws: LinearAlgebraError.self) { try gradient(at: singular) { try $0.inverse().sum() } }
    }

    /// Matrices with NaN or ±∞ entries (or whose factorisation overflows), and the inverse
    /// `torch.linalg.inv` returns for each (PyTorch 2.13.0, CPU, float64).
    static let nonFinite: [(matrix: [[Double]], inverse: [Double])] = [
        ([[.nan, 1], [1, 1]], [.nan, .nan, .nan, .nan]),
        ([[.infinity, 1], [1, 1]], [0, -0.0, 0, 1]),
        ([[-.infinity, 1], [1, 1]], [-0.0, 0, 0, 1]),
        ([[.infinity, .infinity], [1, 1]], [.nan, .nan, .nan, .nan]),
        // Finite, but U[2, 2] of its LU factorisation is ∞ − ∞.
        ([[1, 1e308, 1e308], [-1, 1e308, 1e308], [0.5, -1e308, 1e308]], [Double](repeating: .nan, count: 9)),
    ]

    @Test("NaN and ±∞ go through LAPACK's arithmetic as in PyTorch: no error, no trap", arguments: nonFinite)
    func nonFiniteInverse(_ matrix: [[Double]], _ expected: [Double]) throws {
        let inverse = try Tensor(matrix).inverse().scalars
        #expect(inverse.map(\.isNaN) == expected.map(\.isNaN), "\(inverse)")
        expectClose(inverse.filter { !$0.isNaN }, expected.filter { !$0.isNaN })
    }

    static let cases: [DifferentiableCase] = [
        .init("matmul", [sample([3, 4], seed: 1), sample([4, 2], seed: 2)]) { matmul($0[0], $0[1]) },
        .init("matmul Aᵀ·B", [sample([4, 3], seed: 3), sample([4, 2], seed: 4)]) { matmul($0[0], $0[1], transposingA: true) },
        .init("matmul A·Bᵀ", [sample([3, 4], seed: 5), sample([2, 4], seed: 6)]) { matmul($0[0], $0[1], transposingB: true) },
        .init("matmul Aᵀ·Bᵀ", [sample([4, 3], seed: 7), sample([2, 4], seed: 8)]) {
            matmul($0[0], $0[1], transposingA: true, transposingB: true)
        },
        .init("matrix × vector", [sample([3, 4], seed: 9), sample([4], seed: 10)]) { matmul($0[0], $0[1]) },
        .init("vector × matrix", [sample([3], seed: 11), sample([3, 4], seed: 12)]) { matmul($0[0], $0[1]) },
        .init("inverse", [sample([4, 4], seed: 13) + 4 * Tensor.eye(4)]) { try! $0[0].inverse() },
        .init("Frobenius norm", [sample([3, 4], seed: 14)]) { $0[0].frobeniusNorm() },
        .init("‖X⁻¹‖_F", [sample([3, 3], seed: 15) + 3 * Tensor.eye(3)]) { try! $0[0].inverse().frobeniusNorm() },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases)
    func gradientCheck(_ testCase: DifferentiableCase) {
        let report = checkGradients(at: testCase.inputs(), order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }
}
