import AutogradTestSupport
import Testing
import Autograd
import Foundation

/// The matrix-free `linearSolve` against `solve` (LU, its own tested rules) on the same matrix,
/// with derivatives with respect to b and to the matrix the operator captures; the second
/// derivative along a direction E of M against the closed form (hand derivation)
///
///     x = M⁻¹b      d²x[E, E] = 2·M⁻¹·E·M⁻¹·E·M⁻¹·b
@Suite("linearSolve")
struct LinearSolveTests {
    /// A well-conditioned non-symmetric matrix (normal entries plus 4 on the diagonal).
    static var general: Tensor { sample([4, 4], seed: 21) + 4 * Tensor.eye(4) }
    static var p: Tensor { sample([4, 4], seed: 22) }
    static var b: Tensor { sample([4], seed: 23) }

    /// M(P) = PᵀP + 2I, symmetric positive definite for every P.
    static func spd(_ p: Tensor) -> Tensor { matmul(p.transposed(), p) + 2 * Tensor.eye(4, dtype: p.dtype) }

    static func gmresSolve(_ m: Tensor, _ b: Tensor, tolerance: Double? = 1e-14) -> Tensor {
        try! linearSolve(b, method: .gmres(), tolerance: tolerance) { x in matmul(m, x) }
    }

    static func cgSolve(_ p: Tensor, _ b: Tensor) -> Tensor {
        try! linearSolve(b, method: .conjugateGradient, tolerance: 1e-14) { x in matmul(Self.spd(p), x) }
    }

    @Test("GMRES: value, gradients in M and b, and jvp match solve")
    func gmresAgainstSolve() {
        let weights = sample([4], seed: 24)
        let inputs = [Self.general, Self.b]
        let mine = valueWithGradient(at: inputs) { (Self.gmresSolve($0[0], $0[1]) * weights).sum() }
        let reference = valueWithGradient(at: inputs) { (try! solve($0[0], $0[1]) * weights).sum() }
        expectClose([mine.value.scalar], [reference.value.scalar], tolerance: 1e-12)
        for (g, r) in zip(mine.gradient, reference.gradient) { expectClose(g.scalars, r.scalars, tolerance: 1e-11) }
        let tangents = [sample([4, 4], seed: 25), sample([4], seed: 26)]
        let forward = jvp(at: inputs, tangents: tangents) { Self.gmresSolve($0[0], $0[1]) }.tangent
        let referenceForward = jvp(at: inputs, tangents: tangents) { try! solve($0[0], $0[1]) }.tangent
        expectClose(forward.scalars, referenceForward.scalars, tolerance: 1e-11)
    }

    @Test("GMRES: the second derivative in M is 2·M⁻¹EM⁻¹EM⁻¹b, forward over forward and reverse over forward")
    func secondDerivativeClosedForm() {
        let m = Self.general, e = sample([4, 4], seed: 27), b = Self.b
        let x = try! solve(m, b)
        let expected = 2 * (try! solve(m, matmul(e, try! solve(m, matmul(e, x)))))
        let forwardOverForward = jvp(at: m, tangent: e) { m in
            jvp(at: m, tangent: e) { Self.gmresSolve($0, b) }.tangent
        }.tangent
        expectClose(forwardOverForward.scalars, expected.scalars, tolerance: 1e-10)
        let weights = sample([4], seed: 28)
        let reverseOverForward = gradient(at: m) { m in
            (jvp(at: m, tangent: e) { Self.gmresSolve($0, b) }.tangent * weights).sum()
        }
        // ⟨∇_M ⟨w, d x[E]⟩, E⟩ = ⟨w, d²x[E, E]⟩
        expectClose([(reverseOverForward * e).sum().scalar], [(expected * weights).sum().scalar], tolerance: 1e-10)
    }

    @Test("GMRES solves with a matrix-shaped right side: X = M⁻¹B")
    func matrixRightSide() {
        let bMatrix = sample([4, 2], seed: 29)
        let solution = Self.gmresSolve(Self.general, bMatrix)
        expectClose(solution.scalars, (try! solve(Self.general, bMatrix)).scalars, tolerance: 1e-12)
    }

