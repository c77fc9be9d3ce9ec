import AutogradTestSupport
import Testing
import Autograd

/// Misuse of the pooling ops traps with a message naming the op and the sizes.
@Suite("Bad input traps: pooling")
struct PoolingTrapTests {
    @Test("a kernel size of zero")
    func zeroKernel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = maxPool2d(Tensor.ones([1, 1, 4, 4]), kernelSize: (0, 2))
        }
        #expect(standardError(of: result).contains("maxPool2d: kernel size (0, 2), stride (0, 2) and dilation (1, 1) must be positive"))
    }

    @Test("padding beyond half the kernel")
    func largePadding() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = avgPool2d(Tensor.ones([1, 1, 4, 4]), kernelSize: 3, padding: 2)
        }
        #expect(standardError(of: result).contains("avgPool2d: padding (2, 2) must be between 0 and half the kernel size (3, 3)"))
    }

    @Test("a kernel larger than the padded input")
    func kernelTooLarge() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = maxPool2d(Tensor.ones([1, 1, 2, 5]), kernelSize: 2, dilation: 2)
        }
        #expect(standardError(of: result).contains(
            "maxPool2d: a kernel (2, 2) with dilation (2, 2) and padding (0, 0) does not fit an input of shape [1, 1, 2, 5]"))
    }

    @Test("an input that is not [N, C, H, W] or [C, H, W]")
    func badRank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = maxPool2d(Tensor.ones([4, 4]), kernelSize: 2)
        }
        #expect(standardError(of: result).contains(
            "maxPool2d: expects an input of shape [batch, channels, height, width] or [channels, height, width], got [4, 4]"))
    }

    @Test("an adaptive output size of zero")
    func zeroAdaptiveOutput() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = adaptiveAvgPool2d(Tensor.ones([1, 1, 4, 4]), outputSize: (0, 2))
        }
        #expect(standardError(of: result).contains(
            "adaptiveAvgPool2d: output size (0, 2) and the input's planes (shape [1, 1, 4, 4]) must be non-empty"))
    }

    /// An empty plane fits a padded kernel by the size formula alone (0 + 2·1 ≥ 2), but every
    /// window would be all padding: avgPool2d gave a height of 0 where the formula says 1, and
    /// maxPool2d a row of −∞. PyTorch refuses an empty plane too.
    @Test("an empty plane with padding", arguments: ["maxPool2d", "avgPool2d"])
    func emptyPlane(_ operation: String) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [operation] in
            let x = Tensor.ones([1, 1, 0, 4])
            _ = operation == "maxPool2d" ? maxPool2d(x, kernelSize: 2, padding: 1) : avgPool2d(x, kernelSize: 2, padding: 1)
        }
        #expect(standardError(of: result).contains("\(operation): the input's planes (shape [1, 1, 0, 4]) must be non-empty"))
    }
}
