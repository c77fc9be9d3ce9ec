// The code of the article "Matrix Calculus" (Sources/Autograd/Autograd.docc/MatrixCalculus.md):
// the derivatives of the inverse and of the Frobenius norm, checked against their closed forms
// and by the gradient checker, and the library's linear-algebra rules at singular points.
// Run it with `swift run MatrixCalculus`.

// snippet.hide
import Autograd

/// Prints a label and whether two tensors agree to float64 rounding (relative 1e-10).
func report(_ label: String, _ engine: Tensor, _ closedForm: Tensor) {
    print(label, engine.isApproximatelyEqual(to: closedForm, relativeTolerance: 1e-10, absoluteTolerance: 1e-12))
}
// snippet.show

// snippet.matrix
// A well-conditioned 3 × 3 matrix, and directions to differentiate along.
let a = 2 * Tensor.eye(3) + Tensor.randomNormal([3, 3], seed: 1)
let direction = Tensor.randomNormal([3, 3], seed: 2)     // Ȧ, a tangent
let cotangent = Tensor.randomNormal([3, 3], seed: 3)     // Ȳ, a cotangent of A⁻¹
let y = try a.inverse()
// snippet.end

// snippet.inverse
// dY = −Y·dA·Y: the JVP of the inverse.
let (_, inverseTangent) = try jvp(at: a, tangent: direction) { try $0.inverse() }
report("JVP of the inverse = −Y·Ȧ·Y:", inverseTangent, -matmul(matmul(y, direction), y))

// Ā = −Yᵀ·Ȳ·Yᵀ: the VJP of the inverse.
let (_, inverseCotangent) = try vjp(at: a, cotangent: cotangent) { try $0.inverse() }
report("VJP of the inverse = −Yᵀ·Ȳ·Yᵀ:", inverseCotangent, -matmul(matmul(y.transposed(), cotangent), y.transposed()))
// snippet.end

// snippet.frobenius
// d‖X‖_F = ⟨X, dX⟩/‖X‖_F, so the gradient is X/‖X‖_F.
let normGradient = gradient(at: a) { $0.frobeniusNorm() }
report("gradient of ‖A‖_F = A/‖A‖_F:", normGradient, a / a.frobeniusNorm().scalar)
// snippet.end

// snippet.composition
// z = ‖A⁻¹‖_F: dz = ⟨Y, −Y·dA·Y⟩/z, so ∇z = −Yᵀ·Y·Yᵀ/z.
let z = y.frobeniusNorm().scalar
let closedForm = -matmul(matmul(y.transposed(), y), y.transposed()) / z
let engineGradient = try gradient(at: a) { try $0.inverse().frobeniusNorm() }
report("gradient of ‖A⁻¹‖_F = −Yᵀ·Y·Yᵀ/z:", engineGradient, closedForm)

// Forward mode gives ż = ⟨∇z, Ȧ⟩ in one pass.
let (_, zTangent) = try jvp(at: a, tangent: direction) { try $0.inverse().frobeniusNorm() }
report("JVP of ‖A⁻¹‖_F = ⟨∇z, Ȧ⟩:", zTangent, (closedForm * direction).sum())
// snippet.end

// snippet.check
// The gradient checker: both rules against central differences, to second order.
let inverseNorm = checkGradients(at: a, order: 2) { a in
    guard let y = try? a.inverse() else { return Tensor(.nan) }   // NaN fails the check
    return y.frobeniusNorm()
}
print(inverseNorm.passed, inverseNorm)
// snippet.end

// snippet.rules
// Every linear-algebra rule, checked the same way on small well-conditioned matrices. A
// function that builds a symmetric matrix feeds the rules that read one triangle.
let x = Tensor.randomNormal([3, 3], seed: 4)
let b = Tensor.randomNormal([3, 2], seed: 5)
let tall = Tensor.randomNormal([4, 3], seed: 6)
let weights = Tensor.randomNormal([3, 3], seed: 7)
let tallWeights = Tensor.randomNormal([4, 3], seed: 9)
func symmetric(_ x: Tensor) -> Tensor { matmul(x, x.transposed()) + 3 * Tensor.eye(3) }
func orNaN(_ body: () throws -> Tensor) -> Tensor { (try? body()) ?? Tensor(.nan) }

