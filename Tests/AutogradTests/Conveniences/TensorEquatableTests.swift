import AutogradTestSupport
import Testing
import Autograd

@Suite("Equality and approximate equality")
struct TensorEquatableTests {
    @Test("== compares shape, element type and values")
    func exact() {
        #expect(Tensor([[1.0, 2.0], [3.0, 4.0]]) == [[1, 2], [3, 4]])
        #expect(Tensor([1.0, 2.0, 3.0, 4.0]) != [[1, 2], [3, 4]])         // same values, other shape
        #expect(Tensor([1.0, 2.0]) != Tensor([1.0, 2.5]))
        #expect(Tensor([1, 2] as [Float]) != Tensor([1.0, 2.0]))           // other element type
        #expect(Tensor([1, 2] as [Float]) == Tensor([1.0, 2.0]).converted(to: .float32))
        #expect(Tensor(shape: [0, 3], scalars: [Double]()) == Tensor.zeros([0, 3]))
        #expect(Tensor(shape: [0, 3], scalars: [Double]()) != Tensor.zeros([3, 0]))
    }

    @Test("IEEE semantics: NaN equals nothing, not itself; +0 equals −0")
    func ieee() {
        let nan = Tensor([1.0, .nan])
        #expect(nan != nan)
        #expect(nan != Tensor([1.0, .nan]))
        #expect(Tensor([Float.nan]) != Tensor([Float.nan]))
        #expect(Tensor([0.0]) == Tensor([-0.0]))
        #expect(Tensor([Float(0)]) == Tensor([-Float(0)]))
        #expect(Tensor([Double.infinity]) == Tensor([Double.infinity]))
    }

    @Test("== ignores the graph and the gradient")
    func valuesOnly() {
        let x = Tensor([1.0, 2.0]).requiringGradient()
        #expect(x * 1 == Tensor([1.0, 2.0]))
    }

    @Test("isApproximatelyEqual: elementwise, relative to each pair's larger magnitude")
    func approximate() {
        let x: Tensor = [1, 1e-12, 1e6]
        // Each value off by half the default float64 tolerance √ε ≈ 1.49e-8, relative to itself.
        let near = x * (1 + 0.7e-8)
        #expect(x.isApproximatelyEqual(to: near))
        // 1e-12 off by 10 % is far, though it is tiny beside 1e6 (no norm hides it).
        #expect(!x.isApproximatelyEqual(to: [1, 1.1e-12, 1e6]))
        #expect(x.isApproximatelyEqual(to: [1, 1.1e-12, 1e6], absoluteTolerance: 1e-12))
        #expect(x.isApproximatelyEqual(to: [1.05, 1e-12, 1e6], relativeTolerance: 0.05))
        #expect(!x.isApproximatelyEqual(to: [1.06, 1e-12, 1e6], relativeTolerance: 0.05))
        // Zero is close only to zero without an absolute tolerance.
        #expect(!Tensor([0.0]).isApproximatelyEqual(to: [1e-300]))
        #expect(Tensor([0.0]).isApproximatelyEqual(to: [-0.0]))
    }

    @Test("isApproximatelyEqual: NaN is close to nothing, equal infinities are close")
    func approximateNonFinite() {
        #expect(!Tensor([Double.nan]).isApproximatelyEqual(to: Tensor([Double.nan])))
        #expect(!Tensor([Double.nan]).isApproximatelyEqual(to: [1], absoluteTolerance: 1e300))
        #expect(Tensor([-Double.infinity]).isApproximatelyEqual(to: Tensor([-Double.infinity])))
        #expect(!Tensor([Double.infinity]).isApproximatelyEqual(to: Tensor([-Double.infinity])))
        #expect(!Tensor([1.0]).isApproximatelyEqual(to: Tensor([Double.infinity]), relativeTolerance: 1))
    }

    @Test("isApproximatelyEqual: different shapes are not close; element types compare in float64")
    func approximateShapesAndTypes() {
        #expect(!Tensor([1.0, 2.0]).isApproximatelyEqual(to: [[1, 2]]))
        #expect(!Tensor([1.0]).isApproximatelyEqual(to: Tensor(1.0)))        // no broadcasting
        // Float(1.1) is 1.1 + 2.4e-8, relatively 2.2e-8: close at float32's default √ε ≈ 3.45e-4,
        // not at float64's √ε ≈ 1.49e-8.
        let value = Tensor([Float(1.1)])
        #expect(value.isApproximatelyEqual(to: [1.1]))
        #expect(!value.converted(to: .float64).isApproximatelyEqual(to: [1.1]))
        #expect(value.isApproximatelyEqual(to: [1.1003]) && !value.isApproximatelyEqual(to: [1.1005]))
    }

    @Test("a negative tolerance traps")
    func badTolerance() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([1.0]).isApproximatelyEqual(to: [1], absoluteTolerance: -1)
        }
        #expect(standardError(of: result).contains(
            "isApproximatelyEqual: the absolute tolerance must be finite and non-negative, got -1.0"))
    }
}
