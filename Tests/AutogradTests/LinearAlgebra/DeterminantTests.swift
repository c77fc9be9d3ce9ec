import AutogradTestSupport
import Testing
import Autograd

/// `determinant()` and `logAbsDeterminant()`: values against NumPy, gradients against PyTorch
/// and exact adjugates, the adjugate at singular matrices, second order, and shape traps.
@Suite("Determinant")
struct DeterminantTests {
    /// A regular matrix and what NumPy 2.4.6 and PyTorch 2.13.0 (CPU, float64) give for it:
    /// `numpy.linalg.det(x)`, `numpy.linalg.slogdet(x)`, `torch.autograd.grad(torch.linalg.det(x), x)`
    /// (= adj(X)ᵀ) and `torch.autograd.grad(torch.linalg.slogdet(x)[1], x)` (= X⁻ᵀ).
    struct Regular: Sendable, CustomTestStringConvertible {
        let name: String
        let matrix: [[Double]]
        let determinant: Double
        let sign: Double
        let logAbs: Double
        let determinantGradient: [Double]
        let logAbsGradient: [Double]
        var testDescription: String { name }
    }

    static let n: [[Double]] = [[0, 2, -1, 0.5], [1.5, -0.3, 2.2, 1], [-0.7, 1.1, 0.4, -2], [0.9, 0.6, -1.3, 0.8]]

    static let regular: [Regular] = [
        Regular(
            name: "3 × 3, no row swap", matrix: [[2, 1, 0.5], [1, 3, 0.2], [0.1, 0.4, 1.5]],
            determinant: 7.410000000000001, sign: 1, logAbs: 2.0028304393079956,
            determinantGradient: [4.42, -1.48, 0.10000000000000009, -1.3, 2.95, -0.7000000000000002, -1.3, 0.09999999999999999, 5.0],
            logAbsGradient: [
                0.5964912280701754, -0.1997300944669366, 0.013495276653171392, -0.17543859649122806, 0.39811066126855604,
                -0.09446693657219975, -0.1754385964912281, 0.013495276653171389, 0.6747638326585695,
            ]),
        Regular(
            name: "4 × 4, rows swapped by pivoting", matrix: n,
            determinant: 11.834999999999997, sign: 1, logAbs: 2.471061242965947,
            determinantGradient: [
                -5.562, 5.598, 2.082, 5.442000000000001, 3.3149999999999995, 1.5150000000000001, 3.185, 0.3100000000000006,
                4.815, 1.6650000000000003, -0.014999999999999875, -6.690000000000001, 11.370000000000001, -1.2299999999999998,
                -5.319999999999999, -5.720000000000001,
            ],
            logAbsGradient: [
                -0.46996197718631183, 0.47300380228136873, 0.17591888466413177, 0.4598225602027884, 0.2801013941698352,
                0.1280101394169835, 0.26911702577101815, 0.026193493874102282, 0.40684410646387836, 0.1406844106463879,
                -0.0012674271229404217, -0.5652724968314322, 0.9607097591888467, -0.10392902408111526, -0.4495141529362061,
                -0.483312209547951,
            ]),
        // The 4 × 4 matrix with its first two rows exchanged: the determinant changes sign.
        Regular(
            name: "4 × 4, negative determinant", matrix: [n[1], n[0], n[2], n[3]],
            determinant: -11.834999999999997, sign: -1, logAbs: 2.471061242965947,
            determinantGradient: [
                -3.315000000000001, -1.5150000000000001, -3.1850000000000005, -0.3099999999999998, 5.562, -5.598000000000001,
                -2.081999999999999, -5.441999999999999, -4.815000000000001, -1.6649999999999996, 0.014999999999999554,
                6.690000000000001, -11.370000000000001, 1.2300000000000002, 5.3199999999999985, 5.720000000000001,
            ],
            logAbsGradient: [
                0.28010139416983515, 0.1280101394169835, 0.26911702577101815, 0.026193493874102265, -0.46996197718631183,
                0.47300380228136885, 0.17591888466413183, 0.4598225602027884, 0.40684410646387836, 0.14068441064638781,
                -0.0012674271229404603, -0.5652724968314322, 0.9607097591888469, -0.10392902408111535,
                -0.4495141529362062, -0.48331220954795107,
            ]),
    ]

