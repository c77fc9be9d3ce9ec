import AutogradTestSupport
import Foundation
import Testing
import Autograd

/// `symmetricEigendecomposition()`: values against NumPy, a gauge-invariant gradient against
/// PyTorch, rules to second order, gradients at repeated eigenvalues against closed forms, the
/// typed error and the shape trap, in float64 and float32. Eigenvector signs are LAPACK's
/// choice, so only sign-invariant quantities are compared.
@Suite("Symmetric eigendecomposition")
struct EigenTests {
    static let a: [[Double]] = [[4, 1, -2, 0.5], [1, 3, 0.7, -1], [-2, 0.7, 5, 0.3], [0.5, -1, 0.3, 2]]

    /// The tolerance of a comparison with float64 reference values.
    static func tolerance(_ dtype: DType) -> Double { dtype == .float32 ? 1e-5 : 1e-12 }

    /// The columns of `m`, each times the sign of its entry in the first row: the same matrix for
    /// either sign LAPACK gives a column (entries of the first row are nonzero in the cases here).
    static func signNormalizedColumns(_ m: Tensor) -> Tensor {
        let signs = m.scalars.prefix(m.shape[1]).map { $0 < 0 ? -1.0 : 1.0 }
        return m * Tensor(shape: [1, m.shape[1]], scalars: signs).converted(to: m.dtype)
    }

    @Test("eigenvalues and |eigenvectors| match NumPy; V is orthonormal and V·diag(λ)·Vᵀ = A", arguments: DType.allCases)
    func values(dtype: DType) throws {
        let a = Tensor(Self.a).converted(to: dtype)
        let (values, vectors) = try a.symmetricEigendecomposition()
        #expect(values.dtype == dtype && values.shape == [4] && vectors.dtype == dtype && vectors.shape == [4, 4])
        // NumPy 2.4.6: w, V = numpy.linalg.eigh(a); w.tolist(), numpy.abs(V).ravel().tolist().
        expectClose(values.scalars, [0.6047754604746444, 2.7531483693087795, 4.07855506859773, 6.563521101618844],
                    tolerance: Self.tolerance(dtype))
        expectClose(vectors.scalars.map(abs), [
            0.44921659761377286, 0.5023238869417329, 0.40100957315126773, 0.6205372537383177,
            0.5455496307872003, 0.18498402408674058, 0.817240833009932, 0.016550892479184287,
            0.3338745164877619, 0.4058602866386425, 0.33062100830568164, 0.7838973043942663,
            0.6237851040352913, 0.7407624795911467, 0.24899496374265098, 0.01282968606213418,
        ], tolerance: Self.tolerance(dtype) * 10)
        expectClose(matmul(vectors, vectors, transposingA: true).scalars, Tensor.eye(4).scalars, tolerance: Self.tolerance(dtype))
        let rebuilt = matmul(vectors * values.reshaped(to: [1, 4]), vectors, transposingB: true)
        expectClose(rebuilt.scalars, Self.a.flatMap { $0 }, tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("only the lower triangle is read: NaN above the diagonal changes nothing", arguments: DType.allCases)
    func lowerTriangleOnly(dtype: DType) throws {
        var upperGarbage = Self.a
        upperGarbage[0][3] = .nan
        upperGarbage[1][2] = 100
        let garbage = try Tensor(upperGarbage).converted(to: dtype).symmetricEigendecomposition()
        let clean = try Tensor(Self.a).converted(to: dtype).symmetricEigendecomposition()
        #expect(garbage.eigenvalues.scalars == clean.eigenvalues.scalars)
        #expect(garbage.eigenvectors.scalars == clean.eigenvectors.scalars)
    }

    @Test("NaN in the lower triangle throws noConvergence, naming the row", arguments: DType.allCases)
    func notFinite(dtype: DType) {
        let expected = LinearAlgebraError.noConvergence(
            operation: "symmetricEigendecomposition", reason: "the lower triangle holds NaN or an infinity (row 2)")
        #expect(throws: expected) {
            try Tensor([[1, 0, 0], [0, 1, 0], [0, -.infinity, 1.0]]).converted(to: dtype).symmetricEigendecomposition()
        }
        #expect(expected.description
            == "symmetricEigendecomposition: did not converge (the lower triangle holds NaN or an infinity (row 2))")
    }

