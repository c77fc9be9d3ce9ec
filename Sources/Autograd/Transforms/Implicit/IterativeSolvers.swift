// The forward solves of `linearSolve`: conjugate gradient and restarted GMRES on values only
// (the caller runs them without recording), in `Tensor` ops on vectors of any shape. Their
// derivatives never go through these iterations: they come from the solution (LinearSolve.swift).

/// How `linearSolve` iterates.
public enum LinearSolveMethod: Sendable, Equatable {
    /// Conjugate gradient (Hestenes & Stiefel 1952), for a symmetric positive definite operator:
    /// one product with A per iteration. The derivative rules take Aᵀ = A, so derivatives are
    /// right along perturbations that keep A symmetric (as JAX's `symmetric=True`).
    case conjugateGradient
    /// GMRES (Saad & Schultz 1986), for any nonsingular operator, restarted after `restart`
    /// iterations (products with A); the rules solve with Aᵀ, the operator's VJP.
    case gmres(restart: Int = 20)
}

/// The settings of an iterative solve: method, relative tolerance and iteration limit.
struct IterativeLinearSolver {
    let method: LinearSolveMethod
    let tolerance: Double?
    let maximumIterations: Int?

    /// The relative residual the solves reach unless told: 10⁻¹² in float64, 10⁻⁵ in float32.
    static func defaultTolerance(for dtype: DType) -> Double { dtype == .float32 ? 1e-5 : 1e-12 }

    /// x with ‖b − A·x‖ ≤ tolerance·‖b‖ (2-norms over all elements), from x₀ = 0, on values only.
    /// At most `maximumIterations` products with A (10 per element of b unless told).
    ///
    /// The iteration runs on b/‖b‖ and scales its solution back (A is linear): a right side
    /// far from 1 in size (a derivative solve's is often of the order of rounding) would
    /// otherwise make its inner products underflow or overflow, in float32 above all.
    func solution(of a: LinearOperator, _ b: Tensor) throws(LinearAlgebraError) -> Tensor {
        let tolerance = tolerance ?? Self.defaultTolerance(for: b.dtype)
        let limit = maximumIterations ?? 10 * Swift.max(b.scalarCount, 1)
        check(tolerance > 0 && limit > 0,
              "linearSolve: tolerance and maximumIterations must be positive, got \(tolerance) and \(limit)")
        let bNorm = euclideanNorm(b)
        guard bNorm > 0 else { return b.filled(with: 0) }
        let unit = b / bNorm
        let solution: Tensor
        switch method {
        case .conjugateGradient:
            solution = try conjugateGradient(a, unit, tolerance: tolerance, limit: limit)
        case let .gmres(restart):
            check(restart > 0, "linearSolve: GMRES needs a positive restart length, got \(restart)")
            solution = try gmres(a, unit, restart: restart, tolerance: tolerance, limit: limit)
        }
        return solution * bNorm
    }
}

/// Conjugate gradient from x₀ = 0:
///
///     α = rᵀr / pᵀAp,  x ← x + αp,  r ← r − αAp,  p ← r + (r'ᵀr' / rᵀr)·p
private func conjugateGradient(
    _ a: LinearOperator, _ b: Tensor, tolerance: Double, limit: Int
) throws(LinearAlgebraError) -> Tensor {
    let operation = "linearSolve (conjugate gradient)"
    let bNorm = euclideanNorm(b)
    var x = b.filled(with: 0), r = b, p = b
    var squaredResidual = bNorm * bNorm
    var iteration = 0
    while true {
        let residualNorm = squaredResidual.squareRoot()
        guard residualNorm.isFinite else {
            throw .noConvergence(operation: operation, reason: "the residual is not finite at iteration \(iteration)")
        }
        if residualNorm <= tolerance * bNorm { return x }
        guard iteration < limit else {
            throw .noConvergence(operation: operation, reason: """
                relative residual \(residualNorm / bNorm) after \(limit) iterations, tolerance \(tolerance)
                """)
        }
        let ap = a.apply(p)
        let curvature = dot(p, ap)
        guard curvature > 0 else {
            throw .noConvergence(operation: operation, reason: """
                pᵀAp = \(curvature) at iteration \(iteration + 1): the operator is not positive definite
                """)
        }
        let alpha = squaredResidual / curvature
        x = x + alpha * p
        r = r - alpha * ap
        let next = dot(r, r)
        p = r + (next / squaredResidual) * p
        squaredResidual = next
        iteration += 1
    }
}

