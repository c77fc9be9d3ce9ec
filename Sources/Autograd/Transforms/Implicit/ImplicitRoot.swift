// Roots and fixed points differentiated by the implicit function theorem (JAX's
// `custom_root`, jaxopt's `implicit_diff`; Blondel et al. 2022, "Efficient and modular implicit
// differentiation"). The solver is opaque: its iterations are never differentiated.

/// How `implicitRoot` and `fixedPoint` solve with J = ∂F/∂x.
public enum ImplicitLinearSolver: Sendable {
    /// J built with `jacobian` (one reverse pass per element of x), solved by LU (`solve`): for
    /// small x.
    case dense
    /// `linearSolve` on products with J (JVPs of F) and, in reverse mode, Jᵀ (VJPs of F):
    /// J is never formed. `.conjugateGradient` needs J symmetric positive definite (F the
    /// gradient of a strictly convex function).
    case matrixFree(LinearSolveMethod = .gmres(), tolerance: Double? = nil, maximumIterations: Int? = nil)
}

/// The root x*(θ) of F(x, θ) = 0 found by `solver`, differentiated by the implicit function
/// theorem with respect to every tensor θ that F captures:
///
///     ẋ = −J⁻¹·(∂F/∂θ)·θ̇        θ̄ = −(∂F/∂θ)ᵀ·J⁻ᵀ·x̄        J = ∂F/∂x at (x*, θ)
///
/// one linear solve with J per derivative, dense or matrix-free (`linearSolver`).
///
/// The parameters θ are captured by `f`, not listed: the engine finds them by recording F, as
/// `linearSolve` finds what its operator captures and `gradient(withRespectTo:)` what a loss
/// captures, so any number of tensors (or none: a root that depends on nothing is a constant)
/// works in every transform.
///
/// How: with x* the solver's root on values only, Newton steps
///
///     x₁ = x* − J(x*)⁻¹·F(x*, θ),     x₂ = x₁ − J(x₁)⁻¹·F(x₁, θ),   ...
///
/// are recorded, each solve differentiable in J; the result is x* plus the last step's
/// derivatives (its value is x*, whether or not anything is differentiated). Each step doubles
/// the order to which x(θ) is right: x₁ has the implicit
/// first derivative, x₂ the derivatives through the third (the first step alone misses
/// −J⁻¹·∂²F/∂x²·(ẋ, ẋ)), x₃ through the seventh.
/// - `.dense` takes three steps with an LU solve whose rules are again such solves: exact
///   through the seventh order (checked against the closed forms of √θ: the third, fourth and
///   seventh derivatives); an eighth derivative traps with a message.
/// - `.matrixFree` takes two steps with `linearSolve`'s refinement, exact through the second
///   order; a third derivative traps with a message (see `linearSolve`).
///
///     let theta = Tensor(4.0).requiringGradient()
///     let root = try implicitRoot(of: { x in x * x - theta }, initialGuess: Tensor(1.0)) { f, x in
///         var x = x
///         for _ in 0..<50 { x = x - f(x) / (2 * x) }   // Newton for x² = θ
///         return x
///     }                                                  // 2, with d/dθ = 1/4
///
/// Traps when F changes x's shape or the solver returns a shape other than the initial guess's.
///
/// - Parameters:
///   - f: x ↦ F(x, θ), of x's shape, differentiable in x.
///   - initialGuess: where the solver starts; it fixes x's shape and type.
///   - linearSolver: how to solve with J.
///   - solver: any root finder, given F (on values only: nothing it does is recorded) and the
///     initial guess; it returns x*.
/// - Throws: what `solver` throws; `LinearAlgebraError.singularMatrix` (dense) or
///   `.noConvergence` (matrix-free) from a solve with J.
public func implicitRoot(
    of f: @escaping (Tensor) -> Tensor, initialGuess: Tensor, linearSolver: ImplicitLinearSolver = .dense,
    solver: (_ f: (Tensor) -> Tensor, _ initialGuess: Tensor) throws -> Tensor
) throws -> Tensor {
    try differentiableRoot(
        of: shapePreserving(f, operation: "implicitRoot", role: "f"), initialGuess: initialGuess,
        linearSolver: linearSolver, operation: "implicitRoot", solver: solver)
}

