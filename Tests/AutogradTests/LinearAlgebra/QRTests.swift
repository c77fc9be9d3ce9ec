import AutogradTestSupport
import Testing
import Autograd

/// `qrDecomposition()` and `leastSquares`: values against NumPy, least-squares gradients against
/// the normal-equation closed form, rules to second order against central differences, the
/// rank-deficient cases and the shape traps, in float64 and float32.
@Suite("QR and least squares")
struct QRTests {
    /// A tall matrix, a square one, right sides for the tall one and a weight for Σ W∘X.
    static let tall: [[Double]] = [[2, -1, 0.5], [1, 3, -2], [0.5, 1, 4], [-1, 2, 1]]
    static let square: [[Double]] = [[4, 1, -2], [1, -3, 0.5], [2, 2, 1]]
    static let b: [[Double]] = [[1, 2], [0, -1], [3, 1], [2, 0.5]]
    static let w: [[Double]] = [[1, -0.5], [2, 0.25], [-1, 1.5]]

    /// The tolerance of a comparison with float64 reference values.
    static func tolerance(_ dtype: DType) -> Double { dtype == .float32 ? 1e-5 : 1e-12 }

    /// NumPy 2.4.6: `q, r = np.linalg.qr(m); q.ravel(), r.ravel()` (LAPACK's signs).
    static let references: [(matrix: [[Double]], q: [Double], r: [Double])] = [
        (tall, [
            -0.8, 0.21717682979790803, -0.10241521344385979, -0.39999999999999997, -0.7963150425923295,
            0.41169175035931155, -0.19999999999999998, -0.26888559879741, -0.8756065557324892, 0.39999999999999997,
            -0.49640418239521844, -0.23094195439465265,
        ], [-2.5, 0.19999999999999996, 0, 0, -3.8678159211627428, 0.12927192249875485, 0, 0, -4.607959284765164]),
        (square, [
            -0.8728715609439694, 0.013304979588680165, -0.48776860867975397, -0.2182178902359924, -0.9047386120302509,
            0.36582645650981543, -0.4364357804719848, 0.42575934683776506, 0.7926239891046001,
        ], [
            -4.58257569495584, -1.091089451179962, 1.2001983962979579, 0, 3.5790395093549625, -0.05321991835472073,
            0, 0, 1.9510744347190156,
        ]),
    ]

    @Test("Q and R match NumPy for a tall and a square matrix", arguments: references.indices, DType.allCases)
    func values(index: Int, dtype: DType) {
        let reference = Self.references[index]
        let (q, r) = Tensor(reference.matrix).converted(to: dtype).qrDecomposition()
        let (m, n) = (reference.matrix.count, reference.matrix[0].count)
        #expect(q.dtype == dtype && r.dtype == dtype && q.shape == [m, n] && r.shape == [n, n])
        expectClose(q.scalars, reference.q, tolerance: Self.tolerance(dtype))
        expectClose(r.scalars, reference.r, tolerance: Self.tolerance(dtype))
    }