    @Test("conjugate gradient: value and gradients in P and b match solve, with M = PᵀP + 2I captured")
    func conjugateGradientAgainstSolve() {
        let weights = sample([4], seed: 30)
        let inputs = [Self.p, Self.b]
        let mine = valueWithGradient(at: inputs) { (Self.cgSolve($0[0], $0[1]) * weights).sum() }
        let reference = valueWithGradient(at: inputs) { (try! solve(Self.spd($0[0]), $0[1]) * weights).sum() }
        expectClose([mine.value.scalar], [reference.value.scalar], tolerance: 1e-12)
        for (g, r) in zip(mine.gradient, reference.gradient) { expectClose(g.scalars, r.scalars, tolerance: 1e-11) }
        let directions = [sample([4, 4], seed: 31), sample([4], seed: 32)]
        let hvp = hessianVectorProduct(at: inputs, along: directions) { pow(Self.cgSolve($0[0], $0[1]), 2).sum() }
        let referenceHVP = hessianVectorProduct(at: inputs, along: directions) { pow(try! solve(Self.spd($0[0]), $0[1]), 2).sum() }
        for (h, r) in zip(hvp, referenceHVP) { expectClose(h.scalars, r.scalars, tolerance: 1e-9) }
    }

    @Test("derivatives match central differences to second order")
    func gradientCheck() {
        let gmres = checkGradients(at: [Self.general, Self.b], order: 2) { Self.gmresSolve($0[0], $0[1]) }
        #expect(gmres.passed, "\(gmres)")
        let cg = checkGradients(at: [Self.p, Self.b], order: 2) { Self.cgSolve($0[0], $0[1]) }
        #expect(cg.passed, "\(cg)")
    }

    @Test("float32: GMRES matches solve, and the gradient check passes to second order")
    func float32() {
        let m = Self.general.converted(to: .float32), b = Self.b.converted(to: .float32)
        let solution = Self.gmresSolve(m, b, tolerance: nil)
        #expect(solution.dtype == .float32)
        expectClose(solution.scalars, (try! solve(m, b)).scalars, tolerance: 1e-5)
        let report = checkGradients(at: [m, b], order: 2) { Self.gmresSolve($0[0], $0[1], tolerance: nil) }
        #expect(report.passed, "\(report)")
    }

    @Test("float32 right sides of 1e-30 and 1e30 solve as well as those of size 1, by both methods")
    func extremeScales() throws {
        // Inner products of 1e-30-sized vectors underflow in float32 (and of 1e30 ones overflow):
        // the solve runs on b/‖b‖ and scales back.
        let p = Self.p.converted(to: .float32), m = Self.spd(Self.p).converted(to: .float32)
        for scale in [1e-30, 1e30] {
            let b = Self.b.converted(to: .float32) * scale
            let expected = try solve(m, b).scalars
            for method in [LinearSolveMethod.gmres(), .conjugateGradient] {
                let solution = try linearSolve(b, method: method) { x in matmul(Self.spd(p), x) }
                expectClose(solution.scalars.map { $0 / scale }, expected.map { $0 / scale }, tolerance: 1e-4)
            }
        }
    }

    @Test("GMRES stopped before converging throws noConvergence")
    func gmresNoConvergence() {
        #expect {
            _ = try linearSolve(Self.b, method: .gmres(), maximumIterations: 2) { x in matmul(Self.general, x) }
        } throws: { error in
            guard case let .noConvergence(operation, reason)? = error as? LinearAlgebraError else { return false }
            return operation == "linearSolve (GMRES)" && reason.contains("after 2 iterations")
        }
    }

    @Test("conjugate gradient on an indefinite operator throws noConvergence")
    func indefinite() {
        let m = Tensor([[1, 0], [0, -1]])
        #expect {
            _ = try linearSolve(Tensor([1, 1]), method: .conjugateGradient) { x in matmul(m, x) }
        } throws: { error in
            guard case let .noConvergence(operation, reason)? = error as? LinearAlgebraError else { return false }
            return operation == "linearSolve (conjugate gradient)" && reason.contains("not positive definite")
        }
    }
}
