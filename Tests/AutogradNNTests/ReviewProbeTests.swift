import AutogradTestSupport
import Testing
import Autograd
import AutogradNN

/// Second-order gradient checks (reverse and forward modes, both element types) of issue 11's
/// ops in the combinations most likely to hide a wrong rule: negative strides with new axes,
/// broadcast replacement, repeated scatter indices, cumulative products through zeros, einsum
/// diagonals under an ellipsis, grouped dilated strided convolutions, padded dilated pooling,
/// batch norm in evaluation.
@Suite("Review probes")
struct ReviewProbeTests {
    /// Expects `f` to pass `checkGradients` at order 2.
    static func check(_ name: String, _ inputs: [Tensor], _ f: @escaping ([Tensor]) -> Tensor) {
        let report = checkGradients(at: inputs, order: 2, of: f)
        #expect(report.passed, "\(name) \(inputs.map(\.dtype)): \(report)")
    }

    /// Expects `f` of one tensor to pass `checkGradients` at order 2.
    static func check(_ name: String, _ input: Tensor, _ f: @escaping (Tensor) -> Tensor) {
        check(name, [input]) { f($0[0]) }
    }

    @Test("probes", arguments: DType.allCases)
    func probes(_ dtype: DType) {
        let x = Tensor.randomNormal([2, 3, 4], seed: 1, dtype: dtype)
        Self.check("slice neg stride newAxis", x) { t in
            let y = t[0]
            let s = t[.newAxis, .range(..., stride: -1), .range(0...2, stride: -2), .newAxis, (-3)...]
            return sin(s) * s + y.sum()
        }
        let v = Tensor.randomNormal([1, 3], seed: 2, dtype: dtype)
        Self.check("replacing broadcast", [x, v]) { t in
            let y = t[0].replacing(..., .range(..., stride: -1), 1..<4, with: t[1])
            return y * y * t[0]
        }
        Self.check("replacing broadcast scalar-ish", [x, Tensor.randomNormal([3], seed: 3, dtype: dtype)]) { t in
            let y = t[0].replacing(1, .ellipsis, 2, with: t[1])
            return y * sin(y)
        }
        let idx = Tensor(shape: [2, 2, 4], scalars: [0, 0, 2, 2, 1, 1, 0, 2, 2, 2, 2, 1, 0, 0, 0, 0])
        let vals = Tensor.randomNormal([2, 2, 4], seed: 4, dtype: dtype)
        Self.check("scatterAdd repeated", [x, vals]) { t in
            let y = t[0].scatteringAdding(t[1] * t[1], alongAxis: 1, indices: idx)
            return y * y
        }
        Self.check("scatterAdd neg axis", [x, vals]) { t in
            let y = t[0].scatteringAdding(t[1] * t[1], alongAxis: -2, indices: idx)
            return y * y
        }
        Self.check("gather", x) { t in
            let g = t.gathering(alongAxis: -2, indices: idx)
            return g * g
        }
        let z = Tensor([2.0, 0, 3, 0, 1.5, -1, 0.5]).converted(to: dtype)
        Self.check("cumprod zeros", z) { t in t.cumulativeProduct(alongAxis: 0) * t }
        let z2 = Tensor(shape: [2, 3], scalars: [0.0, 2, 3, 1.5, 0, 0]).converted(to: dtype)
        Self.check("cumprod zeros axis -1/0", z2) { t in t.cumulativeProduct(alongAxis: -1) * t.cumulativeProduct(alongAxis: 0) }
        Self.check("cumsum", x) { t in sin(t.cumulativeSum(alongAxis: -2)) }
        let a = Tensor.randomNormal([2, 3, 3], seed: 5, dtype: dtype)
        let b = Tensor.randomNormal([3, 4], seed: 6, dtype: dtype)
        Self.check("einsum diag ellipsis", [a, b]) { t in einsum("...ii,ij->...j", t[0], t[1]) * t[1].sum() }
        Self.check("einsum trace implicit", a) { t in einsum("bii", t * t) }
        Self.check("einsum 3 ops", [a, b, b]) { t in einsum("bij,jk,jl->bkl", t[0], t[1], t[2]) }
        Self.check("einsum bcast size1", [Tensor.randomNormal([1, 3, 3], seed: 7, dtype: dtype), Tensor.randomNormal([2, 3, 4], seed: 8, dtype: dtype)]) { t in
            sin(einsum("...ij,...jk->...ik", t[0], t[1]))
        }
        Self.check("einsum bcast summed", [Tensor.randomNormal([1, 3], seed: 7, dtype: dtype), Tensor.randomNormal([2, 3], seed: 8, dtype: dtype)]) { t in
            sin(einsum("...j,...j->...j", t[0], t[1]))
        }
        Self.check("einsum outer", [b, Tensor.randomNormal([2], seed: 9, dtype: dtype)]) { t in sin(einsum("ij,k->kji", t[0], t[1])) }
        let img = Tensor.randomNormal([2, 4, 7, 6], seed: 10, dtype: dtype)
        let w = Tensor.randomNormal([6, 2, 2, 3], seed: 11, dtype: dtype)
        let bias = Tensor.randomNormal([6], seed: 12, dtype: dtype)
        Self.check("conv groups dil stride", [img, w, bias]) { t in
            let y = conv2d(t[0], weight: t[1], bias: t[2], stride: (2, 1), padding: (1, 2), dilation: (2, 3), groups: 2)
            return y * y
        }
        Self.check("conv1d", [Tensor.randomNormal([2, 2, 9], seed: 13, dtype: dtype), Tensor.randomNormal([4, 1, 3], seed: 14, dtype: dtype)]) { t in
            let y = conv1d(t[0], weight: t[1], stride: 2, padding: 1, dilation: 2, groups: 2)
            return y * y
        }
        let distinct = Tensor(shape: [1, 2, 5, 5], scalars: (0..<50).map { Double(($0 * 37) % 50) / 7 - 3 }).converted(to: dtype)
        Self.check("maxpool pad", distinct) { t in
            let y = maxPool2d(t, kernelSize: (3, 2), stride: (2, 1), padding: (1, 1), dilation: (1, 2))
            return y * y
        }
        Self.check("avgpool pad no count", distinct) { t in
            let y = avgPool2d(t, kernelSize: (3, 2), stride: (2, 1), padding: (1, 1), countIncludePad: false)
            return y * y
        }
        Self.check("adaptive", distinct) { t in let y = adaptiveAvgPool2d(t, outputSize: (3, 2)); return y * y }
        Self.check("variance", x) { t in t.variance(alongAxes: [-1, 0], correction: 0, keepingDims: true) * t }
        Self.check("std", x) { t in t.standardDeviation(alongAxes: -2) }
        Self.check("min", x) { t in t.min(alongAxes: -1, 0) }
        Self.check("sorted/topK", x) { t in t.sorted(alongAxis: 1) * t + t.topK(2, alongAxis: -1).values.sum() }
        Self.check("where bcast", [x, Tensor.randomNormal([3, 1], seed: 20, dtype: dtype)]) { t in
            let y = Tensor.where(t[0] .> 0, t[0] * t[0], t[1]); return y * y
        }
        Self.check("maximum bcast", [x, Tensor.randomNormal([4], seed: 21, dtype: dtype)]) { t in
            let y = maximum(t[0], t[1]) * minimum(t[1], t[0]); return y * y
        }
        Self.check("pad reflect", x) { t in let y = t.padded([(1, 0), (2, 2), (0, 3)], mode: .reflect); return y * y }
        Self.check("pad const", x) { t in let y = t.padded([(1, 0), (2, 2), (0, 3)], mode: .constant(2)); return y * y }
        Self.check("tile", x) { t in let y = t.tiled(2, 1, 1, 2); return y * y }
        Self.check("split/chunk", x) { t in let p = t.chunked(2, alongAxis: -1); let q = t.split(sizes: [1, 0, 1], alongAxis: 0); return p[0] * p[1] + (q[0] * q[2]).sum() }
        Self.check("log1p expm1 silu logsig", x) { t in log1p(exp(t)) * expm1(t) + silu(t) * logSigmoid(t) }
        Self.check("layerNorm", [x, Tensor.randomNormal([3, 4], seed: 22, dtype: dtype)]) { t in
            let y = layerNorm(t[0], normalizedShape: [3, 4], weight: t[1]); return y * y
        }
        Self.check("batchNorm fn", [x, Tensor.randomNormal([3], seed: 23, dtype: dtype)]) { t in
            let y = batchNorm(t[0], weight: t[1], bias: t[1]); return y * y
        }
        Self.check("int ops", x) { t in (2 - t) * 3 / (t * t + 4) + 1 }
        #expect((x * 2).dtype == dtype && (2 / x).dtype == dtype && (x - 1).dtype == dtype)
    }

