import AutogradTestSupport
import Testing
import Autograd

/// `cholesky()` and `choleskySolve`: values against NumPy/SciPy, gradients against PyTorch, rules
/// to second order against central differences, the typed error and the shape traps, in float64
/// and float32.
@Suite("Cholesky")
struct CholeskyTests {
    /// A symmetric positive-definite matrix, its right sides, and a weight for a scalar loss.
    static let a: [[Double]] = [[4, 2, 0.6, -1], [2, 5, 1, 0.3], [0.6, 1, 3, 0.5], [-1, 0.3, 0.5, 2]]
    static let b: [[Double]] = [[1, -2], [0.5, 4], [3, 1], [-1, 2]]
    static let w: [[Double]] = [[1, 0, 0, 0], [0.5, -2, 0, 0], [1.5, 0.25, 3, 0], [-1, 2, 0.5, 1]]
    static let v: [[Double]] = [[1, 2], [-1, 0.5], [0.25, 1], [2, -3]]

    /// NumPy 2.4.6: `np.linalg.cholesky(a).ravel()`.
    static let factor: [Double] = [
        2.0, 0.0, 0.0, 0.0, 1.0, 2.0, 0.0, 0.0, 0.3, 0.35, 1.6695807857064, 0.0,
        -0.5, 0.4, 0.30546590160009474, 1.223393061513609,
    ]

    /// The tolerance of a comparison with float64 reference values.
    static func tolerance(_ dtype: DType) -> Double { dtype == .float32 ? 1e-5 : 1e-12 }

    @Test("the factor matches NumPy, reads only the lower triangle and zeroes the upper", arguments: DType.allCases)
    func factorValues(dtype: DType) throws {
        let l = try Tensor(Self.a).converted(to: dtype).cholesky()
        #expect(l.dtype == dtype && l.shape == [4, 4])
        expectClose(l.scalars, Self.factor, tolerance: Self.tolerance(dtype))
        // Garbage above the diagonal is never read (as torch.linalg.cholesky).
        var lowerOnly = Self.a
        lowerOnly[0][3] = 100
        lowerOnly[1][2] = -7
        #expect(try Tensor(lowerOnly).converted(to: dtype).cholesky().scalars == l.scalars)
        // An exact case: [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L·Lᵀ by hand.
        let exact = try Tensor([[4, 12, -16], [12, 37, -43], [-16, -43, 98.0]]).converted(to: dtype).cholesky()
        #expect(exact.scalars == [2, 0, 0, 6, 1, 0, -8, 5, 3])
    }

