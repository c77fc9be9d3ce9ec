import AutogradTestSupport
import Testing
import Autograd

/// `variance` and `standardDeviation`: values and gradients against PyTorch for several
/// corrections, zero spread, N − c ≤ 0, second order in both types, and the digits a long
/// float32 variance keeps.
@Suite("Variance and standard deviation")
struct VarianceTests {
    let x = Tensor([[3.0, -1, 2, -1], [0.5, 4, 0.5, -2]])

    // PyTorch 2.13.0: x.var(dim=1) and the gradient of its sum.
    @Test("variance along an axis against PyTorch", arguments: DType.allCases)
    func varianceAlongAxis(_ dtype: DType) {
        let tolerance = dtype == .float32 ? 1e-6 : 1e-15
        let (v, g) = valueWithGradient(at: x.converted(to: dtype)) { $0.variance(alongAxes: 1).sum() }
        #expect(v.dtype == dtype)
        expectClose(x.converted(to: dtype).variance(alongAxes: -1).scalars, [4.25, 6.083333333333333], tolerance: tolerance)
        expectClose(g.scalars, [1.5, -1.1666666666666665, 0.8333333333333333, -1.1666666666666665,
                                -0.16666666666666666, 2.1666666666666665, -0.16666666666666666, -1.8333333333333333],
                    tolerance: tolerance)
    }

    // PyTorch 2.13.0: x.var(dim=0, correction=0) → [1.5625, 6.25, 0.5625, 0.25]; x.var() → 4.428571428571429;
    // x.std(dim=1, correction=0) → [1.7853571071357126, 2.1360009363293826]; x.std() → 2.104417123236605.
    @Test("corrections, all axes and the standard deviation against PyTorch")
    func corrections() {
        expectClose(x.variance(alongAxes: 0, correction: 0).scalars, [1.5625, 6.25, 0.5625, 0.25], tolerance: 1e-15)
        expectClose([x.variance().scalar], [4.428571428571429], tolerance: 1e-15)
        #expect(x.variance(alongAxes: 1, keepingDims: true).shape == [2, 1])
        expectClose(x.standardDeviation(alongAxes: 1, correction: 0).scalars, [1.7853571071357126, 2.1360009363293826], tolerance: 1e-15)
        expectClose([x.standardDeviation().scalar], [2.104417123236605], tolerance: 1e-15)
        // PyTorch 2.13.0: grad of x.std(dim=1, correction=0).sum().
        expectClose(gradient(at: x) { $0.standardDeviation(alongAxes: 1, correction: 0).sum() }.scalars,
                    [0.3150630189063022, -0.2450490147049017, 0.1750350105035012, -0.2450490147049017,
                     -0.029260286799032642, 0.38038372838742435, -0.029260286799032642, -0.32186315478935906],
                    tolerance: 1e-15)
    }

    // PyTorch 2.13.0 (with a "degrees of freedom is <= 0" warning): tensor([2.]).var() → nan,
    // tensor([2., 2.]).var(correction=2) → nan, tensor([1., 2.]).var(correction=2) → inf,
    // correction=3 → inf, torch.empty(0).var() → nan.
    @Test("N − c ≤ 0 divides by 0 as PyTorch does: +∞, or NaN with no spread")
    func noDegreesOfFreedom() {
        #expect(Tensor([2.0]).variance().scalar.isNaN)
        #expect(Tensor([2.0, 2]).variance(correction: 2).scalar.isNaN)
        #expect(Tensor([1.0, 2]).variance(correction: 2).scalar == .infinity)
        #expect(Tensor([1.0, 2]).variance(correction: 3).scalar == .infinity)
        #expect(Tensor(shape: [0], scalars: []).variance().scalar.isNaN)
    }

    // PyTorch 2.13.0: x = [[2, 2, 2], [1, 3, 1]], grad of x.std(dim=1).sum() →
    // [[0, 0, 0], [-0.28867513459481287, 0.5773502691896256, -0.28867513459481287]].
    @Test("the standard deviation's derivative is 0 where the spread is 0, as PyTorch 2.13", arguments: DType.allCases)
    func zeroSpread(_ dtype: DType) {
        let x = Tensor([[2.0, 2, 2], [1, 3, 1]]).converted(to: dtype)
        let g = gradient(at: x) { $0.standardDeviation(alongAxes: 1).sum() }
        expectClose(g.scalars, [0, 0, 0, -0.28867513459481287, 0.5773502691896256, -0.28867513459481287],
                    tolerance: dtype == .float32 ? 1e-6 : 1e-15)
        let tangent = Tensor([[1.0, -2, 4], [0, 0, 0]]).converted(to: dtype)
        #expect(jvp(at: x, tangent: tangent) { $0.standardDeviation(alongAxes: 1) }.tangent.scalars == [0, 0])
        // At a constant input s(x ± h·v) = h·s(v): the central difference is 0 too.
        let constant = Tensor.full([4], value: 3, dtype: dtype)
        let report = checkGradients(at: constant) { $0.standardDeviation() }
        #expect(report.passed, "\(report)")
    }

    @Test("second order by the gradient checker", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = sample([3, 4], seed: 31).converted(to: dtype)
        for (axes, correction) in [([0], 1.0), ([1], 0), ([-1, 0], 1), ([0, 1], 2.5)] {
            let variance = checkGradients(at: x, order: 2) { exp($0 * 0.5).variance(alongAxes: axes, correction: correction) }
            let deviation = checkGradients(at: x, order: 2) { $0.standardDeviation(alongAxes: axes, correction: correction) * $0.sum(alongAxes: axes) }
            #expect(variance.passed && deviation.passed, "axes \(axes), c \(correction), \(dtype): \(variance) \(deviation)")
        }
    }

    @Test("10⁷ float32 values of 10⁴ + noise keep the variance's digits (two passes, pairwise sums)")
    func longFloat32Variance() {
        let count = 10_000_000
        let values = Tensor.randomNormal([count], seed: 5, dtype: .float32) * 0.1 + 10_000
        let reference = values.converted(to: .float64)
        // The float64 reference: the same rounded values, in float64, two passes.
        let mean = reference.scalars.reduce(0, +) / Double(count)
        let expected = reference.scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
        let variance = values.variance()
        #expect(variance.dtype == .float32)
        #expect(abs(variance.scalar - expected) <= 1e-4 * expected, "\(variance.scalar) vs \(expected)")
    }

    @Test("variance along an axis out of range traps")
    func badAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).variance(alongAxes: -3)
        }
        #expect(standardError(of: result).contains("variance(alongAxes:): axis -3 is out of range for rank 2"))
    }
}