    /// A matrix of `dtype` and the tolerance its comparison with float64 references needs.
    static func tensor(_ rows: [[Double]], _ dtype: DType) -> (Tensor, tolerance: Double) {
        (Tensor(rows).converted(to: dtype), dtype == .float32 ? 2e-5 : 1e-12)
    }

    @Test("values and gradients match NumPy and PyTorch", arguments: regular, DType.allCases)
    func regularValues(_ reference: Regular, _ dtype: DType) {
        let (x, tolerance) = Self.tensor(reference.matrix, dtype)
        let (determinant, determinantGradient) = valueWithGradient(at: x) { $0.determinant() }
        #expect(determinant.dtype == dtype && determinantGradient.dtype == dtype)
        expectClose([determinant.scalar], [reference.determinant], tolerance: tolerance)
        expectClose(determinantGradient.scalars, reference.determinantGradient, tolerance: tolerance)
        let (sign, logAbs) = x.logAbsDeterminant()
        #expect(sign.dtype == dtype && logAbs.dtype == dtype && sign.scalar == reference.sign)
        expectClose([logAbs.scalar], [reference.logAbs], tolerance: tolerance)
        expectClose(gradient(at: x) { $0.logAbsDeterminant().logAbs }.scalars, reference.logAbsGradient, tolerance: tolerance)
    }

    @Test("second order: determinant and log |det| (and compositions) pass the gradient checker",
          arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = Tensor.randomNormal([4, 4], seed: 11, dtype: dtype)
        let shifted = x + Tensor.eye(4, dtype: dtype) * 3
        let functions: [(String, (Tensor) -> Tensor)] = [
            ("det", { $0.determinant() }),
            ("log|det|", { $0.logAbsDeterminant().logAbs }),
            ("det²·log|det|", { $0.determinant() * $0.determinant() * $0.logAbsDeterminant().logAbs }),
            ("det(X·Xᵀ)", { matmul($0, $0, transposingB: true).determinant() }),
        ]
        for (name, f) in functions {
            let report = checkGradients(at: shifted, order: 2, of: f)
            #expect(report.passed, "\(name), \(dtype): \(report)")
        }
    }

    /// Singular matrices, the exact adj(X)ᵀ of each (SymPy 1.14.0, `Matrix(x).adjugate().T`),
    /// and why each is there. `torch.linalg.det` differentiated with `create_graph=True` (its SVD
    /// formula) agrees to about 1e-14; without it, PyTorch 2.13.0 returns zeros at the first,
    /// second and fourth (its LU formula gives 0·X⁻ᵀ).
    static let singular: [(name: String, matrix: [[Double]], adjugateTransposed: [Double])] = [
        ("2 × 2 of rank 1 (one zero pivot)", [[1, 2], [2, 4]], [4, -2, -2, 1]),
        ("3 × 3 of rank 2, one zero pivot", [[1, 2, 3], [4, 5, 6], [7, 8, 9]], [-3, 6, -3, 6, -12, 6, -3, 6, -3]),
        ("3 × 3 of rank 1, two zero pivots: adj = 0", [[1, 2, 3], [2, 4, 6], [3, 6, 9]], [Double](repeating: 0, count: 9)),
        ("3 × 3 nilpotent of rank 2, three zero pivots", [[0, 1, 0], [0, 0, 1], [0, 0, 0]], [0, 0, 0, 0, 0, 0, 1, 0, 0]),
        ("zero 3 × 3", [[0, 0, 0], [0, 0, 0], [0, 0, 0]], [Double](repeating: 0, count: 9)),
        ("4 × 4 of rank 3 whose last pivot rounds to 4e-16, not 0",
         [[2, -1, 0, 3], [1, 0, 4, -2], [3, -1, 4, 1], [0, 5, 1, 1]],
         [66, 15, -36, -39, 66, 15, -36, -39, -66, -15, 36, 39, 0, 0, 0, 0]),
        ("1 × 1 zero", [[0]], [1]),
    ]

