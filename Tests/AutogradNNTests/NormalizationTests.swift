import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

/// `BatchNorm`, `LayerNorm` and their functional forms: values, running statistics and
/// evaluation against PyTorch 2.13.0 literals, rules to second order, in float64 and float32.
@Suite("Normalization")
struct NormalizationTests {
    /// A [2, 3, 2, 2] batch: `torch.tensor([((i*5) % 7) - 3 + 0.1*i for i in range(24)],
    /// dtype=torch.float64).reshape(2, 3, 2, 2)`.
    static func batch(_ dtype: DType) -> Tensor {
        let values = (0..<24).map { (i: Int) -> Double in Double((i * 5) % 7 - 3) + 0.1 * Double(i) }
        return Tensor(shape: [2, 3, 2, 2], scalars: values).converted(to: dtype)
    }

    /// The tolerance of a comparison with float64 reference values.
    static func tolerance(_ dtype: DType) -> Double { dtype == .float32 ? 1e-5 : 1e-13 }

    /// A BatchNorm over 3 channels with PyTorch's test weight [1.5, −0.5, 2] and bias [0.1, 0.2, −0.3].
    static func weightedBatchNorm(_ dtype: DType) -> BatchNorm {
        let layer = BatchNorm(featureCount: 3, dtype: dtype)
        layer.weight!.assign(Tensor([1.5, -0.5, 2.0]).converted(to: dtype))
        layer.bias!.assign(Tensor([0.1, 0.2, -0.3]).converted(to: dtype))
        return layer
    }

    @Test("BatchNorm trains on batch statistics, tracks running ones as PyTorch, then evaluates with them",
          arguments: DType.allCases)
    func batchNormTrainThenEval(dtype: DType) {
        let layer = Self.weightedBatchNorm(dtype)
        let x = Self.batch(dtype)
        // PyTorch 2.13.0: bn = nn.BatchNorm2d(3).double(), weight and bias copied from float64 tensors; bn(x).
        let trained = layer(x)
        #expect(trained.dtype == dtype && trained.shape == [2, 3, 2, 2])
        expectClose(trained.scalars, [
            -2.2116184570059008, 1.4158443524495126, 0.06443663912298611, -1.2869710742035403, -0.26077518843871567,
            0.17696124057806423, 0.6146976695948442, 1.052434098611624, 0.8867800073099281, -1.1175595605912834,
            -3.121899128492495, 2.258170237979178, 1.4869710742035405, 0.13556336087701384, -1.2158443524495126,
            2.4116184570059005, 0.15392248115612844, 0.5916589101729084, -0.5833178203458167, -0.14558139132903686,
            -1.0120680043859565, -3.016407572287168, 2.3636617941845057, 0.3593222262832939,
        ], tolerance: Self.tolerance(dtype))
        // bn.running_mean, bn.running_var (unbiased), bn.num_batches_tracked after one step.
        expectClose(layer.runningMean.scalars, [0.02500000000000001, 0.14, 0.16749999999999998], tolerance: Self.tolerance(dtype))
        expectClose(layer.runningVariance.scalars, [1.4082857142857144, 1.4382857142857142, 1.3107857142857142],
                    tolerance: Self.tolerance(dtype))
        #expect(layer.batchesTracked.scalar == 1 && layer.runningMean.dtype == dtype)
        // bn(x * 2 + 1), then the running statistics again.
        _ = layer(x * 2 + 1)
        expectClose(layer.runningMean.scalars, [0.17250000000000004, 0.5060000000000001, 0.58575], tolerance: Self.tolerance(dtype))
        expectClose(layer.runningVariance.scalars, [3.3006, 3.4475999999999996, 2.82285], tolerance: Self.tolerance(dtype))
        // bn.eval(); bn(x).
        layer.eval()
        let evaluated = layer(x)
        expectClose(evaluated.scalars, [
            -2.5193635771398664, 1.6914336627067275, 0.1227052792344669, -1.4460231042377936, -0.5793085934697323,
            -0.06766853555940353, 0.4439715223509252, 0.9556115802612539, 2.3357971199552354, 0.07407666024429622,
            -2.1876437994666436, 3.8832900660732466, 1.7739983144684253, 0.20526993099616486, -1.3634584524760955,
            2.8473387873704983, -0.09459695965994717, 0.41704309825038155, -0.9563065308773429, -0.4446664729670143,
            0.19311457917645092, -2.0686058805344887, 4.002327985005402, 1.7406075252944626,
        ], tolerance: Self.tolerance(dtype))
        #expect(layer.batchesTracked.scalar == 2)
    }

