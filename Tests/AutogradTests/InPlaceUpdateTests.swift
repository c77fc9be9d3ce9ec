import AutogradTestSupport
import Testing
import Autograd

/// `add(_:scaledBy:)`: an optimizer's in-place step, with the same rounding as the out-of-place
/// expression, copy-on-write for shared storage, and the version check `assign(_:)` has.
@Suite("In-place updates of leaves")
struct InPlaceUpdateTests {
    @Test("x + factor·y, rounded as x + y * factor is, in both types", arguments: DType.allCases)
    func values(dtype: DType) {
        // 0.1 and 0.3 are inexact, so a fused multiply-add or another order would round differently.
        let x = Tensor([0.1, -2, 1e16, 3]).converted(to: dtype)
        let y = Tensor([0.3, 0.7, 1, -1]).converted(to: dtype)
        let expected = (x + y * -0.1).scalars
        x.add(y, scaledBy: -0.1)
        #expect(x.scalars == expected)
        #expect(x.dtype == dtype)
    }

    @Test("a reshaped view made before the update keeps the old values (copy on write)")
    func copyOnWrite() {
        let x = Tensor([1.0, 2, 3, 4])
        let view = x.reshaped(to: [2, 2])
        x.add(Tensor([1.0, 1, 1, 1]))
        #expect(x.scalars == [2, 3, 4, 5])
        #expect(view.scalars == [1, 2, 3, 4])
    }

    @Test("adding a tensor to itself reads its values before the update", arguments: DType.allCases)
    func selfAddition(dtype: DType) {
        // x ← x + 2x = 3x, by hand.
        let x = Tensor([1.0, -2, 4]).converted(to: dtype)
        x.add(x, scaledBy: 2)
        #expect(x.scalars == [3, -6, 12])
        #expect(x.dtype == dtype)
    }

    @Test("updating one leaf's gradient in place leaves the others and the seed alone")
    func gradientsAreDistinct() {
        // a + b passes one cotangent to both operands; each grad must be a tensor of its own.
        let a = Tensor([1.0, 2]).requiringGradient(), b = Tensor([3.0, 4]).requiringGradient()
        let seed = Tensor([1.0, 1])
        (a + b).backward(seed: seed)
        a.grad!.add(Tensor([1.0, 1]))
        #expect(a.grad!.scalars == [2, 2])
        #expect(b.grad!.scalars == [1, 1])
        #expect(seed.scalars == [1, 1])
    }

    @Test("a graph recorded before the update traps on backward, naming the overwrite")
    func staleGraph() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1.0, 2]).requiringGradient()
            let loss = (w * w).sum()
            w.add(Tensor([1.0, 1]), scaledBy: 0.5)
            loss.backward()
        }
        #expect(standardError(of: result).contains("*: an input of shape [2] was overwritten (assign(_:), add(_:scaledBy:) or convert(to:))"))
    }

    @Test("on a result of an operation it traps")
    func nonLeaf() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1.0, 2]).requiringGradient()
            (w * 2).add(Tensor([1.0, 1]))
        }
        #expect(standardError(of: result).contains("add(_:scaledBy:): only a leaf can be updated in place"))
    }

    @Test("other shapes or types trap, naming both")
    func mismatch() async {
        let shape = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1.0, 2]).add(Tensor([1.0, 2, 3]))
        }
        #expect(standardError(of: shape).contains("a float64 tensor of shape [3] cannot be added in place to a float64 tensor of shape [2]"))
        let type = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([1.0, 2]).add(Tensor([1, 2] as [Float]))
        }
        #expect(standardError(of: type).contains("a float32 tensor of shape [2] cannot be added in place to a float64 tensor of shape [2]"))
    }
}
