import AutogradTestSupport
import Foundation
import Testing
import Autograd

/// `matrixExponential()`: values against SciPy and closed forms at every Padé degree and with
/// squaring, the Fréchet derivative against SciPy, rules to second order against central
/// differences, and the shape trap, in float64 and float32.
@Suite("matrixExponential")
struct MatrixExponentialTests {
    /// A non-normal matrix with ‖B‖₁ = 1, scaled into each degree's range below.
    static let base: [[Double]] = [[0.3, -0.2, 0.1], [0.25, 0.1, -0.15], [-0.1, 0.4, 0.2]].map { $0.map { $0 / 0.7 } }

    /// The relative tolerance of a comparison with float64 reference values.
    static func tolerance(_ dtype: DType) -> Double { dtype == .float32 ? 1e-6 : 1e-13 }

    /// SciPy 1.17.1 (NumPy 2.4.6): `scipy.linalg.expm(t * B).ravel()` for B above. Higham 2005's
    /// thresholds put t = 0.01, 0.2, 0.9 and 2 at Padé degrees 3, 5, 7 and 9, t = 5 at degree 13
    /// unscaled, and t = 40 at degree 13 with three squarings.
    static let scaled: [(t: Double, exponential: [Double])] = [
        (0.01, [1.0042887711375643, -0.002861213775501988, 0.0014367468429726169, 0.003583168837534244,
                1.0014183474292297, -0.0021448870057562213, -0.0014234436066591011, 0.005728567506225601,
                1.0028540709463323]),
        (0.2, [1.0869039303366788, -0.05868607767427252, 0.03193410804658251, 0.07616458873640741, 1.0243312488482368,
               -0.043582713387463334, -0.02632012475944897, 0.11996322455799131, 1.0558335120265783]),
        (0.9, [1.4074696981659995, -0.2807772641233045, 0.20358335484300277, 0.41943252983392704, 1.0319003498706694,
               -0.20005049429558666, -0.06666145548341, 0.6247492510279593, 1.2249512509167804]),
        (2, [1.9523098628805018, -0.6088204485630904, 0.708518803784704, 1.1988098551656183, 0.7373265450626729,
             -0.38926390650512455, 0.1670497851388065, 1.6217494766293399, 1.378493918930184]),
        (5, [4.25806950296305, 0.33346751880992453, 4.09895319867463, 4.204326472740486, -1.8069934153464127,
             0.9610484654540419, 5.143368543831149, 3.598751920459744, 1.5810119569816181]),
        (40, [15924801.394712437, 3977763.273523077, 9950624.918396762, 7962261.342850977, 1993304.8354980685,
              4973240.214335357, 15918305.951112876, 3983980.0081121465, 9954011.994701775]),
    ]

    @Test("e^(tB) matches SciPy at every Padé degree and with squaring", arguments: scaled.indices, DType.allCases)
    func scipyValues(index: Int, dtype: DType) {
        let (t, expected) = Self.scaled[index]
        let y = (t * Tensor(Self.base)).converted(to: dtype).matrixExponential()
        #expect(y.dtype == dtype && y.shape == [3, 3])
        expectRelativelyClose(y.scalars, expected, tolerance: Self.tolerance(dtype) * (t > 10 ? 100 : 1))
    }

    /// Matrices whose exponential is known in closed form, with it.
    static let closedForms: [(name: String, matrix: [[Double]], exponential: [Double])] = [
        // N³ = 0, so e^N = I + N + N²/2 with N² = [[0, 0, 3], [0, 0, 0], [0, 0, 0]].
        ("nilpotent", [[0, 1, 2], [0, 0, 3], [0, 0, 0]], [1, 1, 3.5, 0, 1, 3, 0, 0, 1]),
        ("diagonal", [[1, 0, 0], [0, -2, 0], [0, 0, 0.5]], [M_E, 0, 0, 0, exp(-2), 0, 0, 0, exp(0.5)]),
        // The generator of rotations by t: e^G = [[cos t, −sin t], [sin t, cos t]]; t = 3 needs
        // degree 13, t = 10 squarings too.
        ("rotation by 3", [[0, -3], [3, 0]], [cos(3), -sin(3), sin(3), cos(3)]),
        ("rotation by 10", [[0, -10], [10, 0]], [cos(10), -sin(10), sin(10), cos(10)]),
        ("zero", [[0, 0], [0, 0]], [1, 0, 0, 1]),
    ]

