// The code of the article "How the Engine Works" (Sources/Autograd/Autograd.docc/HowTheEngineWorks.md):
// the recorded graph, a backward pass that frees it, functional transforms that leave the
// caller's tensors alone, and nested forward-mode levels. Run it with `swift run HowTheEngineWorks`.

// snippet.hide
import Autograd
// snippet.show

// snippet.graph
// Operations on a tensor that requires gradients are recorded: each result holds a node
// with the operation's inputs and pullback.
let w = Tensor([[1.0, 2.0], [3.0, 4.0]]).requiringGradient()
let x = Tensor([0.5, -1.0])
let loss = tanh(matmul(w, x)).sum()
print(loss.requiresGrad, x.requiresGrad)   // true false
print(loss.graphvizDescription(naming: [(name: "w", tensor: w)]))
// snippet.end

// snippet.backward
// backward() fills the leaf's grad and frees the graph as it goes; keep it for a second
// pass with retainingGraph: true. Gradients accumulate until zeroGrad().
loss.backward(retainingGraph: true)
let first = w.grad!
loss.backward()
print(w.grad! == 2 * first)                // true
w.zeroGrad()
// snippet.end

// snippet.functional
// A functional transform differentiates with respect to a private copy of its input: the
// caller's tensor is not marked and its grad is untouched.
let v = Tensor([1.0, 2.0, 3.0])
let g = gradient(at: v) { ($0 * $0).sum() }
print(g, v.requiresGrad, v.grad == nil)    // [2., 4., 6.] false true
// snippet.end

// snippet.levels
// Each jvp is a level of its own. d/dx [x · d/dy (x + y) at y = 1] at x = 1 is 1: the inner
// derivative is 1 whatever x is. A tape that confused the two perturbations would give 2.
let one = Tensor(1.0)
let (_, outer) = jvp(at: one, tangent: one) { x in
    let (_, inner) = jvp(at: one, tangent: one) { y in x + y }
    return x * inner
}
print(outer)                               // 1.
// snippet.end
