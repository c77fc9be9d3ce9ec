import AutogradTestSupport
import Testing
import Autograd

/// Float32 values: every operation of the table against the same operation in float64 on the
/// same (float32-representable) inputs, and a few against PyTorch's float32 results.
@Suite("Float32 values")
struct Float32ValueTests {
    /// The norm-wise bound: max |f32 − f64| ≤ 10⁻⁶ · max |f64|, about 8 to 17 float32 ulps of the
    /// largest element (an ulp is 2⁻²³ to 2⁻²⁴ of the value). Compositions that cancel (a − b,
    /// matmul, inverse, log-softmax) are judged against the largest element, not each one.
    static let normwiseBound = 1e-6

    @Test("each operation's float32 value is within 10⁻⁶ (norm-wise) of its float64 value", arguments: Float32OpTable.all)
    func againstFloat64(_ testCase: Float32Case) {
        let inputs = testCase.inputs()
        let single = testCase.function(inputs)
        let double = testCase.function(inputs.map { $0.converted(to: .float64) })
        #expect(double.dtype == .float64 && single.shape == double.shape)
        let error = normwiseRelativeError(single.scalars, double.scalars)
        #expect(error <= Self.normwiseBound, "\(testCase.name): \(single.scalars) against \(double.scalars)")
    }

    /// The rows that compute each element by one scalar function (RealModule on glibc's
    /// float functions, or one IEEE operation), so each element is judged alone.
    static let elementwiseRows = Float32OpTable.arithmetic + Float32OpTable.elementwise

    @Test("elementwise operations are within 2 float32 ulps of the float64 value, element by element",
          arguments: elementwiseRows)
    func elementByElement(_ testCase: Float32Case) {
        let inputs = testCase.inputs()
        let single = testCase.function(inputs).scalars(as: Float.self)
        let double = testCase.function(inputs.map { $0.converted(to: .float64) }).scalars(as: Float.self)
        let distances = zip(single, double).map { ulpDistance($0, $1) }
        #expect(distances.allSatisfy { $0 <= 2 }, "\(testCase.name): ulps \(distances)")
    }

    // MARK: - PyTorch

    // Expected values from PyTorch 2.13.0+cpu, float32, one thread; each printed with
    // `repr(float(v))` of the float32 result (exact). For example:
    //     x = torch.tensor([0.3, -1.2, 2.5], dtype=torch.float32)
    //     print([repr(float(v)) for v in torch.exp(x)])
    // PyTorch evaluates exp, tanh, ... with its own vectorised code, so a result may differ from
    // ours (glibc's float functions) by one ulp: the check allows 1. Except for ∂ Σ tanh =
    // 1 − y², which cancels near |y| = 1: at x = 2.5 PyTorch gives 1 − y² of the rounded y
    // without rounding y² (0.026592249), we round y·y first (0.026592255), 3 ulps apart; they
    // are 12 and 15 ulps from the true 0.0265922267, as y's own rounding is amplified
    // 2y²/(1 − y²) ≈ 73 times.
    static let x: [Float] = [0.3, -1.2, 2.5]
    static let positive: [Float] = [0.3, 1.2, 2.5]
    static let pyTorch: [(name: String, input: [Float], function: @Sendable (Tensor) -> Tensor, expected: [Double], ulps: Int)] = [
        ("exp", x, { exp($0) }, [1.3498588800430298, 0.3011941909790039, 12.182494163513184], 1),
        ("tanh", x, { tanh($0) }, [0.29131263494491577, -0.8336546421051025, 0.9866142868995667], 1),
        ("sigmoid", x, { sigmoid($0) }, [0.5744425058364868, 0.23147521913051605, 0.9241418242454529], 1),
        ("erf", x, { erf($0) }, [0.3286267817020416, -0.9103139638900757, 0.9995930194854736], 1),
        ("log", positive, { log($0) }, [-1.2039728164672852, 0.18232159316539764, 0.9162907600402832], 1),
        ("pow 1.5", positive, { pow($0, 1.5) }, [0.16431677341461182, 1.3145341873168945, 3.9528470039367676], 1),
        ("softmax", x, { softmax($0) }, [0.09757864475250244, 0.02177273854613304, 0.8806486129760742], 1),
        ("logSumExp", x, { $0.logSumExp(alongAxes: 0) }, [2.627096652984619], 1),
        ("∂ Σ tanh", x, { gradient(at: $0) { tanh($0).sum() } }, [0.9151369333267212, 0.30501994490623474, 0.026592249050736427], 3),
        ("∂ logSumExp", x, { gradient(at: $0) { $0.logSumExp(alongAxes: 0) } },
         [0.09757863730192184, 0.021772736683487892, 0.8806485533714294], 1),
    ]

    @Test("elementwise functions, softmax and their gradients match PyTorch float32 within 1 ulp (3 where 1 − y² cancels)",
          arguments: pyTorch.indices)
    func againstPyTorch(_ index: Int) {
        let (name, input, function, expected, ulps) = Self.pyTorch[index]
        let result = function(Tensor(input))
        #expect(result.dtype == .float32)
        let distances = zip(result.scalars(as: Float.self), expected.map(Float.init)).map { ulpDistance($0, $1) }
        #expect(distances.count == expected.count && distances.allSatisfy { $0 <= ulps }, "\(name): \(result.scalars) ulps \(distances)")
    }

    @Test("sgemm, sgetri and snrm2 match PyTorch float32 within 1 ulp")
    func linearAlgebraAgainstPyTorch() throws {
        // a = [[0.5, -1.25, 2.0], [3.0, 0.1, -0.7]], b = [[1.5, 0.2], [-0.3, 0.9], [0.4, -2.2]],
        // m = [[2.0, 1.0], [0.1, 3.0]], all float32: a @ b, torch.linalg.inv(m), torch.linalg.norm(a).
        let a = Tensor([[Float(0.5), -1.25, 2.0], [3.0, 0.1, -0.7]])
        let b = Tensor([[Float(1.5), 0.2], [-0.3, 0.9], [0.4, -2.2]])
        let m = Tensor([[Float(2.0), 1.0], [0.1, 3.0]])
        let cases: [(Tensor, [Double])] = [
            (matmul(a, b), [1.9249999523162842, -5.425000190734863, 4.189999580383301, 2.2300000190734863]),
            (try m.inverse(), [0.508474588394165, -0.16949152946472168, -0.016949152573943138, 0.33898305892944336]),
            (a.frobeniusNorm(), [3.913119077682495]),
        ]
        for (result, expected) in cases {
            #expect(result.dtype == .float32)
            let distances = zip(result.scalars(as: Float.self), expected.map(Float.init)).map { ulpDistance($0, $1) }
            #expect(distances.allSatisfy { $0 <= 1 }, "\(result.scalars) against \(expected): ulps \(distances)")
        }
    }
}
