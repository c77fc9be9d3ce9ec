import AutogradTestSupport
import Foundation
import Testing
import Autograd

/// `singularValueDecomposition()`, `singularValues()`, `nuclearNorm()` and `spectralNorm()`:
/// values against NumPy, gauge-invariant gradients against PyTorch, rules to second order for
/// tall, square and wide matrices, gradients at repeated singular values against closed forms,
/// the typed error and the shape traps, in float64 and float32. Singular vectors' signs are
/// LAPACK's choice, so only sign-invariant quantities are compared.
@Suite("Singular value decomposition")
struct SVDTests {
    static let tall: [[Double]] = [[2, -1, 0.5], [1, 3, 1], [0, 1, -2], [1.5, 0.2, 1]]
    static let wide: [[Double]] = (0..<3).map { j in tall.map { $0[j] } }

    static func tolerance(_ dtype: DType) -> Double { EigenTests.tolerance(dtype) }

    /// A reference decomposition: NumPy 2.4.6, `U, s, Vt = numpy.linalg.svd(m, full_matrices=False)`;
    /// `s.tolist()`, `numpy.abs(U).ravel().tolist()`, `numpy.abs(Vt).ravel().tolist()`.
    struct Reference: Sendable, CustomTestStringConvertible {
        let name: String
        let matrix: [[Double]]
        let s: [Double]
        let absU: [Double]
        let absVt: [Double]
        var testDescription: String { name }
    }

    static let references: [Reference] = [
        Reference(
            name: "4 × 3", matrix: tall, s: [3.4870306926023624, 3.029846720143345, 1.789034879840443],
            absU: [0.1016352685256664, 0.6718156645415422, 0.5536652931269803, 0.9274179496665368, 0.23219712867039188,
                   0.12082157472218946, 0.010687728193729207, 0.5601758624504578, 0.813467950357514, 0.3597943736276177,
                   0.42538360269492936, 0.13086933945508378],
            absVt: [0.4790264825322472, 0.7924407402709094, 0.37758615201259216, 0.5774251195031791, 0.6084486651446749,
                    0.5443991672021575, 0.6611458692297199, 0.04275388920971768, 0.7490382130158124]),
        Reference(
            name: "3 × 4", matrix: wide, s: [3.4870306926023624, 3.029846720143344, 1.7890348798404427],
            absU: [0.47902648253224767, 0.5774251195031775, 0.6611458692297211, 0.792440740270909, 0.6084486651446754,
                   0.04275388920971923, 0.37758615201259194, 0.5443991672021591, 0.7490382130158111],
            absVt: [0.10163526852566729, 0.9274179496665366, 0.010687728193729318, 0.35979437362761807, 0.6718156645415401,
                    0.2321971286703915, 0.560175862450461, 0.4253836026949288, 0.5536652931269829, 0.1208215747221909,
                    0.813467950357512, 0.13086933945508517]),
        Reference(
            name: "3 × 3", matrix: Array(tall.prefix(3)), s: [3.3590528803318342, 2.6201630852455153, 1.7611102049136818],
            absU: [0.14686309918204532, 0.7238451233491713, 0.6741509233860529, 0.9685414934041588, 0.24365036642962265,
                   0.05061496313495356, 0.20089451374561423, 0.6455096717651362, 0.7368572846926191],
            absVt: [0.2008945137456141, 0.968541493404159, 0.14686309918204477, 0.6455096717651385, 0.24365036642962218,
                    0.7238451233491694, 0.7368572846926171, 0.05061496313495273, 0.6741509233860552]),
    ]

    @Test("s and |U|, |Vᵀ| match NumPy; U, V orthonormal; U·diag(s)·Vᵀ = A", arguments: references, DType.allCases)
    func values(_ reference: Reference, dtype: DType) throws {
        let a = Tensor(reference.matrix).converted(to: dtype)
        let (m, n) = (a.shape[0], a.shape[1]), k = min(m, n)
        let (u, s, vt) = try a.singularValueDecomposition()
        #expect(u.shape == [m, k] && s.shape == [k] && vt.shape == [k, n] && [u.dtype, s.dtype, vt.dtype] == [dtype, dtype, dtype])
        expectClose(s.scalars, reference.s, tolerance: Self.tolerance(dtype))
        expectClose(try a.singularValues().scalars, reference.s, tolerance: Self.tolerance(dtype))
        expectClose(u.scalars.map(abs), reference.absU, tolerance: Self.tolerance(dtype) * 10)
        expectClose(vt.scalars.map(abs), reference.absVt, tolerance: Self.tolerance(dtype) * 10)
        expectClose(matmul(u, u, transposingA: true).scalars, Tensor.eye(k).scalars, tolerance: Self.tolerance(dtype))
        expectClose(matmul(vt, vt, transposingB: true).scalars, Tensor.eye(k).scalars, tolerance: Self.tolerance(dtype))
        expectClose(matmul(u * s.reshaped(to: [1, k]), vt).scalars, reference.matrix.flatMap { $0 }, tolerance: Self.tolerance(dtype) * 10)
        expectClose([try a.nuclearNorm().scalar, try a.spectralNorm().scalar], [reference.s.reduce(0, +), reference.s[0]],
                    tolerance: Self.tolerance(dtype))
    }

    @Test("a matrix with no rows has empty factors")
    func empty() throws {
        let (u, s, vt) = try Tensor.zeros([0, 3]).singularValueDecomposition()
        #expect(u.shape == [0, 0] && s.shape == [0] && vt.shape == [0, 3])
    }

