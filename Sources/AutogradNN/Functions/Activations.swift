import Autograd

// Activation functions that are compositions of the engine's primitives: they need no
// derivative rules of their own. (relu, tanh and sigmoid are primitives of Autograd;
// softmax and logSoftmax are Autograd compositions beside logSumExp.)

/// The Gaussian error linear unit. Exact by default, as PyTorch's `gelu`; with
/// `approximate: true`, the tanh approximation (PyTorch's `approximate='tanh'`, JAX's default).
/// The constants take `x`'s type, so a float32 input gives a float32 result.
///
///     y = x·Φ(x) = ½x(1 + erf(x/√2))
///     y ≈ ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
public func gelu(_ x: Tensor, approximate: Bool = false) -> Tensor {
    if approximate {
        let inner = (x + 0.044715 * x * x * x) * (2 / Double.pi).squareRoot()
        return 0.5 * x * (1 + tanh(inner))
    }
    return 0.5 * x * (1 + erf(x * (0.5).squareRoot()))
}

/// The softplus function, a smooth ReLU, computed as log(e⁰ + eˣ) with log-sum-exp so that
/// large |x| neither overflows nor loses the derivative. The result has `x`'s type.
///
///     y = log(1 + eˣ)      dy/dx = sigmoid(x)
public func softplus(_ x: Tensor) -> Tensor {
    let column = x.reshaped(to: x.shape + [1])
    return concatenate([Tensor.zeros(column.shape, dtype: x.dtype), column], alongAxis: -1).logSumExp(alongAxes: -1)
}
