import AutogradTestSupport
import Testing
@testable import Autograd

@Suite("Selection, concatenation, maxima and comparisons")
struct IndexingTests {
    static let cases: [DifferentiableCase] = [
        .init("gathering rows, one repeated", [sample([4, 3], seed: 1)]) { $0[0].gathering(rows: [2, 0, 2]) },
        .init("gathering rows of a rank-3 tensor", [sample([3, 2, 2], seed: 2)]) { $0[0].gathering(rows: [1, 2]) },
        .init("gathering one column per row", [sample([3, 4], seed: 3)]) { $0[0].gathering(columnInEachRow: [3, 0, 1]) },
        .init("concatenate along axis 0", [sample([2, 3], seed: 4), sample([1, 3], seed: 5)]) { concatenate($0) },
        .init("concatenate along axis 1", [sample([2, 3], seed: 6), sample([2, 2], seed: 7)]) {
            concatenate($0, alongAxis: 1)
        },
        .init("concatenate a tensor with itself", [sample([2, 2], seed: 8)]) { concatenate([$0[0], $0[0]], alongAxis: -1) },
        .init("max along axis 1", [sample([3, 4], seed: 9)]) { $0[0].max(alongAxes: 1) },
        .init("max of everything", [sample([2, 3], seed: 10)]) { $0[0].max() },
        .init("logSumExp along axis 1", [sample([3, 4], seed: 11)]) { $0[0].logSumExp(alongAxes: 1) },
        .init("logSumExp of huge values", [sample([2, 3], seed: 12) * 10 + 1000]) { $0[0].logSumExp(alongAxes: 0) },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases)
    func gradientCheck(_ testCase: DifferentiableCase) {
        let report = checkGradients(at: testCase.inputs(), order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    // Values below derived by hand from x = [[1, 2, 3], [4, 5, 6]].
    let x = Tensor([[1.0, 2, 3], [4, 5, 6]])

    @Test("gathering rows and entries")
    func gatheringValues() {
        #expect(x.gathering(rows: [1, 1, 0]).scalars == [4, 5, 6, 4, 5, 6, 1, 2, 3])
        #expect(x.gathering(rows: []).shape == [0, 3])
        #expect(x.gathering(columnInEachRow: [2, 0]).scalars == [3, 4])
        // A repeated row's gradient accumulates: row 1 is picked twice.
        #expect(gradient(at: x) { $0.gathering(rows: [1, 1]).sum() }.scalars == [0, 0, 0, 2, 2, 2])
        #expect(gradient(at: x) { $0.gathering(columnInEachRow: [2, 0]).sum() }.scalars == [0, 0, 1, 1, 0, 0])
    }

    @Test("concatenation")
    func concatenation() {
        let column = Tensor([[7.0], [8]])
        let joined = concatenate([x, column], alongAxis: 1)
        #expect(joined.shape == [2, 4])
        #expect(joined.scalars == [1, 2, 3, 7, 4, 5, 6, 8])
        #expect(concatenate([x, x]).scalars == x.scalars + x.scalars)
        let (a, b) = gradient(at: x, column) { x, column in
            (concatenate([x, column], alongAxis: 1) * Tensor([1.0, 2, 3, 4])).sum()
        }
        #expect(a.scalars == [1, 2, 3, 1, 2, 3])
        #expect(b.scalars == [4, 4])
    }

    @Test("max, with ties sharing the derivative")
    func maxima() {
        #expect(x.max(alongAxes: 1).scalars == [3, 6])
        #expect(x.max(alongAxes: 0, keepingDims: true).shape == [1, 3])
        #expect(x.max().scalar == 6)
        let tied = Tensor([1.0, 3, 3])
        #expect(gradient(at: tied) { $0.max() }.scalars == [0, 0.5, 0.5])
        #expect(jvp(at: tied, tangent: Tensor([1.0, 2, 4])) { $0.max() }.tangent.scalar == 3)
    }

    @Test("logSumExp against NumPy, and finite for huge inputs")
    func logSumExpValues() {
        // np.logaddexp.reduce([1., 2., 3.]) and ([-1., 0.5]), NumPy 2.4.6.
        #expect(Tensor([1.0, 2, 3]).logSumExp(alongAxes: 0).scalar == 3.4076059644443806)
        #expect(Tensor([-1.0, 0.5]).logSumExp(alongAxes: 0).scalar == 0.7014132779827524)
        // By hand: log(e¹⁰⁰⁰ + e¹⁰⁰⁰) = 1000 + log 2, and the gradient is softmax = [½, ½].
        let huge = Tensor([1000.0, 1000])
        expectClose(huge.logSumExp(alongAxes: 0).scalars, [1000 + 0.6931471805599453])
        #expect(gradient(at: huge) { $0.logSumExp(alongAxes: 0) }.scalars == [0.5, 0.5])
        // The gradient is softmax: exp(x)/Σexp(x) for x = [1, 2, 3], NumPy 2.4.6.
        let softmax = gradient(at: Tensor([1.0, 2, 3])) { $0.logSumExp(alongAxes: 0) }
        expectClose(softmax.scalars, [0.09003057317038046, 0.24472847105479767, 0.6652409557748219])
        let minusInfinity = Tensor([-Double.infinity, -.infinity]).logSumExp(alongAxes: 0).scalar
        #expect(minusInfinity == -.infinity)
    }

    @Test("comparisons and argmax are constants")
    func comparisons() {
        let y = x.requiringGradient()
        #expect((y .> 3).scalars == [0, 0, 0, 1, 1, 1])
        #expect((y .> 3).requiresGrad == false)
        #expect((y .== Tensor([1.0, 5, 0])).scalars == [1, 0, 0, 0, 1, 0])
        #expect((y .<= 2).scalars == [1, 1, 0, 0, 0, 0])
        #expect((y .< Tensor([[2.0], [5]])).scalars == [1, 0, 0, 1, 0, 0])
        #expect((y .>= 6).scalars == [0, 0, 0, 0, 0, 1])
        #expect((y .!= 2).scalars == [1, 0, 1, 1, 1, 1])
        #expect((2 .< y).scalars == (y .> 2).scalars)
        #expect((6 .== y).scalars == [0, 0, 0, 0, 0, 1])
        let scores = Tensor([[0.1, 0.7, 0.7], [3, -1, 2]])
        #expect(scores.argmax(alongAxis: 1).scalars == [1, 0])  // first index on ties
        #expect(scores.argmaxIndices(alongAxis: 0) == [1, 0, 1])
        #expect(scores.argmax(alongAxis: -1).shape == [2])
    }

    @Test("NaN wins max and argmax, as in NumPy")
    func notANumber() {
        let x = Tensor([[1, .nan, 3], [2, 0, 1]])
        #expect(x.max().scalar.isNaN)
        #expect(x.max(alongAxes: 1).scalars[0].isNaN)
        #expect(x.max(alongAxes: 1).scalars[1] == 2)
        #expect(x.argmaxIndices(alongAxis: 1) == [1, 0])
        #expect(Tensor([.nan, .nan, 5]).argmaxIndices(alongAxis: 0) == [0])
    }

    @Test("assign overwrites a leaf and bumps its version")
    func assignment() {
        let w = Tensor([1.0, 2]).requiringGradient()
        w.assign(Tensor([3.0, 4]))
        #expect(w.scalars == [3, 4])
        #expect(w.version == 1)
        #expect(gradient(at: w) { ($0 * $0).sum() }.scalars == [6, 8])
    }
}