    @Test("the gradient of Σ W∘V∘V + c·λ is PyTorch's", arguments: DType.allCases)
    func gaugeInvariantGradient(dtype: DType) throws {
        let w = Tensor([[1, 0.5, -1, 2], [0, 1, 3, -0.5], [2, -1, 0.25, 1], [1, 1, -2, 0.5]]).converted(to: dtype)
        let c = Tensor([1, -0.5, 2, 0.3]).converted(to: dtype)
        let g = try gradient(at: Tensor(Self.a).converted(to: dtype)) { a in
            let (values, vectors) = try a.symmetricEigendecomposition()
            return (w * vectors * vectors).sum() + (c * values).sum()
        }
        // PyTorch 2.13.0 (CPU, float64): L, V = torch.linalg.eigh(A); ((W*V*V).sum() + (c*L).sum()),
        // torch.autograd.grad (symmetric to 1e-16).
        expectClose(g.scalars, [
            0.33908385295770005, 0.5353305077403345, -0.09248340907072763, -0.49227620120479276,
            0.5353305077403346, 2.1594872271227357, 0.3142862704202154, 0.3683899055497018,
            -0.09248340907072766, 0.3142862704202154, 0.12945100019872843, -0.20529934696772406,
            -0.4922762012047927, 0.36838990554970186, -0.205299346967724, 0.17197791972083462,
        ], tolerance: Self.tolerance(dtype) * 100)
    }

    /// A symmetric matrix with well-separated eigenvalues (about 1, 2.5, 4, 5.5) built from X.
    static func separated(_ x: Tensor) -> Tensor {
        (x + x.transposed()) * 0.3 + Tensor.diagonalMatrix(Tensor([1, 2.5, 4, 5.5]).converted(to: x.dtype))
    }

