import AutogradTestSupport
import Testing
import Autograd

/// Gradients through the singular value decomposition at repeated singular values, where the
/// singular vectors inside a cluster are LAPACK's arbitrary choice: functions that do not depend
/// on that choice must get their exact (closed-form) gradients, finite.
@Suite("Singular value decomposition at repeated singular values")
struct SVDRepeatedTests {
    /// U₀: the first three columns of the Householder matrix I₄ − ½·𝟙𝟙ᵀ (entries ±½).
    static var u0: Tensor { Tensor((0..<4).map { i in (0..<3).map { j in (i == j ? 1 : 0) - 0.5 } }) }
    /// V₀: the Householder matrix I₃ − (2/9)·wwᵀ with w = (1, 2, 2).
    static var v0: Tensor { Tensor([[7, -4, -4], [-4, 1, -8], [-4, -8, 1.0]]) / 9 }
    /// T = U₀·diag(5, 2, 2)·V₀ᵀ: a 4 × 3 matrix whose two smaller singular values are equal.
    static let sigma: [Double] = [5, 2, 2]
    static var t: Tensor { matmul(u0 * Tensor(sigma).reshaped(to: [1, 3]), v0, transposingB: true) }
    /// A weight for ⟨W, U·Vᵀ⟩.
    static var w: Tensor { Tensor([[1, -2, 0.5], [0.3, 1, 2], [-1, 0.25, 1.5], [2, 1, -0.5]]) }

    /// The gradient of ⟨W, U·Vᵀ⟩ (the polar factor of a full-rank tall A = U·S·Vᵀ) by hand: with
    /// X = Uᵀ·dA·V, d(U·Vᵀ) = U·Ω·Vᵀ + (I − UUᵀ)·dA·V·S⁻¹·Vᵀ, Ωᵢⱼ = (Xᵢⱼ − Xⱼᵢ)/(σᵢ + σⱼ), so
    /// ∇ = U·C·Vᵀ + (I − UUᵀ)·W·V·S⁻¹·Vᵀ with B = UᵀWV, Cᵢⱼ = (Bᵢⱼ − Bⱼᵢ)/(σᵢ + σⱼ).
    static func polarGradient(u: Tensor, sigma: [Double], v: Tensor, weight: Tensor) -> Tensor {
        let k = sigma.count
        let b = matmul(matmul(u, weight, transposingA: true), v)
        let sums = Tensor(shape: [k, k], scalars: (0..<(k * k)).map { sigma[$0 / k] + sigma[$0 % k] })
        let c = (b - b.transposed()) / sums
        let inverse = Tensor(sigma.map { 1 / $0 }).reshaped(to: [1, k])
        let outside = weight - matmul(u, matmul(u, weight, transposingA: true))
        return matmul(matmul(u, c) + matmul(outside, v) * inverse, v, transposingB: true)
    }

    static func polar(_ a: Tensor, weight: Tensor) throws -> Tensor {
        let (u, _, vt) = try a.singularValueDecomposition()
        return (matmul(u, vt) * weight).sum()
    }

    @Test("at a tall matrix with a repeated pair: ∇Σs² = 2A, ∇‖A‖_* = U·Vᵀ, ∇⟨W, U·Vᵀ⟩ by hand",
          arguments: DType.allCases)
    func tallRepeatedPair(dtype: DType) throws {
        let a = Self.t.converted(to: dtype), weight = Self.w.converted(to: dtype)
        let squares = try gradient(at: a) { try square($0.singularValues()).sum() }
        expectClose(squares.scalars, (2 * Self.t).scalars, tolerance: EigenTests.tolerance(dtype) * 10)
        let nuclear = try gradient(at: a) { try $0.nuclearNorm() }
        expectClose(nuclear.scalars, matmul(Self.u0, Self.v0, transposingB: true).scalars, tolerance: EigenTests.tolerance(dtype) * 10)
        let polar = try gradient(at: a) { try Self.polar($0, weight: weight) }
        #expect(polar.scalars.allSatisfy { $0.isFinite })
        expectClose(polar.scalars, Self.polarGradient(u: Self.u0, sigma: Self.sigma, v: Self.v0, weight: Self.w).scalars,
                    tolerance: EigenTests.tolerance(dtype) * 100)
    }

