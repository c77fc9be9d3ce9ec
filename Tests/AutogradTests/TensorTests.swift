import Testing
import Autograd

@Suite("Tensor basics")
struct TensorTests {
    @Test("creation and properties")
    func creation() {
        #expect(Tensor(2.5).shape == [] && Tensor(2.5).scalar == 2.5)
        #expect(Tensor([1.0, 2.0]).shape == [2])
        let m = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        #expect(m.shape == [2, 3] && m.rank == 2 && m.scalarCount == 6)
        #expect(Tensor.zeros([2, 2]).scalars == [0, 0, 0, 0])
        #expect(Tensor.ones([3]).scalars == [1, 1, 1])
        #expect(Tensor.full([2], value: 7).scalars == [7, 7])
        #expect(Tensor.eye(2).scalars == [1, 0, 0, 1])
    }

    @Test("seeded random tensors are reproducible and well distributed")
    func random() {
        let a = Tensor.randomNormal([10_000], seed: 42)
        #expect(a.scalars == Tensor.randomNormal([10_000], seed: 42).scalars)
        #expect(a.scalars != Tensor.randomNormal([10_000], seed: 43).scalars)
        #expect(abs(a.mean().scalar) < 0.05)
        #expect(abs((a * a).mean().scalar - 1) < 0.05)
        let u = Tensor.randomUniform([10_000], in: 2..<4, seed: 1)
        #expect(u.scalars.allSatisfy { (2..<4).contains($0) })
        // SplitMix64's first output for seed 0 is 0xE220A8397B1DCDAF (Vigna's reference implementation).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test("description reads like NumPy and elides large tensors")
    func description() {
        #expect(Tensor([[1.0, 2.0], [3.0, 4.0]]).description == "[[1., 2.],\n [3., 4.]]")
        #expect(Tensor(1.5).description == "1.5")
        let large = Tensor.zeros([100, 100]).description
        #expect(large.contains("..."))
        #expect(large.count < 1_000)
    }

    @Test("requiresGrad, detached and grad")
    func graphProperties() {
        let x = Tensor([1.0]).requiringGradient()
        #expect(x.requiresGrad && x.grad == nil)
        let y = x * 2
        #expect(y.requiresGrad)
        #expect(!y.detached().requiresGrad)
        #expect(y.detached().scalars == y.scalars)
    }
}