    @Test("least squares matches numpy.linalg.lstsq for a matrix and a vector B", arguments: DType.allCases)
    func leastSquaresValues(dtype: DType) throws {
        let a = Tensor(Self.tall).converted(to: dtype)
        // NumPy 2.4.6: np.linalg.lstsq(A, B, rcond=None)[0].ravel(), and for B[:, 0]; the
        // residual ‖A·X − B‖ is 1.63, so the system is inconsistent.
        let x = try leastSquares(a, Tensor(Self.b).converted(to: dtype))
        #expect(x.dtype == dtype && x.shape == [3, 2])
        expectClose(x.scalars, [
            0.2745789390838974, 0.46617346135683924, 0.4322367385487172, -0.1728317330395089, 0.6925232173776162,
            0.34887454745789365,
        ], tolerance: Self.tolerance(dtype) * 10)
        let column = try leastSquares(a, Tensor([1, 0, 3, 2.0]).converted(to: dtype))
        #expect(column.shape == [3])
        expectClose(column.scalars, [0.2745789390838974, 0.4322367385487172, 0.6925232173776162],
                    tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("the gradients of Σ W∘leastSquares(A, B) are the normal-equation closed form's", arguments: DType.allCases)
    func leastSquaresGradient(dtype: DType) {
        let weight = Tensor(Self.w).converted(to: dtype)
        let (gradientA, gradientB) = gradient(at: Tensor(Self.tall).converted(to: dtype), Tensor(Self.b).converted(to: dtype)) {
            (try! leastSquares($0, $1) * weight).sum()
        }
        // NumPy 2.4.6, with P = np.linalg.solve(A.T @ A, A.T), X = P @ B (the normal equations):
        // B̄ = P.T @ W and Ā = -P.T @ W @ X.T + (B - A @ X) @ W.T @ np.linalg.inv(A.T @ A),
        // the second term the residual's.
        expectClose(gradientA.scalars, [
            0.04946584775269375, -0.017124723018921748, -0.05055209994477539, -0.11662033692306274, -0.34953762095116053,
            -0.4147152804359319, -0.1569907594803636, -0.02975424008096603, -0.14160212845153053, -0.054691812752379415,
            0.11998841803898448, -0.06853460090257801,
        ], tolerance: Self.tolerance(dtype) * 10)
        expectClose(gradientB.scalars, [
            0.18252793955611527, -0.1382968676215961, 0.6713678577050212, -0.17140720919250746, 0.04778844640327404,
            0.2609633244136628, 0.06031796001888867, 0.18248071777113173,
        ], tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("the gradient and the tangents of Q and R are PyTorch's", arguments: DType.allCases)
    func pytorchRules(dtype: DType) {
        let a = Tensor(Self.tall).converted(to: dtype)
        let weightQ = Tensor([[1, 0.5, -1], [2, -0.5, 0.25], [0, 1, 1.5], [-1, 0.75, 0.5]]).converted(to: dtype)
        let weightR = Tensor([[0.5, -2, 1], [0, 1, 3], [0, 0, -1.5]]).converted(to: dtype)
        // PyTorch 2.13.0 (CPU, float64): q, r = torch.linalg.qr(A); ((q * WQ).sum() + (r * WR).sum()).backward(); A.grad.
        let g = gradient(at: a) { a in
            let (q, r) = a.qrDecomposition()
            return (q * weightQ).sum() + (r * weightR).sum()
        }
        expectClose(g.scalars, [
            -1.0835542287002473, 1.3714061964774427, 0.09487002826015971, 2.7712235175089908, 1.5070611964882865,
            -3.437608961844751, -1.176083769145361, -2.9586702465182526, 0.24999348047752376, 1.2660731755358157,
            -2.229461533815954, -0.6228721650856701,
        ], tolerance: Self.tolerance(dtype) * 10)
        // PyTorch 2.13.0: torch.func.jvp(torch.linalg.qr, (A,), (dA,)) for the dA below.
        let direction = Tensor([[0.3, 1, -0.5], [1, 0, 0.2], [-1, 0.5, 1], [0.25, -0.75, 2]]).converted(to: dtype)
        let tangentQ = jvp(at: a, tangent: direction) { $0.qrDecomposition().q }.tangent
        let tangentR = jvp(at: a, tangent: direction) { $0.qrDecomposition().r }.tangent
        expectClose(tangentQ.scalars, [
            -0.011200000000000002, 0.1996361092833519, -0.4948587095010605, -0.3456, 0.11602474421954122,
            -0.10268949546907857, 0.4272, -0.026593681637703218, -0.016320437778635122, -0.15439999999999998,
            -0.08437731848695834, 0.09827112009946282,
        ], tolerance: Self.tolerance(dtype) * 10)
        expectClose(tangentR.scalars, [
            -0.33999999999999997, -2.1072, 3.16, 0, 0.4081269719592687, -1.8525288658404444, 0, 0, -1.2130055025554527,
        ], tolerance: Self.tolerance(dtype) * 10)
    }

    /// Functions of Q and R, and least squares, at matrices of full column rank.
    static let cases: [DifferentiableCase] = [
        .init("Q of a tall matrix", [sample([5, 3], seed: 41)]) { $0[0].qrDecomposition().q },
        .init("R of a tall matrix", [sample([5, 3], seed: 42)]) { $0[0].qrDecomposition().r },
        .init("Q and R of a square matrix", [sample([3, 3], seed: 43)]) { x in
            let (q, r) = x[0].qrDecomposition()
            return q * 2 + r.transposed()
        },
        .init("Q·R of a tall matrix (= A)", [sample([4, 2], seed: 44)]) { x in
            let (q, r) = x[0].qrDecomposition()
            return matmul(q, r)
        },
        .init("leastSquares(A, B), inconsistent", [sample([5, 3], seed: 45), sample([5, 2], seed: 46)]) {
            try! leastSquares($0[0], $0[1])
        },
        .init("leastSquares(A, b), vector b", [sample([4, 2], seed: 47), sample([4], seed: 48)]) {
            try! leastSquares($0[0], $0[1])
        },
        // + 3I keeps the float32 errors (which grow with A's condition number) inside the tolerance.
        .init("leastSquares(A, B), square A near 3I", [sample([3, 3], seed: 49) + 3 * Tensor.eye(3), sample([3, 2], seed: 50)]) {
            try! leastSquares($0[0], $0[1])
        },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases, DType.allCases)
    func gradientCheck(_ testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("a rank-deficient A factorises, and the derivatives through Q and R are not finite", arguments: DType.allCases)
    func rankDeficient(dtype: DType) {
        // The second column is zero, so geqrf leaves R[2, 2] exactly 0 (by hand: R = [[−3, 0], [0, 0]]).
        let a = Tensor([[1, 0], [2, 0], [2, 0.0]]).converted(to: dtype)
        let (q, r) = a.qrDecomposition()
        expectClose(r.scalars, [-3, 0, 0, 0], tolerance: Self.tolerance(dtype))
        expectClose(matmul(q, r).scalars, a.scalars, tolerance: Self.tolerance(dtype))
        let throughQ = gradient(at: a) { $0.qrDecomposition().q.sum() }
        #expect(throughQ.scalars.contains { !$0.isFinite })
        let throughR = gradient(at: a) { $0.qrDecomposition().r.sum() }
        #expect(throughR.scalars.contains { !$0.isFinite })
        let tangent = jvp(at: a, tangent: Tensor.ones([3, 2], dtype: dtype)) { $0.qrDecomposition().q }.tangent
        #expect(tangent.scalars.contains { !$0.isFinite })
    }

    @Test("least squares with a rank-deficient A throws, naming R's zero diagonal entry", arguments: DType.allCases)
    func rankDeficientLeastSquares(dtype: DType) {
        let right = Tensor([1, 2, 3.0]).converted(to: dtype)
        #expect(throws: LinearAlgebraError.singularMatrix(operation: "leastSquares", pivot: 2)) {
            try leastSquares(Tensor([[1, 0], [2, 0], [2, 0.0]]).converted(to: dtype), right)
        }
        #expect(throws: LinearAlgebraError.singularMatrix(operation: "leastSquares", pivot: 1)) {
            try leastSquares(Tensor([[0, 1], [0, 2], [0, 3.0]]).converted(to: dtype), right)
        }
    }

    @Test("a wide matrix traps, naming its shape")
    func wide() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).qrDecomposition()
        }
        #expect(standardError(of: result).contains("qrDecomposition: needs a tall or square matrix (m ≥ n), got shape [2, 3]"))
    }

    @Test("least squares with a wide A traps, naming its shape")
    func leastSquaresWide() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? leastSquares(Tensor.ones([2, 3]), Tensor.ones([2]))
        }
        #expect(standardError(of: result).contains("leastSquares: needs a tall or square matrix A (m ≥ n), got A of shape [2, 3]"))
    }

    @Test("least squares with B of another height traps, naming both shapes")
    func leastSquaresHeight() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? leastSquares(Tensor.ones([4, 2]), Tensor.ones([3, 1]))
        }
        #expect(standardError(of: result).contains(
            "leastSquares: B must have shape [4] or [4, k] for A of shape [4, 2], got [3, 1]"))
    }
}
