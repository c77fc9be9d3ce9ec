import AutogradTestSupport
import Testing
import Autograd

/// `converted(to:)`: exact widening, round-to-nearest-even narrowing, and rules that convert
/// back; `convert(to:)` on a leaf, and the traps of `assign` and `convert` misuse.
///
/// The derivatives of a conversion are checked exactly, not by central differences: through a
/// narrowing, f(x ± hv) is rounded to float32 (a step of 2⁻²⁴ relative) while h is 10⁻⁶, so the
/// difference quotient is rounding noise of order 2⁻²⁴/10⁻⁶ ≈ 0.06, not a derivative.
@Suite("Float32 conversion")
struct ConversionTests {
    @Test("widening to float64 is exact, including zeros, subnormals, extremes, ∞ and NaN")
    func widening() {
        let values: [Float] = [0.1, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.infinity, 1 / 3]
        let widened = Tensor(values).converted(to: .float64)
        #expect(widened.dtype == .float64)
        #expect(widened.scalars == values.map(Double.init))
        #expect(widened.scalars[1].sign == .minus)
        #expect(Tensor([Float.nan]).converted(to: .float64).scalar.isNaN)
    }

    @Test("narrowing rounds to nearest, ties to even, and overflows to ∞")
    func narrowing() {
        let inputs: [Double] = [
            1 + 0x1p-24,  // halfway between 1 and 1 + 2⁻²³: to the even one, 1
            1 + 3 * 0x1p-24,  // halfway between 1 + 2⁻²³ and 1 + 2⁻²²: to the even one, 1 + 2⁻²²
            1 + 0x1p-24 + 0x1p-50,  // just above halfway: up
            1 + 0x1p-24 - 0x1p-50,  // just below halfway: down
            0.1,
            1e39, -1e39,  // beyond Float.greatestFiniteMagnitude ≈ 3.4·10³⁸
            1.5 * 0x1p-149,  // halfway between the two smallest subnormals: to the even one, 2⁻¹⁴⁸
            0x1p-151,  // below half the smallest subnormal: to +0
        ]
        let expected: [Float] = [1, 1 + 0x1p-22, 1 + 0x1p-23, 1, 0.1, .infinity, -.infinity, 0x1p-148, 0]
        let narrowed = Tensor(inputs).converted(to: .float32)
        #expect(narrowed.dtype == .float32)
        #expect(narrowed.scalars(as: Float.self) == expected)
    }

    @Test("converting to the type a tensor already has returns the tensor itself")
    func sameType() {
        let x = Tensor([Float(1)])
        #expect(x.converted(to: .float32) === x)
    }

    @Test("the pullback of narrowing widens the cotangent exactly; of widening, rounds it")
    func pullbacks() {
        let cotangent32: [Float] = [0.1, -3]
        let narrowing = vjp(at: Tensor([0.5, 2.0]), cotangent: Tensor(cotangent32)) { $0.converted(to: .float32) }
        #expect(narrowing.value.dtype == .float32 && narrowing.cotangent.dtype == .float64)
        #expect(narrowing.cotangent.scalars == cotangent32.map(Double.init))
        let widening = vjp(at: Tensor([Float(0.5), 2]), cotangent: Tensor([1 + 3 * 0x1p-24, 0.1])) { $0.converted(to: .float64) }
        #expect(widening.value.dtype == .float64 && widening.cotangent.dtype == .float32)
        #expect(widening.cotangent.scalars(as: Float.self) == [1 + 0x1p-22, Float(0.1)])
    }

    @Test("the differential converts the tangent to the result's type")
    func differentials() {
        let narrowing = jvp(at: Tensor([0.5, 2.0]), tangent: Tensor([1 + 0x1p-24, 1e39])) { $0.converted(to: .float32) }
        #expect(narrowing.tangent.dtype == .float32)
        #expect(narrowing.tangent.scalars(as: Float.self) == [1, .infinity])
        let widening = jvp(at: Tensor([Float(0.5)]), tangent: Tensor([Float(0.1)])) { $0.converted(to: .float64) }
        #expect(widening.tangent.dtype == .float64 && widening.tangent.scalars == [Double(Float(0.1))])
    }

    @Test("a round trip float32 → float64 → float32 has the identity as its derivative, in every mode")
    func roundTripDerivatives() {
        let x = Tensor([Float(0.1), -7])
        let roundTrip: (Tensor) -> Tensor = { $0.converted(to: .float64).converted(to: .float32) }
        #expect(roundTrip(x).scalars(as: Float.self) == x.scalars(as: Float.self))
        #expect(gradient(at: x) { (roundTrip($0) * Tensor([Float(2), 3])).sum() }.scalars(as: Float.self) == [2, 3])
        #expect(jvp(at: x, tangent: Tensor([Float(0.25), 4]), of: roundTrip).tangent.scalars(as: Float.self) == [0.25, 4])
        #expect(hessianVectorProduct(at: x, along: Tensor([Float(1), 1])) { (roundTrip($0) * roundTrip($0)).sum() }
            .scalars(as: Float.self) == [2, 2])
    }

    @Test("convert(to:) on a leaf changes its type in place, rounds its values and drops its gradient")
    func convertLeaf() {
        let x = Tensor([1 + 0x1p-24, 0.1]).requiringGradient()
        (x * x).sum().backward()
        #expect(x.grad != nil)
        x.convert(to: .float32)
        #expect(x.dtype == .float32 && x.grad == nil && x.requiresGrad)
        #expect(x.scalars(as: Float.self) == [1, Float(0.1)])
        (x * x).sum().backward()
        #expect(x.grad?.dtype == .float32)
        #expect(x.grad?.scalars(as: Float.self) == [2, 2 * Float(0.1)])
        // Converting to the type it already has changes nothing, not even the gradient.
        x.convert(to: .float32)
        #expect(x.grad?.scalars(as: Float.self) == [2, 2 * Float(0.1)])
    }

    @Test("a graph recorded before convert(to:) traps on backward: its leaf was replaced")
    func convertInvalidatesGraph() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0]).requiringGradient()
            let y = (x * x).sum()
            x.convert(to: .float32)
            y.backward()
        }
        #expect(standardError(of: result).contains("*: an input of shape [2] was overwritten (assign(_:), add(_:scaledBy:) or convert(to:))"))
    }

    @Test("assign of a value of the other type traps, naming both types")
    func assignMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor([Float(1), 2]).assign(Tensor([1.0, 2.0]))
        }
        #expect(standardError(of: result).contains("assign: a float64 value of shape [2] cannot overwrite a float32 tensor"))
    }

    @Test("convert(to:) on the result of an operation traps, pointing to converted(to:)")
    func convertNonLeaf() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0]).requiringGradient()
            (x * 2).convert(to: .float32)
        }
        #expect(standardError(of: result).contains(
            "convert(to:): only a leaf can change type in place; this tensor of shape [2] is the result of '*' (use converted(to:))"))
    }
}
