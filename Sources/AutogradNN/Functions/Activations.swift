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

/// The sigmoid-weighted linear unit (also called swish), PyTorch's `silu`. The result has
/// `x`'s type.
///
///     y = x·σ(x)       dy/dx = σ(x)(1 + x(1 − σ(x)))
public func silu(_ x: Tensor) -> Tensor { x * sigmoid(x) }

/// The logarithm of the sigmoid, PyTorch's `logsigmoid`, as min(x, 0) − log(1 + e^−|x|):
/// finite for any x (log σ(−1000) = −1000, not −∞) and accurate where σ(x) is near 1
/// (log σ(40) = −4.25·10⁻¹⁸, not 0). The result has `x`'s type.
///
///     y = log σ(x) = −softplus(−x)     dy/dx = σ(−x) = 1 − σ(x)
public func logSigmoid(_ x: Tensor) -> Tensor {
    minimum(x, Tensor.zeros([], dtype: x.dtype)) - log1p(exp(-abs(x)))
}
