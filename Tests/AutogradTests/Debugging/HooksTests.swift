import AutogradTestSupport
import Synchronization
import Testing
import Autograd

/// The cotangents a hook saw, in the order it saw them (hooks are `@Sendable`, so they record
/// through a lock).
private final class Seen: Sendable {
    private let log = Mutex<[[Double]]>([])

    /// Records `cotangent`'s values.
    func record(_ cotangent: Tensor) { log.withLock { $0.append(cotangent.scalars) } }

    /// Everything recorded so far.
    var values: [[Double]] { log.withLock { $0 } }
}

/// Hooks see and may replace a tensor's cotangent; `retainGradient()` keeps a result's gradient.
/// Every expected value is derived by hand: for h = x ⊙ x and loss = Σ c ⊙ h, the cotangent of
/// h is c and the gradient of x is 2x ⊙ c.
@Suite("Hooks and retained gradients")
struct HooksTests {
    let c = Tensor([1.0, 10, 100])

    @Test("a hook on a result sees its cotangent; on the root, the seed")
    func seesCotangent() {
        let x = Tensor([1.0, 2, 3]).requiringGradient()
        let h = x * x
        let seenAtH = Seen(), seenAtRoot = Seen()
        h.registerHook { seenAtH.record($0); return nil }
        let y = h * c
        y.registerHook { seenAtRoot.record($0); return nil }
        y.backward(seed: Tensor([3.0, 2, 1]))
        #expect(seenAtRoot.values == [[3, 2, 1]])
        #expect(seenAtH.values == [[3, 20, 100]])
        #expect(x.grad?.scalars == [6, 80, 600])
    }

    @Test("a replacement becomes the leaf's gradient and the cotangent sent further back")
    func replaces() {
        let x = Tensor([1.0, 2, 3]).requiringGradient()
        let h = x * x
        h.registerHook { $0 * 2 }
        let seenAtX = Seen()
        x.registerHook { seenAtX.record($0); return nil }
        (h * c).sum().backward()
        #expect(seenAtX.values == [[4, 80, 1200]])  // 2 · 2x ⊙ c: x received the doubled cotangent
        #expect(x.grad?.scalars == [4, 80, 1200])

        let z = Tensor([1.0, 2, 3]).requiringGradient()
        z.registerHook { $0 - 1 }
        (z * c).sum().backward()
        #expect(z.grad?.scalars == [0, 9, 99])
    }

    @Test("several hooks run in registration order, each on the previous one's result")
    func order() {
        let x = Tensor([1.0, 2]).requiringGradient()
        x.registerHook { $0 + 1 }
        x.registerHook { $0 * 10 }
        x.sum().backward()
        #expect(x.grad?.scalars == [20, 20])  // (1 + 1) · 10, not 1 · 10 + 1
    }

    @Test("a removed hook no longer runs; the others stay")
    func removal() {
        let x = Tensor([1.0, 2]).requiringGradient()
        let seen = Seen()
        let first = x.registerHook { seen.record($0); return $0 * 3 }
        x.registerHook { $0 + 1 }
        x.sum().backward()
        first.remove()
        first.remove()  // twice does nothing
        x.zeroGrad()
        x.sum().backward()
        #expect(seen.values == [[1, 1]])
        #expect(x.grad?.scalars == [2, 2])
    }

    @Test("hooks run in the functional transforms, on captured tensors, targets and results inside")
    func transforms() {
        let x = Tensor([1.0, 2, 3])
        x.registerHook { $0 + 1 }
        let onTarget = gradient(withRespectTo: [x]) { (x * x * c).sum() }[0]
        #expect(onTarget.scalars == [3, 41, 601])  // 2x ⊙ c + 1
        #expect(x.grad == nil)

        let inside = gradient(at: Tensor([1.0, 2, 3])) { x in
            let h = x * x
            h.registerHook { $0 * 2 }
            return (h * c).sum()
        }
        #expect(inside.scalars == [4, 80, 1200])
    }

    @Test("with creatingGraph the hook's result is recorded and differentiates again")
    func secondOrder() {
        let x = Tensor(3.0).requiringGradient()
        let square = x.registerHook { $0 * $0 }
        (x * x * x).backward(creatingGraph: true)
        let g = x.grad!
        #expect(g.scalar == 729)  // (3x²)² = 9x⁴ at x = 3
        square.remove()
        x.zeroGrad()
        g.backward()
        #expect(x.grad?.scalar == 972)  // d(9x⁴)/dx = 36x³
    }

    @Test("retainGradient() fills a result's grad, after its hooks, and accumulates")
    func retainedGradient() {
        let x = Tensor([1.0, 2, 3]).requiringGradient()
        let h = x * x, kept = x * x
        kept.retainGradient()
        kept.registerHook { $0 * 2 }
        let loss = (h * c + kept * c).sum()
        loss.backward(retainingGraph: true)
        #expect(h.grad == nil)
        #expect(kept.grad?.scalars == [2, 20, 200])
        #expect(x.grad?.scalars == [6, 120, 1800])  // 2x ⊙ c + 2x ⊙ 2c
        loss.backward()
        #expect(kept.grad?.scalars == [4, 40, 400])
        x.retainGradient()  // on a leaf: nothing changes
        #expect(x.grad?.scalars == [12, 240, 3600])
    }

    @Test("a replacement of another element type is converted to the tensor's type")
    func replacementType() {
        let x = Tensor([Float(1), 2]).requiringGradient()
        x.registerHook { _ in Tensor([0.5, 0.25]) }
        x.sum().backward()
        #expect(x.grad?.dtype == .float32)
        #expect(x.grad?.scalars == [0.5, 0.25])
    }

    @Test("a replacement of the wrong shape traps, naming the hook and both shapes")
    func wrongShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2, 3]).requiringGradient()
            x.registerHook { _ in Tensor([1.0, 2]) }
            x.sum().backward()
        }
        let message = standardError(of: result)
        #expect(message.contains("registerHook: the hook registered at AutogradTests/HooksTests.swift:"))
        #expect(message.contains("on a tensor of shape [3] returned a cotangent of shape [2]"))
    }
}