    @Test("at the wide transpose, ∇⟨W, U·Vᵀ⟩ is the transpose of the tall one for Wᵀ", arguments: DType.allCases)
    func wideRepeatedPair(dtype: DType) throws {
        let weight = Self.w.transposed()
        let polar = try gradient(at: Self.t.transposed().converted(to: dtype)) {
            try Self.polar($0, weight: weight.converted(to: dtype))
        }
        let expected = Self.polarGradient(u: Self.u0, sigma: Self.sigma, v: Self.v0, weight: Self.w).transposed()
        expectClose(polar.scalars, expected.scalars, tolerance: EigenTests.tolerance(dtype) * 100)
    }

    @Test("at I: ∇Σs² = 2I, ∇‖A‖_* = I, ∇⟨W, U·Vᵀ⟩ = (W − Wᵀ)/2, ∇‖A‖₂ = I/3 (ties share)", arguments: DType.allCases)
    func identity(dtype: DType) throws {
        let a = Tensor.eye(3, dtype: dtype), weight = Tensor([[1, 2, -1], [0.5, 3, 0], [4, -2, 1.0]])
        let squares = try gradient(at: a) { try square($0.singularValues()).sum() }
        expectClose(squares.scalars, (2 * Tensor.eye(3)).scalars, tolerance: EigenTests.tolerance(dtype))
        let nuclear = try gradient(at: a) { try $0.nuclearNorm() }
        expectClose(nuclear.scalars, Tensor.eye(3).scalars, tolerance: EigenTests.tolerance(dtype))
        let polar = try gradient(at: a) { try Self.polar($0, weight: weight.converted(to: dtype)) }
        expectClose(polar.scalars, ((weight - weight.transposed()) * 0.5).scalars, tolerance: EigenTests.tolerance(dtype) * 10)
        let spectral = try gradient(at: a) { try $0.spectralNorm() }
        expectClose(spectral.scalars, (Tensor.eye(3) / 3).scalars, tolerance: EigenTests.tolerance(dtype))
    }

    @Test("at a rank-deficient tall matrix the gradient of U·Vᵀ-free functions is finite and exact", arguments: DType.allCases)
    func zeroSingularValue(dtype: DType) throws {
        // T with its smallest singular value set to 0 (rank 2): ∇Σs² = 2A still, and forward mode
        // of U's entries (undefined for the null vector) gives finite numbers, never NaN.
        let a = matmul(Self.u0 * Tensor([5, 2, 0.0]).reshaped(to: [1, 3]), Self.v0, transposingB: true).converted(to: dtype)
        let squares = try gradient(at: a) { try square($0.singularValues()).sum() }
        expectClose(squares.scalars, (2 * a.converted(to: .float64)).scalars, tolerance: EigenTests.tolerance(dtype) * 10)
        let (_, tangent) = jvp(at: a, tangent: Self.w.converted(to: dtype)) { try! $0.singularValueDecomposition().u }
        #expect(tangent.scalars.allSatisfy { $0.isFinite })
    }

    /// E, the direction of the second-order tests below.
    static var direction: Tensor { Tensor([[0.3, 1, -2], [0.5, 1.5, 0.7]]) }

    @Test("the Hessian of Σs² = ‖A‖²_F is 2·E at a 2 × 3 matrix with a tiny nonzero singular value (PyTorch's too)",
          arguments: [HessianVectorProductMethod.forwardOverReverse, .reverseOverReverse])
    func tinySingularValueSecondOrder(method: HessianVectorProductMethod) {
        // diag(1, 1e-15) padded to 2 × 3: LAPACK returns s = [1, 1e-15] exactly. PyTorch 2.13.0,
        // torch.autograd.functional.hvp(lambda a: (svdvals(a)**2).sum(), A, E): 2·E.
        let a = Tensor([[1.0, 0, 0], [0, 1e-15, 0]])
        let hvp = hessianVectorProduct(at: a, along: Self.direction, method: method) { try! square($0.singularValues()).sum() }
        expectClose(hvp.scalars, (2 * Self.direction).scalars, tolerance: 1e-12)
    }

    @Test("at the exactly zero 2 × 3 matrix that Hessian is finite (PyTorch: NaN), not exact: see the doc comment")
    func zeroMatrixSecondOrder() {
        let hvp = hessianVectorProduct(at: Tensor.zeros([2, 3]), along: Self.direction) { try! square($0.singularValues()).sum() }
        let values = hvp.scalars
        #expect(values.allSatisfy { $0.isFinite })
    }
}
