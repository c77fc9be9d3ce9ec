import AutogradTestSupport
import Testing
import Autograd

/// Reading slices through subscripts: values against NumPy's basic indexing, the rules derived
/// by hand, and the gradient checker to second order in both element types.
@Suite("Slicing: subscripts read slices")
struct SlicingTests {
    /// np.arange(24.).reshape(2, 3, 4), in `dtype`.
    static func block(_ dtype: DType = .float64) -> Tensor {
        Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init)).converted(to: dtype)
    }

    /// A subscript, its NumPy spelling, and NumPy's result for `block()`.
    struct Case: Sendable, CustomTestStringConvertible {
        let numpy: String
        let slice: @Sendable (Tensor) -> Tensor
        let shape: [Int]
        let values: [Double]
        var testDescription: String { numpy }
    }

    // Expected shapes and values printed by NumPy 2.4.6 for x = np.arange(24.).reshape(2, 3, 4),
    // e.g. `x[-1, :2, 1::2].shape, x[-1, :2, 1::2].ravel()`.
    static let cases: [Case] = [
        Case(numpy: "x[0]", slice: { $0[0] }, shape: [3, 4], values: (0..<12).map(Double.init)),
        Case(numpy: "x[:, 1:3]", slice: { $0[..., 1..<3] }, shape: [2, 2, 4],
             values: [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23]),
        Case(numpy: "x[0:, 1:3] (a closed range)", slice: { $0[0..., 1...2] }, shape: [2, 2, 4],
             values: [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23]),
        Case(numpy: "x[..., 0]", slice: { $0[.ellipsis, 0] }, shape: [2, 3], values: [0, 4, 8, 12, 16, 20]),
        Case(numpy: "x[1, None]", slice: { $0[1, .newAxis] }, shape: [1, 3, 4], values: (12..<24).map(Double.init)),
        Case(numpy: "x[-1, :2, 1::2]", slice: { $0[-1, ..<2, .range(1..., stride: 2)] }, shape: [2, 2], values: [13, 15, 17, 19]),
        Case(numpy: "x[:, ::-1]", slice: { $0[..., .range(..., stride: -1)] }, shape: [2, 3, 4],
             values: [8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3, 20, 21, 22, 23, 16, 17, 18, 19, 12, 13, 14, 15]),
        Case(numpy: "x[0, 0:3][::-2]", slice: { $0[0, .range(0..<3, stride: -2)] }, shape: [2, 4],
             values: [8, 9, 10, 11, 0, 1, 2, 3]),
        Case(numpy: "x[:, 1:3, -1]", slice: { $0[..., 1..<3, -1] }, shape: [2, 2], values: [7, 11, 19, 23]),
        Case(numpy: "x[..., -2:]", slice: { $0[.ellipsis, (-2)...] }, shape: [2, 3, 2],
             values: [2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23]),
        Case(numpy: "x[None, ..., 1, None]", slice: { $0[.newAxis, .ellipsis, 1, .newAxis] }, shape: [1, 2, 3, 1],
             values: [1, 5, 9, 13, 17, 21]),
        Case(numpy: "x[1, 1:3, :3]", slice: { $0[1, 1..<3, ...2] }, shape: [2, 3], values: [16, 17, 18, 20, 21, 22]),
        Case(numpy: "x[1:, :, ::3]", slice: { $0[1..., 0..., .range(..., stride: 3)] }, shape: [1, 3, 2],
             values: [12, 15, 16, 19, 20, 23]),
        Case(numpy: "x[:, 0:0] (empty)", slice: { $0[..., 0..<0] }, shape: [2, 0, 4], values: []),
        Case(numpy: "x[1, 2, 3] (a scalar)", slice: { $0[1, 2, 3] }, shape: [], values: [23]),
    ]

    @Test("values and shapes match NumPy, in both element types", arguments: cases, DType.allCases)
    func values(_ testCase: Case, _ dtype: DType) {
        let y = testCase.slice(Self.block(dtype))
        #expect(y.dtype == dtype)
        #expect(y.shape == testCase.shape)
        #expect(y.scalars == testCase.values)
    }

    @Test("strides on a vector match NumPy")
    func vectorStrides() {
        // np.arange(6.)[::2], [1:5:3], [-1] and [4:0:-2] (1...4 from the top in steps of 2), NumPy 2.4.6.
        let v = Tensor([0.0, 1, 2, 3, 4, 5])
        #expect(v[.range(..., stride: 2)].scalars == [0, 2, 4])
        #expect(v[.range(1..<5, stride: 3)].scalars == [1, 4])
        #expect(v[-1].shape == [] && v[-1].scalar == 5)
        #expect(v[.range(1...4, stride: -2)].scalars == [4, 2])
    }

    @Test("the whole tensor is returned as itself; a block along the first axis is a copy")
    func wholeAndBlocks() {
        let x = Self.block()
        #expect(x[...] === x && x[0...] === x && x[.ellipsis] === x && x[..., 0..., ...3] === x)
        #expect(x[1...] !== x && x[1...].scalars == (12..<24).map(Double.init))
    }

    @Test("pullback scatters the cotangent into zeros; differential slices the tangent", arguments: DType.allCases)
    func rules(_ dtype: DType) {
        let x = Tensor([[1.0, 2, 3], [4, 5, 6]]).converted(to: dtype)
        let weights = Tensor([10.0, 20]).converted(to: dtype)
        // By hand: ∂/∂x Σⱼ wⱼ·x[j, 2] puts wⱼ at (j, 2), zeros elsewhere.
        let g = gradient(at: x) { ($0[..., 2] * weights).sum() }
        #expect(g.dtype == dtype && g.scalars == [0, 0, 10, 0, 0, 20])
        let tangent = Tensor([[7.0, 8, 9], [1, 2, 3]]).converted(to: dtype)
        #expect(jvp(at: x, tangent: tangent) { $0[1, .range(..., stride: -2)] }.tangent.scalars == [3, 1])
    }

    @Test("second order through slices, float64 and float32", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = Tensor.randomNormal([3, 4], seed: 31, dtype: dtype)
        let functions: [(String, (Tensor) -> Tensor)] = [
            ("sin(x[1..., ::2]) * x[:2, 1::2]", { sin($0[1..., .range(..., stride: 2)]) * $0[..<2, .range(1..., stride: 2)] }),
            ("x[-1] * exp(x[0, ::-1])", { $0[-1] * exp($0[0, .range(..., stride: -1)]) }),
            ("x[None, ..., 1:3]²", { $0[.newAxis, .ellipsis, 1..<3] * $0[.newAxis, .ellipsis, 1..<3] }),
            ("x[1, 2] · x", { $0[1, 2] * $0 }),
        ]
        for (name, f) in functions {
            let report = checkGradients(at: x, order: 2, of: f)
            #expect(report.passed, "\(name), \(dtype): \(report)")
        }
    }
}
