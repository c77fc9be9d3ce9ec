import Testing
import Autograd

/// Programmer errors trap with a message naming the operation and the shapes; each runs in
/// a child process (an exit test).
@Suite("Bad input traps")
struct TrapTests {
    @Test("shapes that do not broadcast")
    func broadcasting() async {
        await #expect(processExitsWith: .failure) { _ = Tensor.ones([2, 3]) + Tensor.ones([4]) }
    }

    @Test("matmul with different inner sizes")
    func matmulInner() async {
        await #expect(processExitsWith: .failure) { _ = matmul(Tensor.ones([2, 3]), Tensor.ones([2, 3])) }
    }

    @Test("Tensor(shape:scalars:) with the wrong count")
    func wrongCount() async {
        await #expect(processExitsWith: .failure) { _ = Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
    }

    @Test("inverse of a non-square matrix")
    func nonSquareInverse() async {
        await #expect(processExitsWith: .failure) { _ = try? Tensor.ones([2, 3]).inverse() }
    }

    @Test("backward() on a non-scalar without a seed")
    func nonScalarBackward() async {
        await #expect(processExitsWith: .failure) { (Tensor.ones([2]).requiringGradient() * 2).backward() }
    }

    @Test("a seed of the wrong shape")
    func wrongSeed() async {
        await #expect(processExitsWith: .failure) {
            (Tensor.ones([2]).requiringGradient() * 2).backward(seed: Tensor.ones([3]))
        }
    }

    @Test("scalar on a tensor with more than one element")
    func scalarOfMany() async {
        await #expect(processExitsWith: .failure) { _ = Tensor.ones([2]).scalar }
    }

    @Test("a second backward() through a released graph")
    func releasedGraph() async {
        await #expect(processExitsWith: .failure) {
            let loss = (Tensor.ones([2]).requiringGradient() * 2).sum()
            loss.backward()
            loss.backward()
        }
    }

    @Test("a jvp tangent of the wrong shape")
    func wrongTangent() async {
        await #expect(processExitsWith: .failure) { _ = jvp(at: Tensor.ones([2]), tangent: Tensor.ones([3])) { $0 } }
    }

    @Test("reshaping to a different count")
    func badReshape() async {
        await #expect(processExitsWith: .failure) { _ = Tensor.ones([2, 3]).reshaped(to: [4]) }
    }
}