    @Test("closed forms: nilpotent, diagonal, rotation generators", arguments: closedForms.indices, DType.allCases)
    func closedFormValues(index: Int, dtype: DType) {
        let (_, matrix, expected) = Self.closedForms[index]
        let y = Tensor(matrix).converted(to: dtype).matrixExponential()
        expectClose(y.scalars, expected, tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("NaN or ∞ in A gives NaN throughout; an empty matrix gives an empty one", arguments: DType.allCases)
    func edges(dtype: DType) {
        for bad in [Double.nan, .infinity] {
            let y = Tensor([[1, bad], [0, 1]]).converted(to: dtype).matrixExponential()
            #expect(y.scalars.allSatisfy { $0.isNaN })
        }
        #expect(Tensor.zeros([0, 0], dtype: dtype).matrixExponential().shape == [0, 0])
    }

    static let a: [[Double]] = [[0.5, -1, 0.25], [1, 0.2, -0.5], [0.3, 0.8, -0.4]]
    static let e: [[Double]] = [[1, 0.5, -1], [0, 2, 0.3], [-0.7, 1, 0.5]]

    @Test("the differential is SciPy's expm_frechet(A, E), the pullback expm_frechet(Aᵀ, Ȳ)", arguments: DType.allCases)
    func frechet(dtype: DType) {
        let a = Tensor(Self.a).converted(to: dtype), e = Tensor(Self.e).converted(to: dtype)
        // SciPy 1.17.1: scipy.linalg.expm_frechet(A, E, compute_expm=False).ravel().
        let tangent = jvp(at: a, tangent: e) { $0.matrixExponential() }.tangent
        expectClose(tangent.scalars, [
            0.7558136759672512, -1.214856157512587, -0.7144341459896139, 1.7692355809139342, 1.2610279024999742,
            -0.5776438853768773, 0.5230094440194868, 1.6540836785600663, -0.19030269216765255,
        ], tolerance: Self.tolerance(dtype) * 10)
        // SciPy 1.17.1: scipy.linalg.expm_frechet(A.T, E, compute_expm=False).ravel(), the
        // gradient of Σ E∘e^A.
        let g = gradient(at: a) { ($0.matrixExponential() * e).sum() }
        expectClose(g.scalars, [
            0.07605379174817813, 2.4725755091477644, 0.08873013543665434, -1.7050289167429167, 1.055125655022732,
            1.196995747573175, -0.7020121660529738, 0.15432384150528497, 0.13142860260973183,
        ], tolerance: Self.tolerance(dtype) * 10)
    }

    @Test("a direction much larger than A keeps the Fréchet derivative's digits (L is linear in E)")
    func largeDirection() {
        let a = Tensor(Self.a), e = Tensor(Self.e)
        // SciPy 1.17.1: scipy.linalg.expm_frechet(A, E, compute_expm=False).ravel(), as above,
        // times 1e8 (exact in the direction, so the derivative is exactly 1e8 times as large).
        let tangent = jvp(at: a, tangent: e * 1e8) { $0.matrixExponential() }.tangent
        expectClose(tangent.scalars.map { $0 / 1e8 }, [
            0.7558136759672512, -1.214856157512587, -0.7144341459896139, 1.7692355809139342, 1.2610279024999742,
            -0.5776438853768773, 0.5230094440194868, 1.6540836785600663, -0.19030269216765255,
        ], tolerance: 1e-12)
    }

    static let cases: [DifferentiableCase] = [
        .init("e^A, ‖A‖ small (degree 3 to 9)", [sample([3, 3], seed: 61) * 0.3]) { $0[0].matrixExponential() },
        .init("e^A, ‖A‖ needing squaring", [sample([3, 3], seed: 62) * 3]) { $0[0].matrixExponential() },
        .init("e^(A·B)", [sample([2, 3], seed: 63), sample([3, 2], seed: 64)]) { matmul($0[0], $0[1]).matrixExponential() },
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
            _ = Tensor.ones([2, 3]).matrixExponential()
        }
        #expect(standardError(of: result).contains("matrixExponential: needs a square matrix, got shape [2, 3]"))
    }

    /// Expects |aᵢ − eᵢ| ≤ tolerance·max |e| for every i: errors relative to the matrix's size,
    /// the accuracy scaling and squaring promises (an entry much smaller than the largest is
    /// only as accurate as the largest).
    private func expectRelativelyClose(_ actual: [Double], _ expected: [Double], tolerance: Double) {
        let scale = expected.map(abs).max() ?? 1
        expectClose(actual.map { $0 / scale }, expected.map { $0 / scale }, tolerance: tolerance)
    }
}