let rules: [(name: String, inputs: [Tensor], function: ([Tensor]) -> Tensor)] = [
    ("matmul", [a, b], { matmul($0[0], $0[1]).sum() }),
    ("inverse", [a], { t in orNaN { (try t[0].inverse() * weights).sum() } }),
    ("solve", [a, b], { t in orNaN { try solve(t[0], t[1]).sum() } }),
    ("triangularSolve", [a, b], { t in orNaN { try triangularSolve(t[0], t[1], lower: true).sum() } }),
    ("determinant", [a], { $0[0].determinant() }),
    ("logAbsDeterminant", [a], { $0[0].logAbsDeterminant().logAbs }),
    ("frobeniusNorm", [a], { $0[0].frobeniusNorm() }),
    ("trace", [a], { $0[0].trace() }),
    ("cholesky", [x], { t in orNaN { (try symmetric(t[0]).cholesky() * weights).sum() } }),
    ("choleskySolve", [x, b], { t in orNaN { choleskySolve(try symmetric(t[0]).cholesky(), t[1]).sum() } }),
    ("symmetricEigendecomposition", [x], { t in orNaN {
        let (values, vectors) = try symmetric(t[0]).symmetricEigendecomposition()
        return values.sum() + (vectors * vectors * weights).sum()   // V∘V: free of LAPACK's signs
    } }),
    ("singularValueDecomposition", [tall], { t in orNaN {
        let (u, s, vt) = try t[0].singularValueDecomposition()
        return (s * s).sum() + (u * u * tallWeights).sum() + (vt * vt * weights).sum()
    } }),
    ("nuclearNorm", [tall], { t in orNaN { try t[0].nuclearNorm() } }),
    ("spectralNorm", [tall], { t in orNaN { try t[0].spectralNorm() } }),
    ("qrDecomposition", [tall], { t in
        let (q, r) = t[0].qrDecomposition()
        return (q * q * tallWeights).sum() + (r * weights).sum()
    }),
    ("leastSquares", [tall, Tensor.randomNormal([4], seed: 8)], { t in orNaN { try leastSquares(t[0], t[1]).sum() } }),
    ("matrixExponential", [x], { ($0[0].matrixExponential() * weights).sum() }),
]
for rule in rules {
    let result = checkGradients(at: rule.inputs, order: 2, of: rule.function)
    print(rule.name, result.passed ? "passed" : "FAILED: \(result)")
}
// snippet.end

// snippet.singular
// A singular matrix: the inverse throws a typed error naming the zero pivot.
let singular = Tensor([[1.0, 2.0], [2.0, 4.0]])
do {
    _ = try singular.inverse()
} catch {
    print(error)   // inverse: the matrix is singular (diagonal entry 2 of its triangular factor is zero)
}
// The determinant's gradient is the transposed adjugate, exact at singular matrices too.
print(gradient(at: singular) { $0.determinant() })   // adj(X)ᵀ = [[4, −2], [−2, 1]]
// log |det X| has no derivative there: NaN, never a finite number.
print(gradient(at: singular) { $0.logAbsDeterminant().logAbs })
// snippet.end

// snippet.repeated
// A repeated eigenvalue: the rules never divide by the zero gap. Σ λᵢ² = ‖A‖²_F has the
// gradient 2A, at A = I too.
let identity = Tensor.eye(3)
let squares = try gradient(at: identity) { a in
    let (values, _) = try a.symmetricEigendecomposition()
    return (values * values).sum()
}
print(squares)   // 2·I
// snippet.end
