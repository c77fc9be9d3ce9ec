import AutogradTestSupport
import Testing
import Autograd

/// Reductions over an axis of size 0 follow PyTorch 2.13: those with an identity return it
/// (sum 0, logSumExp −∞), mean is 0/0 = NaN, and those without one (max, argmax) trap.
@Suite("Reductions over empty axes")
struct EmptyReductionTests {
    // torch.empty(0, 3).sum(dim=0) → [0, 0, 0]; .sum() → 0.
    @Test("sum of no elements is 0")
    func sum() {
        let x = Tensor(shape: [0, 3], scalars: [])
        #expect(x.sum(alongAxes: 0).scalars == [0, 0, 0])
        #expect(x.sum().scalar == 0)
        #expect(x.sum(alongAxes: 1).shape == [0])
    }

    // torch.empty(0, 3).mean(dim=0) → [nan, nan, nan]; .mean() → nan.
    @Test("mean of no elements is NaN")
    func mean() {
        let x = Tensor(shape: [0, 3], scalars: [])
        #expect(x.mean(alongAxes: 0).scalars.allSatisfy { $0.isNaN })
        #expect(x.mean(alongAxes: 0).shape == [3])
        #expect(x.mean().scalar.isNaN)
    }

    // torch.logsumexp(torch.empty(0, 3), dim=0) → [-inf, -inf, -inf]: log of an empty sum.
    @Test("logSumExp of no elements is −∞")
    func logSumExp() {
        let x = Tensor(shape: [0, 3], scalars: [])
        #expect(x.logSumExp(alongAxes: 0).scalars == [-.infinity, -.infinity, -.infinity])
        #expect(Tensor(shape: [0], scalars: []).logSumExp(alongAxes: 0).scalar == -.infinity)
    }

    // torch.softmax(torch.empty(0, 3), dim=0) → an empty [0, 3] tensor.
    @Test("softmax along an empty axis is empty")
    func softmaxOfNothing() {
        let x = Tensor(shape: [0, 3], scalars: [])
        #expect(softmax(x, alongAxis: 0).shape == [0, 3])
        #expect(logSoftmax(x, alongAxis: 0).shape == [0, 3])
    }

    // PyTorch: "max(): Expected reduction dim 0 to have non-zero size."
    @Test("max along an empty axis traps, naming the axis and the shape")
    func maxAlongEmptyAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [0, 3], scalars: []).max(alongAxes: 0)
        }
        #expect(standardError(of: result).contains("max(alongAxes:): axis 0 of shape [0, 3] is empty"))
    }

    @Test("max along an empty axis and a non-empty one traps")
    func maxAlongTwoAxes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 0, 3], scalars: []).max(alongAxes: 0, -2)
        }
        #expect(standardError(of: result).contains("max(alongAxes:): axis 1 of shape [2, 0, 3] is empty"))
    }

    // PyTorch: "max(): Expected reduction dim to be specified for input.numel() == 0."
    @Test("max() of no elements traps, naming the shape")
    func maxOfNothing() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [3, 0], scalars: []).max()
        }
        #expect(standardError(of: result).contains("max(): the tensor of shape [3, 0] has no elements"))
    }

    // PyTorch: "argmax(): Expected reduction dim 0 to have non-zero size."
    @Test("argmax along an empty axis traps, naming the axis and the shape")
    func argmaxAlongEmptyAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [0, 3], scalars: []).argmax(alongAxis: 0)
        }
        #expect(standardError(of: result).contains("argmax(alongAxis:): axis 0 of shape [0, 3] is empty"))
    }

    @Test("max along a non-empty axis of an empty tensor is empty")
    func maxKeepingEmptyAxis() {
        // torch.empty(0, 3).amax(dim=1) → an empty tensor of shape [0].
        #expect(Tensor(shape: [0, 3], scalars: []).max(alongAxes: 1).shape == [0])
    }
}
