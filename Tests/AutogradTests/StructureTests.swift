import AutogradTestSupport
import Testing
@testable import Autograd

@Suite("Reductions and movement")
struct StructureTests {
    static let cases: [DifferentiableCase] = [
        .init("sum()", [sample([2, 3], seed: 1)]) { $0[0].sum() },
        .init("sum along axis 0", [sample([2, 3], seed: 2)]) { $0[0].sum(alongAxes: 0) },
        .init("sum along −1 keeping dims", [sample([2, 3, 4], seed: 3)]) { $0[0].sum(alongAxes: -1, keepingDims: true) },
        .init("sum along two axes", [sample([2, 3, 4], seed: 4)]) { $0[0].sum(alongAxes: 0, 2) },
        .init("mean()", [sample([2, 3], seed: 5)]) { $0[0].mean() },
        .init("mean along axis 1", [sample([2, 3], seed: 6)]) { $0[0].mean(alongAxes: 1) },
        .init("transposed", [sample([2, 3], seed: 7)]) { $0[0].transposed() },
        .init("permuted", [sample([2, 3, 4], seed: 8)]) { $0[0].permuted(2, 0, 1) },
        .init("reshaped", [sample([2, 3], seed: 9)]) { $0[0].reshaped(to: [3, -1]) },
        .init("broadcast(to:)", [sample([3, 1], seed: 10)]) { $0[0].broadcast(to: [2, 3, 4]) },
        .init("movement then arithmetic", [sample([2, 3], seed: 11)]) { t in let x = t[0]; return (x.transposed() * x.permuted(1, 0)).sum(alongAxes: 1) },
        .init("stacked along a new first axis", [sample([2, 3], seed: 12), sample([2, 3], seed: 13)]) { t in
            stacked([t[0], t[1] * t[0]])
        },
        .init("stacked along a new middle axis", [sample([2, 3], seed: 14), sample([2, 3], seed: 15)]) { t in
            stacked([t[1], t[0] * t[0], t[0]], alongAxis: 1)
        },
        .init("stacked along a new last axis", [sample([3], seed: 16), sample([3], seed: 17)]) { t in
            stacked([t[0] * t[1], t[1]], alongAxis: -1)
        },
    ]

    @Test("stacked puts each part at its index along the new axis")
    func stacking() {
        // By hand: a = [[1, 2], [3, 4]], b = [[5, 6], [7, 8]]; y[i, j, k] = part[axis index][…].
        let a = Tensor([[1.0, 2], [3, 4]]), b = Tensor([[5.0, 6], [7, 8]])
        #expect(stacked([a, b]).scalars == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(stacked([a, b], alongAxis: 1).scalars == [1, 2, 5, 6, 3, 4, 7, 8])
        #expect(stacked([a, b], alongAxis: -1).scalars == [1, 5, 2, 6, 3, 7, 4, 8])
        #expect(stacked([a, b], alongAxis: 2).shape == [2, 2, 2])
    }

    @Test("pullback and differential match central differences, to second order", arguments: cases)
    func gradientCheck(_ testCase: DifferentiableCase) {
        let report = checkGradients(at: testCase.inputs(), order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    // Values derived by hand: x = [[1, 2, 3], [4, 5, 6]].
    let x = Tensor([[1.0, 2, 3], [4, 5, 6]])

    @Test("sums and means")
    func sums() {
        #expect(x.sum().scalar == 21)
        #expect(x.sum().shape == [])
        #expect(x.sum(alongAxes: 0).scalars == [5, 7, 9])
        #expect(x.sum(alongAxes: 1).shape == [2])
        #expect(x.sum(alongAxes: 1, keepingDims: true).shape == [2, 1])
        #expect(x.sum(alongAxes: -1).scalars == [6, 15])
        #expect(x.mean().scalar == 3.5)
        #expect(x.mean(alongAxes: 0).scalars == [2.5, 3.5, 4.5])
    }

    @Test("movement")
    func movement() {
        #expect(x.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(x.transposed().shape == [3, 2])
        let cube = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))
        let permuted = cube.permuted(2, 0, 1)
        #expect(permuted.shape == [4, 2, 3])
        #expect(permuted.scalars.prefix(6) == [0, 4, 8, 12, 16, 20])  // element [0, i, j] = cube[i, j, 0]
        #expect(x.reshaped(to: [-1]).shape == [6])
        #expect(Tensor([1.0, 2.0]).broadcast(to: [2, 2]).scalars == [1, 2, 1, 2])
    }

    @Test("gradients of structure ops, by hand")
    func structuralGradients() {
        // d/dx Σ (x ⊙ w) summed over axis 0 then weighted: each x[i, j] gets c[j].
        let c = Tensor([1.0, 10, 100])
        let g = gradient(at: x) { x in (x.sum(alongAxes: 0) * c).sum() }
        #expect(g.scalars == [1, 10, 100, 1, 10, 100])
        let b = gradient(at: Tensor([1.0, 2.0])) { b in (b.broadcast(to: [3, 2]) * Tensor([[1.0, 2], [3, 4], [5, 6]])).sum() }
        #expect(b.scalars == [9, 12])
    }
}