    @Test("NaN or an infinity throws noConvergence, naming where", arguments: DType.allCases)
    func notFinite(dtype: DType) {
        let matrix = Tensor([[1, 2, 3], [.nan, 1, 0.0]]).converted(to: dtype)
        let reason = "the matrix holds NaN or an infinity (row 1, column 0)"
        #expect(throws: LinearAlgebraError.noConvergence(operation: "singularValueDecomposition", reason: reason)) {
            try matrix.singularValueDecomposition()
        }
        #expect(throws: LinearAlgebraError.noConvergence(operation: "singularValues", reason: reason)) {
            try matrix.nuclearNorm()
        }
    }

    /// W₁ = sin(0, 1, …) (m × k) and W₂ = cos(0, 1, …) (k × n), as in the PyTorch snippet below.
    static func weights(_ count: Int, _ f: (Double) -> Double, shape: [Int], dtype: DType) -> Tensor {
        Tensor(shape: shape, scalars: (0..<count).map { f(Double($0)) }).converted(to: dtype)
    }

    @Test("the gradient of Σ W₁∘U∘U + c·s + Σ W₂∘Vᵀ∘Vᵀ is PyTorch's (tall and wide)", arguments: DType.allCases)
    func gaugeInvariantGradient(dtype: DType) throws {
        // PyTorch 2.13.0 (CPU, float64): U, s, Vh = torch.linalg.svd(A, full_matrices=False);
        // W1 = torch.arange(m*k).reshape(m, k).sin(); W2 = torch.arange(k*n).reshape(k, n).cos();
        // c = [1, -2, 0.5]; ((W1*U*U).sum() + (c*s).sum() + (W2*Vh*Vh).sum()), torch.autograd.grad.
        let expected: [[Double]] = [
            [-1.1140728618421039, 0.6229319568405343, -0.7908277136249805, 0.7016432217216237, 0.7881965716863107,
             0.24799660317431507, 1.1214749487843498, -0.2393600383648902, -0.13471345692396686, -1.1031471615548591,
             1.0080697774435279, -0.3228433990212053],
            [-1.881329808955127, -0.24715123803413103, 1.2071703241696385, -1.4716173411498688, 0.3028216057613444,
             2.268780265828718, 0.6116519088272051, 0.3427389151559253, -1.7161336586926106, -0.40514187060794116,
             0.17980129322334387, -1.0218160372771903],
        ]
        let c = Tensor([1, -2, 0.5]).converted(to: dtype)
        for (matrix, gradientExpected) in zip([Self.tall, Self.wide], expected) {
            let (m, n) = (matrix.count, matrix[0].count), k = min(m, n)
            let w1 = Self.weights(m * k, sin, shape: [m, k], dtype: dtype), w2 = Self.weights(k * n, cos, shape: [k, n], dtype: dtype)
            let g = try gradient(at: Tensor(matrix).converted(to: dtype)) { a in
                let (u, s, vt) = try a.singularValueDecomposition()
                return (w1 * u * u).sum() + (c * s).sum() + (w2 * vt * vt).sum()
            }
            expectClose(g.scalars, gradientExpected, tolerance: Self.tolerance(dtype) * 100)
        }
    }

    /// 0.3·X plus (4, 2.5, 1) on the diagonal: singular values well apart and away from zero.
    static func separated(_ x: Tensor) -> Tensor {
        let (m, n) = (x.shape[0], x.shape[1])
        let diagonal = (0..<(m * n)).map { $0 / n == $0 % n ? [4, 2.5, 1][$0 % n] : 0.0 }
        return x * 0.3 + Tensor(shape: [m, n], scalars: diagonal).converted(to: x.dtype)
    }

    static func decomposition(_ x: Tensor) -> (u: Tensor, s: Tensor, vt: Tensor) { try! separated(x).singularValueDecomposition() }

    static let cases: [DifferentiableCase] = [[4, 3], [3, 3], [3, 5]].enumerated().flatMap { index, shape in
        let seed = UInt64(50 + 10 * index), name = "\(shape[0]) × \(shape[1])"
        return [
            DifferentiableCase("s of \(name)", [sample(shape, seed: seed)]) { decomposition($0[0]).s },
            DifferentiableCase("U of \(name), signs fixed", [sample(shape, seed: seed + 1)]) {
                EigenTests.signNormalizedColumns(decomposition($0[0]).u)
            },
            DifferentiableCase("Vᵀ of \(name), signs fixed", [sample(shape, seed: seed + 2)]) {
                EigenTests.signNormalizedColumns(decomposition($0[0]).vt.transposed())
            },
            DifferentiableCase("singularValues of \(name)", [sample(shape, seed: seed + 3)]) {
                try! separated($0[0]).singularValues()
            },
        ]
    } + [
        DifferentiableCase("nuclearNorm of 4 × 3", [sample([4, 3], seed: 81)]) { try! separated($0[0]).nuclearNorm() },
        DifferentiableCase("spectralNorm of 3 × 5", [sample([3, 5], seed: 82)]) { try! separated($0[0]).spectralNorm() },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases, DType.allCases)
    func gradientCheck(_ testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("a tensor that is not a matrix traps, naming its shape")
    func notMatrix() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? Tensor.ones([3]).singularValueDecomposition()
        }
        #expect(standardError(of: result).contains("singularValueDecomposition: needs a matrix, got shape [3]"))
        let values = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? Tensor.ones([2, 2, 2]).singularValues()
        }
        #expect(standardError(of: values).contains("singularValues: needs a matrix, got shape [2, 2, 2]"))
        let norm = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? Tensor.zeros([0, 3]).spectralNorm()
        }
        #expect(standardError(of: norm).contains("spectralNorm: needs a matrix with elements, got shape [0, 3]"))
    }
}
