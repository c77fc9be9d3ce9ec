import AutogradTestSupport
import Testing
import Autograd

/// `cumulativeSum` and `cumulativeProduct`: values and gradients against PyTorch (the product
/// with one and two zeros), second order in both types with and without zeros.
@Suite("Cumulative sums and products")
struct CumulativeTests {
    let x = Tensor([[3.0, -1, 2, -1], [0.5, 4, 0.5, -2]])
    let weights = Tensor([[1.0, 2, -1, 0.5], [0.5, -3, 2, 1]])

    // PyTorch 2.13.0: x.cumsum(1), x.cumsum(0), and the gradient of (x.cumsum(1) * w).sum().
    @Test("cumulative sums against PyTorch", arguments: DType.allCases)
    func cumulativeSum(_ dtype: DType) {
        let x = x.converted(to: dtype)
        #expect(x.cumulativeSum(alongAxis: 1).scalars == [3, 2, 4, 3, 0.5, 4.5, 5, 3])
        #expect(x.cumulativeSum(alongAxis: -2).scalars == [3, -1, 2, -1, 3.5, 3, 2.5, -3])
        #expect(x.cumulativeSum(alongAxis: 1).dtype == dtype)
        let g = gradient(at: x) { ($0.cumulativeSum(alongAxis: 1) * weights.converted(to: dtype)).sum() }
        #expect(g.scalars == [2.5, 1.5, -0.5, 0.5, 0.5, 0, 3, 1])
    }

    // PyTorch 2.13.0: t.cumprod(0) and the gradient of (t.cumprod(0) * w).sum(), w = [1, 2, −1, .5, 3].
    static let productCases: [(String, [Double], [Double], [Double])] = [
        ("no zero", [2, -1.5, 3, 0.5, -2], [2, -3, -9, -4.5, 9], [14.875, -18.5, 11.25, 49.5, -13.5]),
        ("one zero", [2, -1.5, 0, 0.5, -2], [2, -3, 0, 0, 0], [-2, 4, 11.25, 0, 0]),
        ("two zeros", [2, 0, 3, 0, -2], [2, 0, 0, 0, 0], [1, -2, 0, 0, 0]),
        ("zero first", [0, -1.5, 3, 0.5, -2], [0, 0, 0, 0, 0], [14.875, 0, 0, 0, 0]),
    ]

    @Test("cumulative products and their exact gradients at zeros against PyTorch", arguments: DType.allCases)
    func cumulativeProduct(_ dtype: DType) {
        let w = Tensor([1.0, 2, -1, 0.5, 3]).converted(to: dtype)
        for (name, input, value, expectedGradient) in Self.productCases {
            let t = Tensor(input).converted(to: dtype)
            #expect(t.cumulativeProduct(alongAxis: 0).scalars == value, "\(name)")
            let g = gradient(at: t) { ($0.cumulativeProduct(alongAxis: 0) * w).sum() }
            #expect(g.scalars == expectedGradient, "\(name), \(dtype)")
        }
    }

    @Test("cumulative products along either axis of a matrix")
    func productAlongAxes() {
        // NumPy 2.4.6: np.cumprod(x, axis=1) and axis=0.
        #expect(x.cumulativeProduct(alongAxis: 1).scalars == [3, -3, -6, 6, 0.5, 2, 1, -2])
        #expect(x.cumulativeProduct(alongAxis: 0).scalars == [3, -1, 2, -1, 1.5, -4, 1, 2])
        #expect(Tensor(shape: [2, 0], scalars: []).cumulativeProduct(alongAxis: 1).shape == [2, 0])
        #expect(Tensor([[7.0]]).cumulativeSum(alongAxis: 0).scalars == [7])
    }

    @Test("second order by the gradient checker, with and without zeros", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let smooth = sample([3, 4], seed: 41).converted(to: dtype)
        let withZeros = Tensor([[1.5, 0, -0.5, 2], [0, 0.7, 0, -1.2], [0.9, -1.1, 1.3, 0]]).converted(to: dtype)
        for x in [smooth, withZeros] {
            for axis in [0, 1, -1] {
                let sum = checkGradients(at: x, order: 2) { sin($0).cumulativeSum(alongAxis: axis) * $0 }
                let product = checkGradients(at: x, order: 2) { $0.cumulativeProduct(alongAxis: axis) * (x + 1) }
                #expect(sum.passed && product.passed, "axis \(axis), \(dtype), \(x.scalars): \(sum) \(product)")
            }
        }
    }

    @Test("a cumulative product along an axis out of range traps")
    func badAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).cumulativeProduct(alongAxis: 2)
        }
        #expect(standardError(of: result).contains("cumulativeProduct(alongAxis:): axis 2 is out of range for rank 2"))
    }
}
