import AutogradTestSupport
import Testing
import Autograd

/// Single-precision BLAS and LAPACK: sgemm with every transpose flag, the sgemv path, snrm2's
/// freedom from overflow, and sgetrf/sgetri's singular and non-finite cases.
@Suite("Float32 BLAS and LAPACK")
struct Float32LinearAlgebraTests {
    /// Whole numbers in [−8, 8]: every product and partial sum below is a whole number far
    /// under 2²⁴, so float32 arithmetic in any order is exact and results compare with `==`.
    static func wholeNumbers(_ rows: Int, _ columns: Int, seed: Int) -> [[Float]] {
        (0..<rows).map { row in (0..<columns).map { column in Float((row * 31 + column * 17 + seed * 7) % 17 - 8) } }
    }

    /// op(A)·op(B) by three loops, in Double.
    static func loopProduct(_ a: [[Float]], _ b: [[Float]], transposingA: Bool, transposingB: Bool) -> [Double] {
        let opA = transposingA ? transposed(a) : a, opB = transposingB ? transposed(b) : b
        return opA.flatMap { row in
            (0..<opB[0].count).map { column in row.indices.reduce(0.0) { $0 + Double(row[$1]) * Double(opB[$1][column]) } }
        }
    }

    static func transposed(_ m: [[Float]]) -> [[Float]] { m[0].indices.map { column in m.map { $0[column] } } }

    /// (m, k, n) of op(A)·op(B): small ones, one column (the gemv path), and sizes past BLAS's blocks.
    static let sizes: [(Int, Int, Int)] = [(2, 3, 4), (5, 7, 1), (1, 6, 3), (37, 53, 29)]