    @Test("at singular matrices the gradient is the adjugate (nonzero at rank n − 1, zero below)",
          arguments: 0..<singular.count, DType.allCases)
    func singularGradient(_ index: Int, _ dtype: DType) {
        let (name, matrix, expected) = Self.singular[index]
        let (x, tolerance) = Self.tensor(matrix, dtype)
        let (value, g) = valueWithGradient(at: x) { $0.determinant() }
        // Errors relative to the largest entry: the rank-1 and zero cases are zero up to rounding.
        let scale = max(1, expected.map(Swift.abs).max()!)
        #expect(Swift.abs(value.scalar) <= tolerance * scale, "\(name): det \(value.scalar)")
        #expect(zip(g.scalars, expected).allSatisfy { Swift.abs($0 - $1) <= tolerance * scale }, "\(name): \(g.scalars)")
        // The differential ⟨adj(X)ᵀ, Ẋ⟩ along a random Ẋ.
        let tangent = Tensor.randomNormal(x.shape, seed: 5, dtype: dtype)
        let expectedTangent = zip(expected, tangent.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        let tangentValue = jvp(at: x, tangent: tangent) { $0.determinant() }.tangent.scalar
        #expect(Swift.abs(tangentValue - expectedTangent) <= tolerance * 10 * scale, "\(name): \(tangentValue)")
    }

    /// Singular matrices whose LU has an exactly zero pivot whatever order the LAPACK build
    /// eliminates in (a zero column; a nilpotent matrix), so the singular path runs under OpenBLAS
    /// and the reference LAPACK alike: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] leaves a pivot of about
    /// 1e-16 under one of them, where the regular formula is right to first order only.
    static let exactlySingular: [[[Double]]] = [[[1, 2, 0], [3, 4, 0], [5, 7, 0]], [[0, 1, 0], [0, 0, 1], [0, 0, 0]]]

    @Test("second order at singular matrices: the adjugate's own derivative is right there too",
          arguments: exactlySingular)
    func secondOrderAtSingular(_ matrix: [[Double]]) {
        let report = checkGradients(at: Tensor(matrix), order: 2) { $0.determinant() }
        #expect(report.passed, "\(matrix): \(report)")
    }

    @Test("log |det| of a singular matrix: sign 0, −∞, and NaN derivatives (never finite)", arguments: DType.allCases)
    func singularLogAbs(_ dtype: DType) {
        // numpy.linalg.slogdet gives (0.0, -inf) in float64 and float32 (NumPy 2.4.6); a zero
        // column makes a pivot exactly zero in every LAPACK build (see `exactlySingular`).
        let x = Tensor(Self.exactlySingular[0]).converted(to: dtype)
        let (sign, logAbs) = x.logAbsDeterminant()
        #expect(sign.scalar == 0 && logAbs.scalar == -.infinity)
        let g = gradient(at: x) { $0.logAbsDeterminant().logAbs }
        #expect(g.scalars.allSatisfy { $0.isNaN }, "\(g.scalars)")
        #expect(jvp(at: x, tangent: Tensor.eye(3, dtype: dtype)) { $0.logAbsDeterminant().logAbs }.tangent.scalar.isNaN)
    }

    @Test("0 × 0 and 1 × 1 matrices")
    func smallest() {
        // numpy.linalg.det(np.zeros((0, 0))) = 1.0, slogdet = (1.0, 0.0).
        let empty = Tensor.zeros([0, 0])
        #expect(empty.determinant().scalar == 1)
        #expect(empty.logAbsDeterminant().sign.scalar == 1 && empty.logAbsDeterminant().logAbs.scalar == 0)
        #expect(gradient(at: empty) { $0.determinant() }.shape == [0, 0])
        let single = Tensor([[-2.5]])
        #expect(single.determinant().scalar == -2.5)
        #expect(gradient(at: single) { $0.determinant() }.scalars == [1])
        let (sign, logAbs) = single.logAbsDeterminant()
        #expect(sign.scalar == -1)
        expectClose([logAbs.scalar], [0.9162907318741551])  // Python 3.11 math.log(2.5)
        #expect(gradient(at: single) { $0.logAbsDeterminant().logAbs }.scalars == [-0.4])
    }

    @Test("NaN in gives NaN out, in both types", arguments: DType.allCases)
    func notANumber(_ dtype: DType) {
        let x = Tensor([[Double.nan, 1], [1, 1]]).converted(to: dtype)
        #expect(x.determinant().scalar.isNaN)
        #expect(x.logAbsDeterminant().sign.scalar.isNaN && x.logAbsDeterminant().logAbs.scalar.isNaN)
    }

    @Test("a non-square matrix traps, naming the operation and the shape")
    func nonSquare() async {
        let determinant = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).determinant()
        }
        #expect(standardError(of: determinant).contains("determinant: needs a square matrix, got shape [2, 3]"))
        let logAbs = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([3]).logAbsDeterminant()
        }
        #expect(standardError(of: logAbs).contains("logAbsDeterminant: needs a square matrix, got shape [3]"))
    }
}
