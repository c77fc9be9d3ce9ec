// A differentiable matrix-free linear solve (JAX's `custom_linear_solve`). The operator is a
// closure, so the tensors it captures are unknown; the engine finds them by recording one
// product with A at the solution, and the derivative comes from the solution, never from the
// solver's iterations.

/// The solution x of A(x) = b, where A is a closure linear in its argument that maps tensors
/// of b's shape to tensors of b's shape, by conjugate gradient or GMRES, without forming A.
///
/// A may capture tensors that require gradients (or that an enclosing transform differentiates
/// with respect to): x is differentiable with respect to b and to every one of them, to the
/// second order, in both modes (an HVP, a gradient of a gradient, `jvp` inside `gradient`):
///
///     x = A⁻¹·b      ẋ = A⁻¹·(ḃ − Ȧ·x),      b̄ = A⁻ᵀ·x̄,   θ̄ = −(∂(A·x)/∂θ)ᵀ·b̄
///
/// Each rule is one more solve, with A (forward mode) or Aᵀ (reverse mode: A's vector-Jacobian
/// product, or A itself for conjugate gradient), itself differentiable the same way. How: with
/// x* the solution on values only and S the linear map r ↦ A⁻¹·r, two recorded refinement steps
///
///     x₁ = x* − S(A(x*) − b),     x = x₁ − S(A(x₁) − b)
///
/// have the value x* (S's value is taken as 0: A(x*) − b is the solver's residual) and the
/// derivatives of A⁻¹·b through the second order. Recording A(x*) − b reaches b and the
/// captured tensors; S's rules are again `linearSolve`s with A and Aᵀ, so S's dependence on A
/// enters at second order (d(A⁻¹)·ṙ = −A⁻¹·Ȧ·A⁻¹·ṙ). One step is not enough: S is a primitive
/// of r alone, so ∂S/∂θ at fixed r, −A⁻¹·Ȧ·A⁻¹·(r − r₀), is missing; it vanishes at first
/// order but is half of the mixed second derivative (verified against the closed form
/// d²x[E, E] = 2·M⁻¹·E·M⁻¹·E·M⁻¹·b). The second step's residual A(x₁) − b vanishes to second
/// order, which pushes that error to the third. Cost: two products with A, and a gradient
/// solves with Aᵀ twice (the second right side is of the order of rounding). A third
/// derivative (three nested transforms, a `hessian` inside `jvp`, ...) would not be exact, so
/// it traps with a message: each rule of S counts the derivatives taken before it.
///
///     let m = Tensor([[4, 1], [1, 3]]).requiringGradient()
///     let x = try linearSolve(Tensor([1, 2]), method: .conjugateGradient) { v in matmul(m, v) }
///
/// A derivative solve that fails to converge (which the forward solve did) gives NaN, as a
/// derivative rule cannot throw. Traps when A changes its argument's shape.
///
/// - Parameters:
///   - b: the right side, of any shape (x has the same).
///   - method: `.conjugateGradient` for a symmetric positive definite A, `.gmres()` for any.
///   - tolerance: the relative residual ‖b − A(x)‖₂ / ‖b‖₂ to reach; by default 10⁻¹² in
///     float64, 10⁻⁵ in float32.
///   - maximumIterations: the most products with A; by default 10 per element of b.
///   - linearOperator: x ↦ A(x), linear in x.
/// - Throws: `LinearAlgebraError.noConvergence` from the forward solve when it does not reach
///   the tolerance, meets a non-finite residual, or (conjugate gradient) finds pᵀAp ≤ 0.
public func linearSolve(
    _ b: Tensor, method: LinearSolveMethod = .gmres(), tolerance: Double? = nil, maximumIterations: Int? = nil,
    operator linearOperator: @escaping (Tensor) -> Tensor
) throws(LinearAlgebraError) -> Tensor {
    let apply = shapePreserving(linearOperator, operation: "linearSolve", role: "the operator")
    let a = method == .conjugateGradient
        ? LinearOperator(symmetric: apply)
        : LinearOperator(apply, shape: b.shape, dtype: b.dtype)
    return try differentiableSolve(
        a, b, using: IterativeLinearSolver(method: method, tolerance: tolerance, maximumIterations: maximumIterations),
        operation: "linearSolve")
}

/// The highest order of derivative that a solve with a closure operator gives exactly (see
/// `linearSolve`).
let exactImplicitOrder = 2

/// A⁻¹·b as x* refined twice by x ← x − S(A(x) − b), differentiable with respect to b and what
/// A captures through the second order (see `linearSolve`); x* alone when nothing here carries
/// a derivative. `order` counts the derivatives already taken when a rule of S solves again;
/// S's rules trap, naming `operation`, when they would take one above `exactImplicitOrder`.
func differentiableSolve(
    _ a: LinearOperator, _ b: Tensor, using solver: IterativeLinearSolver, operation: String, order: Int = 1
) throws(LinearAlgebraError) -> Tensor {
    let solution = try withoutDerivatives { Result { () throws(LinearAlgebraError) in try solver.solution(of: a, b.detached()) } }.get()
    let context = DifferentiationContext.current
    guard context.isRecording || !context.forwardLevels.isEmpty else { return solution }
    let residual = a.apply(solution) - b
    guard carriesDerivative(residual) else { return solution }
    let refinement = { (residual: Tensor) in
        inverseApplication(a, residual, using: solver, operation: operation, order: order)
    }
    let refined = solution - refinement(residual)
    return refined - refinement(a.apply(refined) - b)
}

/// S(r) = A⁻¹·r, whose value is taken as 0 (r is a solver's residual), with rules that solve
/// again, differentiably:
///
///     ṡ = A⁻¹·ṙ        r̄ = A⁻ᵀ·s̄
///
/// A rule's solve that does not converge gives NaN (a rule cannot throw). A rule taking the
/// derivative of order `order` traps when that is above `exactImplicitOrder`.
private func inverseApplication(
    _ a: LinearOperator, _ residual: Tensor, using solver: IterativeLinearSolver, operation: String, order: Int
) -> Tensor {
    let solveAgain = { (a: LinearOperator, b: Tensor) -> Tensor in
        solvingAgain(order: order, exactOrder: exactImplicitOrder, operation: operation,
                     method: "implicit differentiation with a closure operator", right: b) { next in
            try differentiableSolve(a, b, using: solver, operation: operation, order: next)
        }
    }
    return Tensor.primitive(
        operation, shape: residual.shape, storage: residual.filled(with: 0).storage, inputs: [residual],
        pullback: { cotangent, _, _ in [solveAgain(a.transposed(), cotangent)] },
        differential: { tangents, _ in solveAgain(a, tangents[0]!) })
}
