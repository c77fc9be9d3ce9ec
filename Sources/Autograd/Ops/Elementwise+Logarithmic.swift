import RealModule

// log(1 + x) and eˣ − 1, accurate where x is near 0: computing them as log(1 + x) or
// exp(x) − 1 would first round 1 + x (or eˣ) and lose the digits of a small x.

// MARK: - log1p

/// The natural logarithm of one plus every element, accurate for tiny x (NumPy's `log1p`).
///
///     y = ln(1 + x)    dy/dx = 1/(1 + x)
public func log1p(_ x: Tensor) -> Tensor {
    Tensor.unary("log1p", x, storage: Kernels.map(x.storage, LogarithmOfOnePlus()),
                 pullback: { g, _ in g / (x + 1) }, differential: { dx, _ in dx / (x + 1) })
}

// MARK: - expm1

/// eˣ − 1 for every element, accurate for tiny x (NumPy's `expm1`).
///
///     y = eˣ − 1       dy/dx = eˣ = y + 1
public func expm1(_ x: Tensor) -> Tensor {
    Tensor.unary("expm1", x, storage: Kernels.map(x.storage, ExponentialMinusOne()),
                 pullback: { g, y in g * (y + 1) }, differential: { dx, y in dx * (y + 1) })
}

// MARK: - Scalar formulas of the primitives

private struct LogarithmOfOnePlus: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { .log(onePlus: x) }
}

private struct ExponentialMinusOne: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { .expMinusOne(x) }
}