    @Test("BatchNorm over [N, C, L] reduces over N and L, as over N, H and W")
    func batchNormOverSequences() {
        let flat = Self.weightedBatchNorm(.float64)(Self.batch(.float64).reshaped(to: [2, 3, 4]))
        let planar = Self.weightedBatchNorm(.float64)(Self.batch(.float64))
        #expect(flat.shape == [2, 3, 4])
        expectClose(flat.scalars, planar.scalars, tolerance: 1e-15)
    }

    @Test("BatchNorm over [N, C] with momentum nil keeps a cumulative average")
    func batchNormCumulative() {
        let layer = BatchNorm(featureCount: 2, momentum: nil)
        let x = Tensor(shape: [4, 2], scalars: (0..<8).map { (i: Int) -> Double in Double((i * 3) % 5 - 2) + 0.25 * Double(i) })
        // PyTorch 2.13.0: bn1 = nn.BatchNorm1d(2, momentum=None).double(); bn1(x1); bn1(x1 * 3).
        expectClose(layer(x).scalars, [
            -1.3416384013670581, 0.19999936000307197, -0.447212800455686, 1.3999955200215037, 0.447212800455686,
            -1.3999955200215037, 1.3416384013670581, -0.19999936000307197,
        ], tolerance: 1e-13)
        _ = layer(x * 3)
        expectClose(layer.runningMean.scalars, [0.5, 2.0], tolerance: 1e-13)
        expectClose(layer.runningVariance.scalars, [18.75, 10.416666666666666], tolerance: 1e-13)
    }

    @Test("the running statistics are buffers, named as PyTorch's state_dict, not parameters")
    func batchNormBuffers() {
        let model = Sequential { Linear(inputSize: 2, outputSize: 3, seed: 0); BatchNorm(featureCount: 3) }
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "1.weight", "1.bias"])
        #expect(model.namedBuffers.map(\.name) == ["1.running_mean", "1.running_var", "1.num_batches_tracked"])
        #expect(model.namedBuffers.allSatisfy { !$0.tensor.requiresGrad })
        model.convert(to: .float32)
        #expect(model.namedBuffers.allSatisfy { $0.tensor.dtype == .float32 })
    }

    @Test("LayerNorm matches PyTorch with an elementwise affine step and without", arguments: DType.allCases)
    func layerNormValues(dtype: DType) {
        let layer = LayerNorm(normalizedShape: [2, 2], dtype: dtype)
        layer.weight!.assign(Tensor([[1.0, 2.0], [-1.0, 0.5]]).converted(to: dtype))
        layer.bias!.assign(Tensor([[0.0, 0.1], [0.2, 0.3]]).converted(to: dtype))
        // PyTorch 2.13.0: nn.LayerNorm([2, 2]).double() with that weight and bias, applied to the batch.
        let y = layer(Self.batch(dtype))
        #expect(y.dtype == dtype && y.shape == [2, 3, 2, 2])
        expectClose(Array(y.scalars[0..<8]), [
            -1.2435049552289674, 2.8978861492651773, -0.21450165174298919, 0.01503011442669494, 1.3416392999197555,
            0.9944261999465036, 0.6472130999732519, -0.3708196499598779,
        ], tolerance: Self.tolerance(dtype))
        // F.layer_norm(x, [2])[0, 0].flatten(): each pair a, b gives ±d/√(d² + ε), d = |a − b|/2.
        let plain = LayerNorm(normalizedShape: [2], elementwiseAffine: false, dtype: dtype)(Self.batch(dtype))
        #expect(plain.dtype == dtype)
        expectClose(Array(plain.scalars[0..<4]), [-0.9999992310658619, 0.9999992310658621, 0.9999944598798347, -0.9999944598798347],
                    tolerance: Self.tolerance(dtype))
    }

    static let differentiableCases: [DifferentiableCase] = [
        DifferentiableCase("batchNorm over [N, C, H, W] with weight and bias",
                           [sample([3, 2, 2, 2], seed: 11), sample([2], seed: 12), sample([2], seed: 13)]) {
            batchNorm($0[0], weight: $0[1], bias: $0[2])
        },
        DifferentiableCase("batchNorm over [N, C]", [sample([4, 3], seed: 14)]) { batchNorm($0[0]) },
        DifferentiableCase("layerNorm over the last two axes",
                           [sample([2, 3, 4], seed: 15), sample([3, 4], seed: 16), sample([3, 4], seed: 17)]) {
            layerNorm($0[0], normalizedShape: [3, 4], weight: $0[1], bias: $0[2])
        },
        DifferentiableCase("layerNorm over the last axis", [sample([3, 5], seed: 18)]) { layerNorm($0[0], normalizedShape: [5]) },
    ]

    @Test("the functional forms pass the gradient check to second order", arguments: differentiableCases, DType.allCases)
    func gradientCheck(testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }
}