    @Test("choleskySolve matches SciPy for a matrix and a vector", arguments: DType.allCases)
    func solveValues(dtype: DType) throws {
        let l = try Tensor(Self.a).converted(to: dtype).cholesky()
        let right = Tensor(Self.b).converted(to: dtype)
        // SciPy 1.17.1: scipy.linalg.cho_solve((L, True), b).ravel(), and for b[:, 0].
        let x = choleskySolve(l, right)
        #expect(x.dtype == dtype && x.shape == [4, 2])
        expectClose(x.scalars, [
            -0.12093947183921486, -1.0325621251071122, -0.036223416686141596, 1.1759277569046205,
            1.177845290955831, 0.10085030650583351, -0.849497546155644, 0.28211719728429235,
        ], tolerance: Self.tolerance(dtype) * 10)
        let column = choleskySolve(l, Tensor([1, 0.5, 3, -1.0]).converted(to: dtype))
        #expect(column.shape == [4])
        expectClose(column.scalars, [-0.12093947183921486, -0.036223416686141596, 1.177845290955831, -0.849497546155644],
                    tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("the gradient of Σ W∘cholesky(A) is PyTorch's symmetric one", arguments: DType.allCases)
    func choleskyGradient(dtype: DType) throws {
        let weight = Tensor(Self.w).converted(to: dtype)
        let g = try gradient(at: Tensor(Self.a).converted(to: dtype)) { try ($0.cholesky() * weight).sum() }
        #expect(g.dtype == dtype)
        // PyTorch 2.13.0 (CPU, float64): A.requires_grad_(); (torch.linalg.cholesky(A) * W).sum().backward(); A.grad.
        expectClose(g.scalars, [
            -0.1493674033750744, 0.523506920402025, 0.3146923191092359, -0.36164038123070613,
            0.523506920402025, -0.5622477703426015, -0.1073174842100945, 0.4051416503968401,
            0.31469231910923595, -0.10731748421009453, 0.8847139749381139, 0.07496269297962298,
            -0.3616403812307062, 0.40514165039684014, 0.07496269297962298, 0.40869939165862923,
        ], tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("the gradients of choleskySolve are PyTorch's (its L gradient's lower triangle)", arguments: DType.allCases)
    func solveGradient(dtype: DType) throws {
        let l = try Tensor(Self.a).cholesky().converted(to: dtype)
        let weight = Tensor(Self.v).converted(to: dtype)
        let (gradientL, gradientB) = gradient(at: l, Tensor(Self.b).converted(to: dtype)) {
            (choleskySolve($0, $1) * weight).sum()
        }
        // PyTorch 2.13.0 (CPU, float64): (torch.cholesky_solve(B, L) * V).sum().backward(). PyTorch
        // returns −(B̄Xᵀ + XB̄ᵀ)·L in full; only L's lower triangle is read, so the derivative is its
        // lower triangle and zero above (the upper entries below are PyTorch's, replaced by 0).
        expectClose(gradientL.scalars, [
            0.5089292669626861, 0, 0, 0,
            -0.7084614186156599, -0.010928446018420468, 0, 0,
            -0.009482805112624781, -0.575170330954392, -0.15810168944425668, 0,
            -2.386895452448152, 3.6829162696771935, -2.3486306913055275, 4.622564305866763,
        ], tolerance: Self.tolerance(dtype) * 10)
        expectClose(gradientB.scalars, [
            1.0291540079457817, -0.06952559009114276, -0.6765150017078039, 0.11109712909198771,
            -0.1735667931040682, 0.5935067503190896, 1.6594459525050784, -1.6998040519891418,
        ], tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("log det A = 2 Σ log Lᵢᵢ, and its gradient is A⁻¹ (by hand)", arguments: DType.allCases)
    func logDeterminant(dtype: DType) throws {
        // A = L·Lᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]]: det A = (2·1·3)² = 36, and
        // A⁻¹ = L⁻ᵀ·L⁻¹ with L⁻¹ = [[1/2, 0, 0], [−3, 1, 0], [19/3, −5/3, 1/3]].
        let a = Tensor([[4, 12, -16], [12, 37, -43], [-16, -43, 98.0]]).converted(to: dtype)
        let (value, g) = try valueWithGradient(at: a) { a in
            let l = try a.cholesky()
            return 2 * log((l * Tensor.eye(3, dtype: dtype)).sum(alongAxes: 1)).sum()
        }
        expectClose([value.scalar], [3.58351893845611], tolerance: Self.tolerance(dtype))  // ln 36
        expectClose(g.scalars, [1777, -488, 76, -488, 136, -20, 76, -20, 4].map { $0 / 36.0 },
                    tolerance: Self.tolerance(dtype) * 100)
    }

    /// Matrices that are not positive definite, and the leading minor LAPACK names (SciPy 1.17.1:
    /// `scipy.linalg.lapack.dpotrf(m, lower=1)[1]`, and the same from `spotrf`).
    static let indefinite: [(matrix: [[Double]], minor: Int)] = [
        ([[1, 2], [2, 1]], 2),
        ([[-1, 0], [0, 1]], 1),
        ([[1, 0, 0], [0, 1, 0], [0, 0, 0]], 3),
        ([[2, 1, 0, 0], [1, 2, 1, 0], [0, 1, 2, 3], [0, 0, 3, 1]], 4),
    ]

    @Test("a matrix that is not positive definite throws, naming the minor", arguments: indefinite, DType.allCases)
    func notPositiveDefinite(_ testCase: (matrix: [[Double]], minor: Int), dtype: DType) {
        let expected = LinearAlgebraError.notPositiveDefinite(operation: "cholesky", minor: testCase.minor)
        #expect(throws: expected) { try Tensor(testCase.matrix).converted(to: dtype).cholesky() }
        #expect(expected.description
            == "cholesky: the matrix is not positive definite (its leading minor of order \(testCase.minor) is not)")
    }

    /// Functions that keep cholesky's argument symmetric positive definite, and solves.
    static let cases: [DifferentiableCase] = [
        .init("cholesky(X·Xᵀ + 4I)", [sample([4, 4], seed: 21)]) { x in
            try! (matmul(x[0], x[0], transposingB: true) + 4 * Tensor.eye(4, dtype: x[0].dtype)).cholesky()
        },
        .init("cholesky((X + Xᵀ)/2 + 5I)", [sample([3, 3], seed: 22)]) { x in
            try! ((x[0] + x[0].transposed()) * 0.5 + 5 * Tensor.eye(3, dtype: x[0].dtype)).cholesky()
        },
        .init("choleskySolve(L, B), matrix B", [sample([4, 4], seed: 23) + 4 * Tensor.eye(4), sample([4, 2], seed: 24)]) {
            choleskySolve($0[0], $0[1])
        },
        .init("choleskySolve(L, b), vector b", [sample([3, 3], seed: 25) + 4 * Tensor.eye(3), sample([3], seed: 26)]) {
            choleskySolve($0[0], $0[1])
        },
        .init("choleskySolve(cholesky(X·Xᵀ + 3I), B)", [sample([3, 3], seed: 27), sample([3, 2], seed: 28)]) { x in
            choleskySolve(try! (matmul(x[0], x[0], transposingB: true) + 3 * Tensor.eye(3, dtype: x[0].dtype)).cholesky(), x[1])
        },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases, DType.allCases)
    func gradientCheck(_ testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("a non-square matrix traps, naming its shape")
    func nonSquare() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? Tensor.ones([2, 3]).cholesky()
        }
        #expect(standardError(of: result).contains("cholesky: needs a square matrix, got shape [2, 3]"))
    }

    @Test("choleskySolve with a right side of another height traps, naming both shapes")
    func solveShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = choleskySolve(Tensor.eye(3), Tensor.ones([2, 1]))
        }
        #expect(standardError(of: result).contains(
            "choleskySolve: needs a square factor and a vector or matrix with as many rows, got shapes [3, 3] and [2, 1]"))
    }
}
