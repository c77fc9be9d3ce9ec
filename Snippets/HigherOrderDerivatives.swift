// Higher-order derivatives, Hessian-vector products, Jacobians and Hessians.
// Run it with `swift run HigherOrderDerivatives`.
import Autograd

// snippet.creatingGraph
// y = x³ at x = 2: y′ = 3x² = 12, y″ = 6x = 12, y‴ = 6.
let x = Tensor(2.0).requiringGradient()
let y = x * x * x
y.backward(creatingGraph: true)      // the backward pass is recorded: x.grad has a graph
let firstDerivative = x.grad!
x.zeroGrad()                          // start the next pass from zero
firstDerivative.backward()
print("y′ =", firstDerivative.scalar, " y″ =", x.grad!.scalar)
x.zeroGrad()                          // frees the graph the gradient held
// snippet.end

// snippet.nestedGradients
// The functional style nests without any flag: each gradient is differentiable again.
func cube(_ x: Tensor) -> Tensor { pow(x, 3).sum() }
let point = Tensor(2.0)
let second = gradient(at: point) { x in gradient(at: x, of: cube) }
let third = gradient(at: point) { x in gradient(at: x) { x in gradient(at: x, of: cube) } }
print("second derivative:", second.scalar, " third:", third.scalar)
// snippet.end

// snippet.hvp
// f(x) = Σ exp(xᵢ)·xᵢ₊₁ over consecutive pairs, in 4 dimensions, at x = (0, 1, 2, 3).
func chain(_ x: Tensor) -> Tensor { (exp(x[..<3]) * x[1...]).sum() }
let position = Tensor([0.0, 1.0, 2.0, 3.0])
let direction = Tensor([1.0, 0.0, 0.0, 0.0])
let hv = hessianVectorProduct(at: position, along: direction, of: chain)
let hvReverse = hessianVectorProduct(at: position, along: direction, method: .reverseOverReverse, of: chain)
print("H·e₀ =", hv, " by reverse over reverse:", hvReverse)
// snippet.end

// snippet.jacobian
// A function from a 2×3 matrix to a 2-vector (the rows' sums of squares): J has shape [2, 2, 3].
let matrix = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
let rowNorms = { (m: Tensor) -> Tensor in (m * m).sum(alongAxes: 1) }
let j = jacobian(at: matrix, of: rowNorms)
let jForward = jacobian(at: matrix, mode: .forward, of: rowNorms)
print("J shape:", j.shape, " same by forward mode:", j == jForward)
print("J[1] =", j[1])                                              // 2·row 1 in row 1, zeros in row 0
// snippet.end

// snippet.hessian
// The Hessian of chain at position: a 4×4 matrix (input shape + input shape).
let h = hessian(at: position, of: chain)
print("H shape:", h.shape)
print(h)
print("H·e₀ equals the first column:", h[..., 0] == hv)
// snippet.end
