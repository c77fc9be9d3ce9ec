import AutogradTestSupport
import Foundation
import Testing
import Autograd

/// `conv2d` and `conv1d` forward values against PyTorch's `F.conv2d`/`F.conv1d`, in float64 and
/// float32, on inputs every framework can rebuild from a formula.
@Suite("Convolution values")
struct ConvolutionValueTests {
    /// x with x[i] = sin(0.37·i + 0.1) in row-major order.
    static func input(_ shape: [Int]) -> Tensor { sequence(shape) { sin(0.37 * $0 + 0.1) } }
    /// w with w[i] = cos(0.61·i + 0.2) in row-major order.
    static func weight(_ shape: [Int]) -> Tensor { sequence(shape) { cos(0.61 * $0 + 0.2) } }
    /// b with b[i] = 0.1·i − 0.2.
    static func bias(_ count: Int) -> Tensor { sequence([count]) { 0.1 * $0 - 0.2 } }

    static func sequence(_ shape: [Int], _ value: (Double) -> Double) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { value(Double($0)) })
    }

    // PyTorch 2.13.0 (CPU, float64), with seq(shape, f) = torch.tensor([f(i) for i in
    // range(prod(shape))]).reshape(shape) and X, W, B the formulas above, e.g.
    // F.conv2d(X([2,2,4,5]), W([3,2,3,3]), B(3), stride=2, padding=1).flatten().tolist().

    /// F.conv2d(X([2,2,4,5]), W([3,2,3,3]), B(3), stride=2, padding=1): shape [2, 3, 2, 3].
    static let strideTwoPaddedBiased: [Double] = [
        -1.6718133015392924, -1.922658452872495, 0.34264259188268276, 2.0320192100368226, -0.06284689930128434,
        -3.2724956048943272, 0.09859961520123378, 2.9800992456248565, 2.9732885019227093, -0.688388152770622,
        -4.258965601208786, -2.6181998359073306, 1.4656274565832512, 1.626721628607469, -0.6383672797619789,
        -2.2136924983595447, -0.007612485222048437, 3.1509307707302443, 0.11921748743782276, 2.0498097464393346,
        0.6515071347057142, -3.369355813674303, -4.717285127470658, -0.8425292383114305, 2.2146503487351925,
        0.6004880787079045, -1.6723103350499884, -2.8930759404551027, 0.3644834278059227, 2.0093581172460313,
        -0.3913126330916592, -2.2716280699242724, -0.8025338879773682, 3.2563526323771272, 4.5028177154057,
        0.5768283946474803,
    ]
    /// F.conv2d(X([1,2,5,6]), W([2,2,2,3]), None, stride=(1,2), padding=(1,2), dilation=2): shape [1, 2, 5, 3].
    static let dilatedAsymmetric: [Double] = [
        0.8401958077848757, 2.4222298889176614, 2.052090700419079, 1.4707806664482266, 1.7488422878874006,
        0.9317178591514563, -1.675086911644423, -2.37097361507831, -2.230046191986545, 0.55457452685987,
        1.1179126793406393, 1.7646411207076482, 0.5692051746499134, 2.0935034126181162, 1.6309449866547363,
        -0.3835265330759339, 0.560307172904959, 1.7053895428912416, -0.5938966332755259, 0.22943951378635433,
        -0.04092987515923324, 0.088619298061979, -0.311485230117887, -0.8298793536839674, 0.48674663746966595,
        0.14717869275118403, 1.0443407711066883, -1.6914752459296938, -0.6877061184957174, 0.3457724066495352,
    ]
    /// F.conv2d(X([1,4,3,3]), W([4,2,2,2]), B(4), groups=2): shape [1, 4, 2, 2].
    static let groupedBiased: [Double] = [
        1.742148327430452, 2.8242864567078696, 3.6695313886759497, 3.318238255047959, 3.871133379836916,
        4.065532307648295, 2.812969100647693, 1.5355355198636091, -1.651485450347728, -2.4423456013182565,
        -2.9700863811089735, -2.6355397711284025, -4.614812568885768, -4.499155531642281, -2.5003216705339844,
        -0.8876776328166474,
    ]
    /// F.conv2d(X([2,3,2,2]), W([2,3,1,1])): shape [2, 2, 2, 2].
    static let pointwise: [Double] = [
        0.7995563243332539, 1.0416469933124084, 1.1427556283336753, 1.0891976499689744, -1.002054067907328,
        -0.7325072441611185, -0.3638190012645264, 0.05411043670113014, -1.0040065122575441, -0.7372781188779001,
        -0.3707625908361416, 0.04593391454934807, -0.2677181719565961, -0.6528728145586336, -0.9496641844749871,
        -1.1179229620987352,
    ]
    /// F.conv1d(X([2,2,7]), W([3,2,3]), B(3), stride=2, padding=1): shape [2, 3, 4].
    static let conv1dStridedPaddedBiased: [Double] = [
        -0.5267961909471113, 1.7193734112405148, 3.5475547668575693, 2.5117331097691578, 0.5411452077920816,
        -0.995790981528455, -2.872122401817313, -2.772397921192831, -0.7870133645515077, -0.36318841160242743,
        1.068228588661478, 1.9308069958795628, -2.6679499166058442, -2.419583268022807, 0.366511786339791,
        1.8511519992666339, 1.6397633345453537, 2.2903211071110183, 0.1746313671958761, -1.747554507326556,
        -0.5543997832318244, -1.9329276724842526, -1.0436065806310908, 0.8110107856422009,
    ]
    /// F.conv1d(X([1,2,6]), W([4,1,2]), None, dilation=2, groups=2): shape [1, 4, 4].
    static let conv1dDilatedGrouped: [Double] = [
        0.6112736593354628, 1.0889644787783341, 1.4192690645818633, 1.557482240586402, -0.3150539362311156,
        -0.34666215669837397, -0.3313512805222008, -0.2711935629664739, -0.7230573377642674, -0.0998864811167906,
        0.5368035421611779, 1.1008397242668866, -0.5708264110831872, -0.2602766503834615, 0.0855003339327021,
        0.41970524915127294,
    ]

    static func tolerance(_ dtype: DType) -> Double { dtype == .float32 ? 1e-5 : 1e-13 }

    static func expectMatches(_ y: Tensor, shape: [Int], _ expected: [Double], dtype: DType) {
        #expect(y.shape == shape && y.dtype == dtype)
        expectClose(y.scalars, expected, tolerance: tolerance(dtype))
    }

    @Test("stride 2, padding 1 and a bias match PyTorch", arguments: DType.allCases)
    func strideTwoPadded(dtype: DType) {
        let y = conv2d(Self.input([2, 2, 4, 5]).converted(to: dtype), weight: Self.weight([3, 2, 3, 3]).converted(to: dtype),
                       bias: Self.bias(3).converted(to: dtype), stride: 2, padding: 1)
        Self.expectMatches(y, shape: [2, 3, 2, 3], Self.strideTwoPaddedBiased, dtype: dtype)
    }

    @Test("dilation 2 with a different stride and padding per axis matches PyTorch", arguments: DType.allCases)
    func dilatedAsymmetric(dtype: DType) {
        let y = conv2d(Self.input([1, 2, 5, 6]).converted(to: dtype), weight: Self.weight([2, 2, 2, 3]).converted(to: dtype),
                       stride: (1, 2), padding: (1, 2), dilation: (2, 2))
        Self.expectMatches(y, shape: [1, 2, 5, 3], Self.dilatedAsymmetric, dtype: dtype)
    }

    @Test("two groups with a bias match PyTorch", arguments: DType.allCases)
    func grouped(dtype: DType) {
        let y = conv2d(Self.input([1, 4, 3, 3]).converted(to: dtype), weight: Self.weight([4, 2, 2, 2]).converted(to: dtype),
                       bias: Self.bias(4).converted(to: dtype), groups: 2)
        Self.expectMatches(y, shape: [1, 4, 2, 2], Self.groupedBiased, dtype: dtype)
    }

    @Test("a 1×1 kernel matches PyTorch", arguments: DType.allCases)
    func pointwise(dtype: DType) {
        let y = conv2d(Self.input([2, 3, 2, 2]).converted(to: dtype), weight: Self.weight([2, 3, 1, 1]).converted(to: dtype))
        Self.expectMatches(y, shape: [2, 2, 2, 2], Self.pointwise, dtype: dtype)
    }

    @Test("conv1d with stride 2, padding 1 and a bias matches PyTorch", arguments: DType.allCases)
    func conv1dStrided(dtype: DType) {
        let y = conv1d(Self.input([2, 2, 7]).converted(to: dtype), weight: Self.weight([3, 2, 3]).converted(to: dtype),
                       bias: Self.bias(3).converted(to: dtype), stride: 2, padding: 1)
        Self.expectMatches(y, shape: [2, 3, 4], Self.conv1dStridedPaddedBiased, dtype: dtype)
    }

    @Test("conv1d with dilation 2 and two groups matches PyTorch", arguments: DType.allCases)
    func conv1dGrouped(dtype: DType) {
        let y = conv1d(Self.input([1, 2, 6]).converted(to: dtype), weight: Self.weight([4, 1, 2]).converted(to: dtype),
                       dilation: 2, groups: 2)
        Self.expectMatches(y, shape: [1, 4, 4], Self.conv1dDilatedGrouped, dtype: dtype)
    }

    @Test("a hand-computed 3×3 box sum over a padded 2×2 image")
    func boxSum() {
        // Every output sees the whole 2×2 image through a 3×3 window of ones: 1 + 2 + 3 + 4 = 10.
        let y = conv2d(Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4.0]), weight: Tensor.ones([1, 1, 3, 3]), padding: 1)
        #expect(y.shape == [1, 1, 2, 2] && y.scalars == [10, 10, 10, 10])
    }
}
