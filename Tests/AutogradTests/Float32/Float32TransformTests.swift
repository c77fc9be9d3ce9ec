import AutogradTestSupport
import Testing
import Autograd

/// The transforms on float32 inputs keep float32 and match closed forms: the composition matrix
/// (every transform over sin and a custom sin, nested, against ClosedForm.swift) run at the
/// float32-rounded point, and a few transforms against hand derivations.
@Suite("Float32 transforms")
struct Float32TransformTests {
    /// The matrix's bound in float32: each result is sin⁽ᵏ⁾ of the point times constants (products
    /// of the weights 0.75, 1, 1.25, ... and the direction), computed by a chain of float32
    /// operations each rounding by 2⁻²⁴; 10⁻⁵ (relative above magnitude 1) is about 170 ulps.
    static let tolerance = 1e-5

    @Test("each transform over each base function, in float32", arguments: allTransforms)
    func oneDeep(outermost: Transform) {
        for tower in CompositionTests.towers(depth: 1, outermost: outermost) {
            CompositionTests.expectClosedForm(tower, dtype: .float32, tolerance: Self.tolerance)
        }
    }

    @Test("each transform nested in each other one, in float32", arguments: allTransforms)
    func twoDeep(outermost: Transform) {
        for tower in CompositionTests.towers(depth: 2, outermost: outermost) {
            CompositionTests.expectClosedForm(tower, dtype: .float32, tolerance: Self.tolerance)
        }
    }

    /// Three deep for the outermost transforms of distinct kinds (reverse, recorded backward,
    /// forward, reverse Jacobian, Hessian, reverse-over-reverse HVP); the float64 matrix runs all.
    static let threeDeepSubset = allTransforms.filter {
        ["gradient", "backward(creatingGraph:)", "jvp", "jacobian(reverse)", "hessian",
         "hessianVectorProduct(reverseOverReverse)"].contains($0.name)
    }

    @Test("three deep, in float32, for one outermost transform of each kind", arguments: threeDeepSubset)
    func threeDeep(outermost: Transform) {
        for tower in CompositionTests.towers(depth: 3, outermost: outermost) {
            CompositionTests.expectClosedForm(tower, dtype: .float32, tolerance: Self.tolerance)
        }
    }

    // MARK: - Hand derivations

    let x = Tensor([Float(0.5), -1.5, 2])

    @Test("hessian of Σ x³ is diag(6x), float32")
    func hessianOfCube() {
        let h = hessian(at: x) { pow($0, 3).sum() }
        #expect(h.dtype == .float32 && h.shape == [3, 3])
        #expect(h.scalars == [3, 0, 0, 0, -9, 0, 0, 0, 12])
    }

    @Test("jacobian of x ⊙ x is diag(2x) in both modes, float32")
    func jacobianOfSquare() {
        for mode in [JacobianMode.reverse, .forward, .automatic] {
            let j = jacobian(at: x, mode: mode) { $0 * $0 }
            #expect(j.dtype == .float32 && j.scalars == [1, 0, 0, 0, -3, 0, 0, 0, 4])
        }
    }

    @Test("hessianVectorProduct of Σ x³ along v is 6x ⊙ v by both methods, float32")
    func hessianVectorProducts() {
        let v = Tensor([Float(1), 2, -0.5])
        for method in [HessianVectorProductMethod.forwardOverReverse, .reverseOverReverse] {
            let product = hessianVectorProduct(at: x, along: v, method: method) { pow($0, 3).sum() }
            #expect(product.dtype == .float32 && product.scalars == [3, -18, -6])
        }
    }

    @Test("valueWithGradient and gradient(withRespectTo:) of Σ x² keep float32")
    func valueAndGradient() {
        let (value, g) = valueWithGradient(at: x) { ($0 * $0).sum() }
        #expect(value.dtype == .float32 && value.scalar == 6.5)
        #expect(g.dtype == .float32 && g.scalars == [1, -3, 4])
        let w = Tensor([Float(2), 3])
        let (loss, grads) = valueWithGradient(withRespectTo: [w]) { (w * w * w).sum() }
        #expect(loss.dtype == .float32 && loss.scalar == 35)
        #expect(grads[0].dtype == .float32 && grads[0].scalars == [12, 27])
        #expect(gradient(withRespectTo: [w]) { (w * w).sum() }[0].scalars(as: Float.self) == [4, 6])
    }
}
