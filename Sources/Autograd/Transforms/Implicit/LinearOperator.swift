// A linear map given as a closure, with the transpose its derivative rules solve with. The
// transpose is built where a rule needs it, in that rule's context, so the tensors the map
// captures carry their graphs and tangents into it.

/// A linear map x ↦ A·x from a closure, and how to get x ↦ Aᵀ·x.
struct LinearOperator {
    /// x ↦ A·x.
    let apply: (Tensor) -> Tensor
    private let makeTransposed: () -> LinearOperator

    /// The operator x ↦ Aᵀ·x, built now (in the calling context); its own transpose is this one.
    func transposed() -> LinearOperator { makeTransposed() }

    /// An operator and its transpose, given by two closures.
    init(_ apply: @escaping (Tensor) -> Tensor, transpose: @escaping (Tensor) -> Tensor) {
        self.apply = apply
        makeTransposed = { LinearOperator(transpose, transpose: apply) }
    }

    /// A symmetric operator: Aᵀ = A.
    init(symmetric apply: @escaping (Tensor) -> Tensor) {
        self.apply = apply
        makeTransposed = { LinearOperator(symmetric: apply) }
    }

    /// An operator on tensors of `shape` and `dtype` whose transpose is its vector-Jacobian
    /// product: A is linear, so Aᵀ·u = (∂(A·x)/∂x)ᵀ·u at any x, here x = 0. The pullback
    /// records, when differentiated again, through the tensors A captures.
    init(_ apply: @escaping (Tensor) -> Tensor, shape: [Int], dtype: DType) {
        self.apply = apply
        makeTransposed = {
            let (_, pullback) = valueWithPullback(at: Tensor.zeros(shape, dtype: dtype), of: apply)
            return LinearOperator(pullback, transpose: apply)
        }
    }
}

/// `f`, checked on every call to keep its argument's shape (trapping with a message that names
/// `operation` and `role`, as "linearSolve: the operator").
func shapePreserving(_ f: @escaping (Tensor) -> Tensor, operation: String, role: String) -> (Tensor) -> Tensor {
    { x in
        let y = f(x)
        check(y.shape == x.shape, "\(operation): \(role) maps x of shape \(x.shape) to shape \(y.shape); it must keep x's shape")
        return y
    }
}

/// Runs `body` on values only: nothing recorded, no forward-mode pass active (a solver's
/// iterations, whose derivatives come from the solution instead).
func withoutDerivatives<Result>(_ body: () throws -> Result) rethrows -> Result {
    try DifferentiationContext.with({ $0.isRecording = false; $0.forwardLevels = [] }, body)
}

/// Whether `tensor` carries a derivative here: a recorded node, or a tangent in an active pass.
func carriesDerivative(_ tensor: Tensor) -> Bool {
    tensor.node != nil || DifferentiationContext.current.forwardLevels.contains { $0.hasTangent(tensor) }
}

/// A rule of an order-counting solve taking the derivative of order `order`: traps, naming
/// `operation` and `method`, when `order` is above `exactOrder` (the refinement would no longer
/// be exact); otherwise `solve(order + 1)`, the next solve counting on, or NaN of `right`'s
/// shape when that solve fails (a rule cannot throw).
func solvingAgain(
    order: Int, exactOrder: Int, operation: String, method: String, right: Tensor,
    _ solve: (_ nextOrder: Int) throws -> Tensor
) -> Tensor {
    check(order <= exactOrder, """
        \(operation): a derivative of order \(order) was taken; \(method) is exact through order \(exactOrder) only
        """)
    return (try? solve(order + 1)) ?? right.filled(with: .nan)
}