    static let cases: [DifferentiableCase] = [
        .init("eigenvalues of (X + Xᵀ)·0.3 + D", [sample([4, 4], seed: 41)]) { x in
            try! separated(x[0]).symmetricEigendecomposition().eigenvalues
        },
        .init("eigenvectors of (X + Xᵀ)·0.3 + D, signs fixed", [sample([4, 4], seed: 42)]) { x in
            signNormalizedColumns(try! separated(x[0]).symmetricEigendecomposition().eigenvectors)
        },
        .init("V·diag(exp λ)·Vᵀ of (X + Xᵀ)·0.3 + D", [sample([3, 3], seed: 43)]) { x in
            let d = Tensor.diagonalMatrix(Tensor([1, 2.5, 4]).converted(to: x[0].dtype))
            let (values, vectors) = try! ((x[0] + x[0].transposed()) * 0.3 + d).symmetricEigendecomposition()
            return matmul(vectors * exp(values).reshaped(to: [1, 3]), vectors, transposingB: true)
        },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases, DType.allCases)
    func gradientCheck(_ testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    // MARK: - Repeated eigenvalues

    /// q = (−0.8, 0, 0.6), a unit vector (the last column of a rotation with entries k/25), and
    /// A = 2I + 3qqᵀ: eigenvalues 2, 2, 5; the eigenspace of 2 is q's orthogonal complement, its
    /// projector P = I − qqᵀ. LAPACK's two computed 2s differ by about 10⁻¹⁵ (NumPy 2.4.6:
    /// `numpy.diff(numpy.linalg.eigh(A)[0])[0]` is 1.55e-15), so this is a gap only the tolerance hides.
    static let q: [Double] = [-0.8, 0, 0.6]
    static let outer: [[Double]] = q.map { qi in q.map { qi * $0 } }
    static let identity: [[Double]] = (0..<3).map { i in (0..<3).map { i == $0 ? 1 : 0 } }
    static let repeatedPair: [[Double]] = (0..<3).map { i in (0..<3).map { j in 2 * identity[i][j] + 3 * outer[i][j] } }

    @Test("at A = I and at a repeated pair, ∇Σλ² = 2A and ∇ tr(V·diag(exp λ)·Vᵀ) = exp(A), finite",
          arguments: DType.allCases)
    func repeatedEigenvalueFunctions(dtype: DType) throws {
        // exp(2I + 3qqᵀ) = e²·(I − qqᵀ) + e⁵·qqᵀ; exp(I) = e·I.
        let e = M_E, e2 = M_E * M_E, e5 = pow(M_E, 5)
        let expectedExponential: [([[Double]], [Double])] = [
            (Self.identity, Self.identity.flatMap { $0.map { e * $0 } }),
            (Self.repeatedPair, (0..<3).flatMap { i in (0..<3).map { j in e2 * Self.identity[i][j] + (e5 - e2) * Self.outer[i][j] } }),
        ]
        for (matrix, exponential) in expectedExponential {
            let a = Tensor(matrix).converted(to: dtype)
            let squares = try gradient(at: a) { try square($0.symmetricEigendecomposition().eigenvalues).sum() }
            #expect(squares.scalars.allSatisfy { $0.isFinite })
            expectClose(squares.scalars, matrix.flatMap { $0.map { 2 * $0 } }, tolerance: Self.tolerance(dtype) * 10)
            let traced = try gradient(at: a) { a in
                let (values, vectors) = try a.symmetricEigendecomposition()
                return matmul(vectors * exp(values).reshaped(to: [1, 3]), vectors, transposingB: true).trace()
            }
            #expect(traced.scalars.allSatisfy { $0.isFinite })
            expectClose(traced.scalars, exponential, tolerance: Self.tolerance(dtype) * 100)
        }
    }

    @Test("the gradient of an entry of the projector onto a repeated pair's eigenspace is the closed form",
          arguments: DType.allCases)
    func clusterProjector(dtype: DType) throws {
        let (row, column) = (0, 1)
        var selector = [Double](repeating: 0, count: 9)
        selector[row * 3 + column] = 1
        let select = Tensor(shape: [3, 3], scalars: selector).converted(to: dtype)
        func projectorEntry(_ a: Tensor) throws -> Tensor {
            let clusterT = try a.symmetricEigendecomposition().eigenvectors.transposed().gathering(rows: [0, 1])
            return (matmul(clusterT, clusterT, transposingA: true) * select).sum()
        }
        // P = I − qqᵀ and dP = −(P·dA·q·qᵀ + q·qᵀ·dA·P)/(5 − 2) (first-order perturbation of the simple
        // eigenvalue 5's projector), so ∂P_ab/∂A_rs = −(q_b·P_ar·q_s + q_a·q_r·P_sb)/3, symmetrised.
        let p = (0..<3).map { i in (0..<3).map { j in Self.identity[i][j] - Self.outer[i][j] } }
        let q = Self.q
        func partial(_ r: Int, _ s: Int) -> Double { -(q[column] * p[row][r] * q[s] + q[row] * q[r] * p[s][column]) / 3 }
        let expected = (0..<3).flatMap { r in (0..<3).map { s in (partial(r, s) + partial(s, r)) / 2 } }
        let g = try gradient(at: Tensor(Self.repeatedPair).converted(to: dtype), of: projectorEntry)
        #expect(g.scalars.allSatisfy { $0.isFinite })
        expectClose(g.scalars, expected, tolerance: Self.tolerance(dtype) * 100)
        // At A = I the one cluster's projector (onto the first two eigenvectors LAPACK picks) is
        // not basis-invariant, but its derivative must still be finite.
        let atIdentity = try gradient(at: Tensor(Self.identity).converted(to: dtype), of: projectorEntry)
        #expect(atIdentity.scalars.allSatisfy { $0.isFinite })
    }

    @Test("forward mode at a repeated pair: λ̇ of Σλ² along Ȧ is ⟨2A, Ȧ⟩, finite", arguments: DType.allCases)
    func repeatedForward(dtype: DType) throws {
        let direction = Tensor([[1, 2, 0], [2, -1, 3], [0, 3, 0.5]]).converted(to: dtype)
        let (_, tangent) = jvp(at: Tensor(Self.repeatedPair).converted(to: dtype), tangent: direction) {
            square(try! $0.symmetricEigendecomposition().eigenvalues).sum()
        }
        let expected = zip(Self.repeatedPair.flatMap { $0 }, direction.scalars).reduce(0) { $0 + 2 * $1.0 * $1.1 }
        expectClose([tangent.scalar], [expected], tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("documented limit: at A = I the Hessian of Σλ² keeps only the diagonal of 2·sym(E) (PyTorch: NaN)")
    func repeatedSecondOrder() {
        // The within-cluster divided difference f″(λ)·(VᵀEV)ᵢⱼ is dropped: 2·E on the diagonal,
        // 0 off it, finite. Across distinct eigenvalues (the gradient checks above) it is exact.
        let e = Tensor([[0.3, 1, -2], [0.5, 1.5, 0.7], [-1, 2, 0.2]])
        let symmetric = (e + e.transposed()) * 0.5
        let hvp = hessianVectorProduct(at: Tensor.eye(3), along: symmetric) {
            try! square($0.symmetricEigendecomposition().eigenvalues).sum()
        }
        expectClose(hvp.scalars, [0.6, 0, 0, 0, 3, 0, 0, 0, 0.4], tolerance: 1e-12)
    }

    @Test("a non-square matrix traps, naming its shape")
    func nonSquare() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? Tensor.ones([2, 3]).symmetricEigendecomposition()
        }
        #expect(standardError(of: result).contains("symmetricEigendecomposition: needs a square matrix, got shape [2, 3]"))
    }
}
