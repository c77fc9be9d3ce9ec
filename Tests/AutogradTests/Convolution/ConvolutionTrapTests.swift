import AutogradTestSupport
import Testing
import Autograd

/// Misuse of `conv2d` and `conv1d` traps with a message naming the operation and the shapes.
@Suite("Bad input traps: convolution")
struct ConvolutionTrapTests {
    @Test("an input without four axes")
    func badRank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.ones([1, 4, 4]), weight: Tensor.ones([1, 1, 3, 3]))
        }
        #expect(standardError(of: result).contains(
            "conv2d: needs input [N, C, H, W] and weight [O, C/groups, kh, kw], got input [1, 4, 4], weight [1, 1, 3, 3]"))
    }

    @Test("channels not divisible by the groups")
    func indivisibleGroups() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.ones([1, 3, 4, 4]), weight: Tensor.ones([2, 1, 3, 3]), groups: 2)
        }
        #expect(standardError(of: result).contains(
            "conv2d: channels (3) and filters (2) must be divisible by groups (2), and the weight's second size must be channels / groups, got input [1, 3, 4, 4], weight [2, 1, 3, 3]"))
    }

    @Test("a weight whose channels differ from the input's")
    func channelMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.ones([1, 3, 4, 4]), weight: Tensor.ones([2, 2, 3, 3]))
        }
        #expect(standardError(of: result).contains("got input [1, 3, 4, 4], weight [2, 2, 3, 3]"))
    }

    @Test("a bias whose size differs from the filters'")
    func badBias() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.ones([1, 1, 4, 4]), weight: Tensor.ones([2, 1, 3, 3]), bias: Tensor.ones([3]))
        }
        #expect(standardError(of: result).contains(
            "conv2d: bias must have shape [2], got input [1, 1, 4, 4], weight [2, 1, 3, 3], bias [3]"))
    }

    @Test("a dilated kernel larger than the padded input")
    func kernelTooLarge() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.ones([1, 1, 4, 4]), weight: Tensor.ones([1, 1, 3, 3]), padding: 0, dilation: 2)
        }
        #expect(standardError(of: result).contains(
            "conv2d: the kernel spans 5×5 but the padded input is 4×4, got input [1, 1, 4, 4], weight [1, 1, 3, 3]"))
    }

    @Test("an empty image plane, which padding would otherwise let a kernel fit")
    func emptyPlane() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.ones([1, 1, 0, 4]), weight: Tensor.ones([1, 1, 2, 2]), padding: 1)
        }
        #expect(standardError(of: result).contains(
            "conv2d: the input's planes and the kernel must be non-empty, got input [1, 1, 0, 4], weight [1, 1, 2, 2]"))
    }

    @Test("a zero stride")
    func zeroStride() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.ones([1, 1, 4, 4]), weight: Tensor.ones([1, 1, 3, 3]), stride: 0)
        }
        #expect(standardError(of: result).contains(
            "conv2d: stride and dilation must be positive and padding non-negative, got stride (0, 0)"))
    }

    @Test("conv1d of an input without three axes")
    func conv1dBadRank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv1d(Tensor.ones([1, 1, 4, 4]), weight: Tensor.ones([1, 1, 3]))
        }
        #expect(standardError(of: result).contains(
            "conv1d: needs input [N, C, L] and weight [O, C/groups, k], got input [1, 1, 4, 4], weight [1, 1, 3]"))
    }
}