    @Test("batchnorm eval gradients", arguments: DType.allCases)
    func batchNormEval(_ dtype: DType) {
        let layer = BatchNorm(featureCount: 3, dtype: dtype)
        _ = layer(Tensor.randomNormal([4, 3, 2], seed: 1, dtype: dtype))
        layer.isTraining = false
        let x = Tensor.randomNormal([2, 3, 2], seed: 2, dtype: dtype)
        let report = checkGradients(at: x, order: 2) { t in let y = layer(t); return y * y }
        #expect(report.passed, "\(report)")
        let g = gradient(at: x) { layer($0).sum() }
        #expect(g.dtype == dtype)
        // Eval-mode gradient of sum is γ/√(rv+eps) per channel.
        let rv = layer.runningVariance.scalars
        for c in 0..<3 { #expect(Swift.abs(g[0, c, 0].scalar - 1 / (rv[c] + 1e-5).squareRoot()) < 1e-5) }
    }

    @Test("hvp conv", arguments: DType.allCases)
    func hvpConv(_ dtype: DType) {
        let img = Tensor.randomNormal([1, 4, 6, 5], seed: 10, dtype: dtype)
        let w = Tensor.randomNormal([4, 2, 2, 2], seed: 11, dtype: dtype)
        let v = Tensor.randomNormal([4, 2, 2, 2], seed: 12, dtype: dtype)
        let f: (Tensor) -> Tensor = { w in
            let y = conv2d(img, weight: w, stride: (2, 1), padding: (1, 1), dilation: (2, 2), groups: 2)
            return (y * y * y).sum()
        }
        let a = hessianVectorProduct(at: w, along: v, method: .forwardOverReverse, of: f)
        let b = hessianVectorProduct(at: w, along: v, method: .reverseOverReverse, of: f)
        #expect(a.dtype == dtype && b.dtype == dtype)
        let err = zip(a.scalars, b.scalars).map { Swift.abs($0 - $1) }.max()!
        #expect(err < (dtype == .float32 ? 1e-3 : 1e-10), "\(err)")
    }
}

/// Empty and size-1 axes, element types kept, and ties, with expected values by hand or from PyTorch.
@Suite("Review probes: edges")
struct ReviewEdgeProbeTests {
    @Test("empty and size-1 edges", arguments: DType.allCases)
    func edges(_ dtype: DType) {
        let e = Tensor.zeros([2, 3, 0], dtype: dtype)
        let f = Tensor.zeros([2, 0, 5], dtype: dtype)
        #expect(matmul(e, f).shape == [2, 3, 5] && matmul(e, f).scalars.allSatisfy { $0 == 0 })
        #expect(matmul(e, Tensor.zeros([0, 5], dtype: dtype)).shape == [2, 3, 5])
        #expect(matmul(Tensor.zeros([0], dtype: dtype), Tensor.zeros([0], dtype: dtype)).scalar == 0)
        let g = gradient(at: e) { matmul($0, Tensor.ones([0, 5], dtype: dtype)).sum() }
        #expect(g.shape == [2, 3, 0])
        let x = Tensor.randomNormal([3, 1], seed: 1, dtype: dtype)
        #expect(x[.range(0..<0, stride: -1)].shape == [0, 1])
        #expect(x.replacing(.range(0..<0, stride: -1), with: Tensor(5, dtype: dtype)).scalars == x.scalars)
        #expect(x.sorted(alongAxis: 0).dtype == dtype && Tensor.zeros([0, 2], dtype: dtype).sorted(alongAxis: 0).shape == [0, 2])
        #expect(x.topK(0, alongAxis: 0).values.shape == [0, 1])
        #expect(Tensor.zeros([0, 2], dtype: dtype).cumulativeProduct(alongAxis: 0).shape == [0, 2])
        #expect(x.cumulativeProduct(alongAxis: 1).scalars == x.scalars)
        #expect(einsum("ij,jk->ik", Tensor.zeros([2, 0], dtype: dtype), Tensor.zeros([0, 3], dtype: dtype)).scalars == [0, 0, 0, 0, 0, 0])
        #expect(einsum("ii->", Tensor.eye(3, dtype: dtype)).scalar == 3)
        #expect(maxPool2d(Tensor.zeros([0, 1, 4, 4], dtype: dtype), kernelSize: 2).shape == [0, 1, 2, 2])
        #expect(avgPool2d(Tensor.zeros([1, 1, 4, 4], dtype: dtype), kernelSize: 2).dtype == dtype)
        #expect(maxPool2d(Tensor.zeros([1, 1, 4, 4], dtype: dtype), kernelSize: 2, padding: 1).dtype == dtype)
        #expect(conv2d(Tensor.zeros([0, 2, 4, 4], dtype: dtype), weight: Tensor.zeros([3, 2, 3, 3], dtype: dtype)).shape == [0, 3, 2, 2])
        #expect(x.padded([(1, 1), (0, 0)], mode: .constant(3)).dtype == dtype)
        #expect(Tensor.where(x .> 0, x, Tensor(0, dtype: dtype)).dtype == dtype)
        #expect(x.variance(alongAxes: 1, correction: 0).scalars == [0, 0, 0])
        #expect(x.standardDeviation(alongAxes: 1).dtype == dtype)
        #expect(x.clamped(min: 0).dtype == dtype && x.min().dtype == dtype)
    }

    @Test("ties: sorted gradient matches torch.sort(stable=True)")
    func sortTies() {
        // torch 2.13: x = tensor([2., 1., 2., 1.], requires_grad=True); (x.sort(stable=True).values * tensor([1., 2., 3., 4.])).sum().backward() → x.grad = [3, 1, 4, 2]
        let x = Tensor([2.0, 1, 2, 1])
        let g = gradient(at: x) { ($0.sorted() * Tensor([1.0, 2, 3, 4])).sum() }
        #expect(g.scalars == [3, 1, 4, 2])
        // descending, stable: [2, 2, 1, 1] from positions [0, 2, 1, 3] → grad [1, 3, 2, 4]
        let h = gradient(at: x) { ($0.sorted(descending: true) * Tensor([1.0, 2, 3, 4])).sum() }
        #expect(h.scalars == [1, 3, 2, 4])
    }
}