/// The fixed point x*(θ) = T(x*, θ) of a map T that captures θ, found by iterating
/// x ← T(x) from `initialGuess` and differentiated as the root of F(x, θ) = x − T(x, θ)
/// (`implicitRoot`):
///
///     ẋ = (I − ∂T/∂x)⁻¹·(∂T/∂θ)·θ̇        θ̄ = (∂T/∂θ)ᵀ·(I − ∂T/∂x)⁻ᵀ·x̄
///
/// The iteration converges when T is a contraction near x*; it stops when a step is at most
/// `tolerance`·max(1, ‖x‖₂).
///
///     let theta = Tensor(0.5).requiringGradient()
///     let x = try fixedPoint(of: { x in cos(theta * x) }, initialGuess: Tensor(0.0))
///
/// Traps when T changes x's shape.
///
/// - Parameters:
///   - t: x ↦ T(x, θ), of x's shape, differentiable in x.
///   - initialGuess: where the iteration starts; it fixes x's shape and type.
///   - tolerance: by default 10⁻¹² in float64, 10⁻⁵ in float32.
///   - maximumIterations: the most applications of T.
///   - linearSolver: how to solve with I − ∂T/∂x for the derivatives.
/// - Throws: `LinearAlgebraError.noConvergence(operation: "fixedPoint", reason:)` when the
///   iteration does not settle (or leaves the finite numbers), and what `implicitRoot` throws.
public func fixedPoint(
    of t: @escaping (Tensor) -> Tensor, initialGuess: Tensor, tolerance: Double? = nil,
    maximumIterations: Int = 1_000, linearSolver: ImplicitLinearSolver = .dense
) throws -> Tensor {
    let t = shapePreserving(t, operation: "fixedPoint", role: "T")
    let tolerance = tolerance ?? IterativeLinearSolver.defaultTolerance(for: initialGuess.dtype)
    check(tolerance > 0 && maximumIterations > 0,
          "fixedPoint: tolerance and maximumIterations must be positive, got \(tolerance) and \(maximumIterations)")
    return try differentiableRoot(
        of: { x in x - t(x) }, initialGuess: initialGuess, linearSolver: linearSolver, operation: "fixedPoint"
    ) { _, start throws(LinearAlgebraError) in
        var x = start
        for _ in 0..<maximumIterations {
            let next = t(x)
            let step = euclideanNorm(next - x)
            guard step.isFinite else {
                throw .noConvergence(operation: "fixedPoint", reason: "the iterate is not finite")
            }
            x = next
            if step <= tolerance * Swift.max(1, euclideanNorm(x)) { return x }
        }
        throw .noConvergence(operation: "fixedPoint", reason: """
            a step still moved x by more than \(tolerance)·max(1, ‖x‖) after \(maximumIterations) iterations
            """)
    }
}

/// The root of `f` (already shape-checked) from `solver`, with recorded Newton steps for its
/// derivatives (see `implicitRoot`): its value is always the solver's root.
private func differentiableRoot(
    of f: @escaping (Tensor) -> Tensor, initialGuess: Tensor, linearSolver: ImplicitLinearSolver, operation: String,
    solver: (_ f: (Tensor) -> Tensor, _ initialGuess: Tensor) throws -> Tensor
) throws -> Tensor {
    let root = try withoutDerivatives { try solver(f, initialGuess.detached()).detached() }
    check(root.shape == initialGuess.shape,
          "\(operation): the solver returned shape \(root.shape) for an initial guess of shape \(initialGuess.shape)")
    let context = DifferentiationContext.current
    guard context.isRecording || !context.forwardLevels.isEmpty else { return root }
    let residual = f(root)
    guard carriesDerivative(residual) else { return root }
    var refined = try newtonStep(at: root, residual: residual, of: f, linearSolver: linearSolver, operation: operation)
    let steps = if case .dense = linearSolver { 3 } else { 2 }
    for _ in 1..<steps {
        refined = try newtonStep(at: refined, residual: f(refined), of: f, linearSolver: linearSolver, operation: operation)
    }
    // The solver's root, carrying the refined steps' derivatives: the value is the same whether
    // or not anything is differentiated (as JAX's `custom_root` returns its solver's value).
    return root + (refined - refined.detached())
}

/// x − J(x)⁻¹·F(x), every part recorded: J by `jacobian` and LU, or products with J in `linearSolve`.
private func newtonStep(
    at x: Tensor, residual: Tensor, of f: @escaping (Tensor) -> Tensor, linearSolver: ImplicitLinearSolver,
    operation: String
) throws -> Tensor {
    switch linearSolver {
    case .dense:
        let n = x.scalarCount
        let j = jacobian(at: x, of: f).reshaped(to: [n, n])
        return x - (try countedSolve(j, residual.reshaped(to: [n]), operation: operation)).reshaped(to: x.shape)
    case let .matrixFree(method, tolerance, maximumIterations):
        let j = LinearOperator(
            { v in jvp(at: x, tangent: v, of: f).tangent },
            transpose: { u in vjp(at: x, cotangent: u, of: f).cotangent })
        let solver = IterativeLinearSolver(method: method, tolerance: tolerance, maximumIterations: maximumIterations)
        return x - (try differentiableSolve(j, residual, using: solver, operation: operation))
    }
}

/// The highest order of derivative that a dense root's three Newton steps give exactly.
let exactDenseRootOrder = 7

/// J⁻¹·r by LU, as `solve` computes it, recorded as a primitive whose rules are again such
/// solves (the same rules as `solve`'s):
///
///     r̄ = J⁻ᵀ·x̄,   J̄ = −r̄·xᵀ,   ẋ = J⁻¹·(ṙ − J̇·x)
///
/// `order` counts the derivatives taken before a rule runs: the rule taking the derivative of
/// order `order` traps, naming `operation`, when that is above `exactDenseRootOrder`. A rule's
/// solve with a singular J gives NaN (a rule cannot throw).
private func countedSolve(_ j: Tensor, _ r: Tensor, operation: String, order: Int = 1) throws(LinearAlgebraError) -> Tensor {
    let x = try solve(j.detached(), r.detached())  // values only: detached inputs record nothing
    let n = r.shape[0]
    let solveAgain = { (matrix: Tensor, right: Tensor) -> Tensor in
        solvingAgain(order: order, exactOrder: exactDenseRootOrder, operation: operation,
                     method: "a dense implicit root", right: right) { next in
            try countedSolve(matrix, right, operation: operation, order: next)
        }
    }
    return Tensor.primitive(
        operation, shape: r.shape, storage: x.storage, inputs: [j, r],
        pullback: { cotangent, x, _ in
            let gradientR = solveAgain(j.transposed(), cotangent)
            return [-matmul(gradientR.reshaped(to: [n, 1]), x.reshaped(to: [1, n])), gradientR]
        },
        differential: { tangents, x in
            solveAgain(j, sumOfTerms(tangents[1], tangents[0].map { -matmul($0, x) }))
        })
}