    @Test("sgemm and sgemv with every transpose combination equal a loop product", arguments: 0..<4, [false, true])
    func products(sizeIndex: Int, transposingA: Bool) {
        let (m, k, n) = Self.sizes[sizeIndex]
        for transposingB in [false, true] {
            let a = transposingA ? Self.wholeNumbers(k, m, seed: 1) : Self.wholeNumbers(m, k, seed: 1)
            let b = transposingB ? Self.wholeNumbers(n, k, seed: 2) : Self.wholeNumbers(k, n, seed: 2)
            let product = matmul(Tensor(a), Tensor(b), transposingA: transposingA, transposingB: transposingB)
            #expect(product.dtype == .float32 && product.shape == [m, n])
            #expect(product.scalars == Self.loopProduct(a, b, transposingA: transposingA, transposingB: transposingB),
                    "\(m)×\(k)×\(n), Aᵀ \(transposingA), Bᵀ \(transposingB)")
        }
    }

    @Test("matrix × vector and vector × matrix (the gemv path) equal a loop product")
    func vectorProducts() {
        let a = Self.wholeNumbers(5, 7, seed: 3)
        let v = Self.wholeNumbers(7, 1, seed: 4)
        let w = Self.wholeNumbers(5, 1, seed: 5)
        let matrixVector = matmul(Tensor(a), Tensor(v.map { $0[0] }))
        #expect(matrixVector.dtype == .float32 && matrixVector.shape == [5])
        #expect(matrixVector.scalars == Self.loopProduct(a, v, transposingA: false, transposingB: false))
        let vectorMatrix = matmul(Tensor(w.map { $0[0] }), Tensor(a))
        #expect(vectorMatrix.dtype == .float32 && vectorMatrix.shape == [7])
        #expect(vectorMatrix.scalars == Self.loopProduct(a, w, transposingA: true, transposingB: false))
    }

    @Test("the float32 product of rounded values is within float32 rounding of the float64 product")
    func roundedInputs() {
        let a = Tensor.randomNormal([40, 30], seed: 6, dtype: .float32), b = Tensor.randomNormal([30, 20], seed: 7, dtype: .float32)
        let single = matmul(a, b), double = matmul(a.converted(to: .float64), b.converted(to: .float64))
        // Each entry is a sum of 30 products of size about 1: its float32 error is at most about
        // 30 · 2⁻²⁴ · Σ|aᵢbᵢ| ≈ 10⁻⁵ absolute (a crude bound; typical errors are far smaller).
        #expect(zip(single.scalars, double.scalars).allSatisfy { Swift.abs($0 - $1) <= 1e-5 * 30 })
        #expect(normwiseRelativeError(single.scalars, double.scalars) <= 1e-6)
    }

    @Test("frobeniusNorm of float32 values near 10³⁰ does not overflow (snrm2 scales)")
    func normWithoutOverflow() {
        // The squares (10⁶⁰) are far beyond Float.greatestFiniteMagnitude ≈ 3.4·10³⁸.
        // (torch.linalg.norm of this float32 tensor is inf in PyTorch 2.13.0+cpu.)
        let x = Tensor([Float(1e30), 1e30, 3e30])
        let norm = x.frobeniusNorm()
        #expect(norm.dtype == .float32)
        let expected = Float((Double(Float(1e30)) * Double(Float(1e30)) * 2 + Double(Float(3e30)) * Double(Float(3e30))).squareRoot())
        #expect(ulpDistance(norm.scalars(as: Float.self)[0], expected) <= 2, "\(norm.scalar) vs \(expected)")
        let g = gradient(at: x) { $0.frobeniusNorm() }
        #expect(g.dtype == .float32 && g.scalars.allSatisfy(\.isFinite))
        expectClose(g.scalars, [1, 1, 3].map { $0 / 11.0.squareRoot() }, tolerance: 1e-6)
        // And tiny values whose squares underflow to 0 in float32.
        expectClose([Tensor([Float(3e-30), 4e-30]).frobeniusNorm().scalar], [5e-30], tolerance: 1e-6)
    }

    @Test("the inverse of a singular float32 matrix throws singularMatrix, naming the pivot")
    func singular() {
        let singular = Tensor([[Float(1), 2], [2, 4]])
        #expect(throws: LinearAlgebraError.singularMatrix(operation: "inverse", pivot: 2)) { try singular.inverse() }
        #expect(throws: LinearAlgebraError.self) { try gradient(at: singular) { try $0.inverse().sum() } }
    }

    @Test("the float32 inverse of a well-conditioned matrix is float32 and inverts it")
    func inverse() throws {
        let m = Tensor([[Float(4), 1, 0], [1, 3, 1], [0, 1, 2]])
        let inverse = try m.inverse()
        #expect(inverse.dtype == .float32)
        expectClose(matmul(m, inverse).scalars, Tensor.eye(3).scalars, tolerance: 1e-6)
    }

    /// Float32 matrices with ±∞ entries, whose inverse (computed in float64, see
    /// `Kernels.invert`) equals `torch.linalg.inv`'s (PyTorch 2.13.0+cpu, float32) up to the
    /// signs of zeros, which differ between LAPACK builds (OpenBLAS gives −0 where Debian's
    /// reference LAPACK gives +0), as in the float64 test.
    static let infinite: [(matrix: [[Float]], inverse: [Double])] = [
        ([[.infinity, 1], [1, 1]], [0, -0.0, 0, 1]),
        ([[-.infinity, 1], [1, 1]], [-0.0, 0, 0, 1]),
    ]

    @Test("±∞ goes through LAPACK's arithmetic as in PyTorch: no error, no trap", arguments: infinite)
    func infiniteInverse(_ matrix: [[Float]], _ expected: [Double]) throws {
        let inverse = try Tensor(matrix).inverse()
        #expect(inverse.dtype == .float32 && inverse.scalars == expected)
    }

    /// Matrices whose factorisation meets NaN from a non-finite entry: a NaN entry, and ∞ − ∞.
    /// PyTorch 2.13.0+cpu (float32) returns all NaN for both, as the float64 path does.
    /// OpenBLAS 0.3.21's sgetrf alone does not: called directly (LAPACKE_sgetrf_work through
    /// ctypes) on [[NaN, 1], [1, 1]] it leaves L₂₁ = 0 where dgetrf gives NaN, so the inverse
    /// was [NaN, NaN, 0, 1] before the kernel inverted such matrices in float64.
    static let nonFinite: [[[Float]]] = [
        [[.nan, 1], [1, 1]],
        [[.infinity, .infinity], [1, 1]],
    ]

    @Test("NaN or ∞ − ∞ in a float32 matrix gives all NaN, as PyTorch: no error, no trap", arguments: nonFinite)
    func nanInverse(_ matrix: [[Float]]) throws {
        let inverse = try Tensor(matrix).inverse()
        #expect(inverse.dtype == .float32 && inverse.scalars.allSatisfy(\.isNaN), "\(inverse.scalars)")
    }

    /// Finite entries whose U[2, 2] = 2·10³⁸ + 2·10³⁸ overflows float32: the factorisation's
    /// arithmetic gives NaN (PyTorch 2.13.0+cpu float32 gives all NaN; sgetrf here gives some).
    @Test("a float32 factorisation that overflows gives NaN, no error, no trap")
    func overflowingInverse() throws {
        let inverse = try Tensor([[1, 2e38, 2e38], [-1, 2e38, 2e38], [0.5, -2e38, 2e38]] as [[Float]]).inverse()
        #expect(inverse.dtype == .float32 && inverse.scalars.contains { $0.isNaN }, "\(inverse.scalars)")
    }
}