/// Restarted GMRES from x₀ = 0: each cycle builds an orthonormal Krylov basis V of
/// span{r, Ar, A²r, …} (Arnoldi, modified Gram–Schmidt), keeps the Hessenberg matrix H
/// (A·Vₖ = Vₖ₊₁·H) upper triangular by Givens rotations, and moves x to the minimiser of
/// ‖b − A·x‖ over x + span(Vₖ): x ← x + Vₖ·y with R·y = the rotated ‖r‖·e₁.
private func gmres(
    _ a: LinearOperator, _ b: Tensor, restart: Int, tolerance: Double, limit: Int
) throws(LinearAlgebraError) -> Tensor {
    let operation = "linearSolve (GMRES)"
    let bNorm = euclideanNorm(b), target = tolerance * bNorm
    var x = b.filled(with: 0), residual = b
    var iterations = 0
    while true {
        let residualNorm = euclideanNorm(residual)
        guard residualNorm.isFinite else {
            throw .noConvergence(operation: operation, reason: "the residual is not finite after \(iterations) iterations")
        }
        if residualNorm <= target { return x }
        guard iterations < limit else {
            throw .noConvergence(operation: operation, reason: """
                relative residual \(residualNorm / bNorm) after \(limit) iterations, tolerance \(tolerance)
                """)
        }
        var basis = [residual / residualNorm]
        var columns: [[Double]] = []                     // R, column by column
        var rotations: [(cosine: Double, sine: Double)] = []
        var rotatedRight = [residualNorm]                // Givens rotations applied to ‖r‖·e₁
        while columns.count < restart && iterations < limit {
            var w = a.apply(basis[columns.count])
            iterations += 1
            var column: [Double] = []
            for v in basis {
                let coefficient = dot(w, v)
                w = w - coefficient * v
                column.append(coefficient)
            }
            let wNorm = euclideanNorm(w)
            column.append(wNorm)
            for (i, rotation) in rotations.enumerated() {
                (column[i], column[i + 1]) = (rotation.cosine * column[i] + rotation.sine * column[i + 1],
                                              rotation.cosine * column[i + 1] - rotation.sine * column[i])
            }
            let j = rotations.count
            let radius = (column[j] * column[j] + column[j + 1] * column[j + 1]).squareRoot()
            let rotation = radius == 0 ? (cosine: 1.0, sine: 0.0) : (cosine: column[j] / radius, sine: column[j + 1] / radius)
            rotations.append(rotation)
            column[j] = radius
            columns.append(Array(column[...j]))
            rotatedRight.append(-rotation.sine * rotatedRight[j])
            rotatedRight[j] *= rotation.cosine
            if Swift.abs(rotatedRight[j + 1]) <= target || wNorm == 0 { break }
            basis.append(w / wNorm)
        }
        // Back substitution R·y = rotatedRight[..<k]; a zero pivot (a singular A) gives a
        // non-finite x, reported by the residual check above.
        let k = columns.count
        var y = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var sum = rotatedRight[i]
            for l in (i + 1)..<k { sum -= columns[l][i] * y[l] }
            y[i] = sum / columns[i][i]
        }
        for i in 0..<k { x = x + y[i] * basis[i] }
        residual = b - a.apply(x)
    }
}

/// ⟨a, b⟩ over all elements, as a number.
private func dot(_ a: Tensor, _ b: Tensor) -> Double { (a * b).sum().scalar }

/// ‖a‖₂ over all elements, as a number, without overflow (`frobeniusNorm()`, BLAS `nrm2`).
func euclideanNorm(_ a: Tensor) -> Double { a.frobeniusNorm().scalar }
