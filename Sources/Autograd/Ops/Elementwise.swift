import RealModule

// Elementwise functions. Each is a primitive whose rules reuse its output where the
// derivative is a function of it (exp, sqrt, tanh, sigmoid).

// MARK: - exp

/// The exponential of every element.
///
///     y = eˣ           dy/dx = y
public func exp(_ x: Tensor) -> Tensor {
    Tensor.unary("exp", x, storage: Kernels.map(x.storage, Exponential()),
                 pullback: { g, y in g * y }, differential: { dx, y in dx * y })
}

// MARK: - log

/// The natural logarithm of every element.
///
///     y = ln x         dy/dx = 1/x
public func log(_ x: Tensor) -> Tensor {
    Tensor.unary("log", x, storage: Kernels.map(x.storage, Logarithm()),
                 pullback: { g, _ in g / x }, differential: { dx, _ in dx / x })
}

// MARK: - sqrt

/// The square root of every element.
///
///     y = √x           dy/dx = 1/(2y)
public func sqrt(_ x: Tensor) -> Tensor {
    Tensor.unary("sqrt", x, storage: Kernels.map(x.storage, SquareRoot()),
                 pullback: { g, y in g / (2 * y) }, differential: { dx, y in dx / (2 * y) })
}

// MARK: - sin and cos

/// The sine of every element.
///
///     y = sin x        dy/dx = cos x
public func sin(_ x: Tensor) -> Tensor {
    Tensor.unary("sin", x, storage: Kernels.map(x.storage, Sine()),
                 pullback: { g, _ in g * cos(x) }, differential: { dx, _ in dx * cos(x) })
}

/// The cosine of every element.
///
///     y = cos x        dy/dx = −sin x
public func cos(_ x: Tensor) -> Tensor {
    Tensor.unary("cos", x, storage: Kernels.map(x.storage, Cosine()),
                 pullback: { g, _ in -(g * sin(x)) }, differential: { dx, _ in -(dx * sin(x)) })
}

// MARK: - tanh

/// The hyperbolic tangent of every element.
///
///     y = tanh x       dy/dx = 1 − y²
public func tanh(_ x: Tensor) -> Tensor {
    Tensor.unary("tanh", x, storage: Kernels.map(x.storage, HyperbolicTangent()),
                 pullback: { g, y in tanhDerivative(times: g, y) }, differential: { dx, y in tanhDerivative(times: dx, y) })
}

// MARK: - sigmoid

/// The logistic function of every element, computed without overflow for large |x|.
///
///     y = 1/(1 + e⁻ˣ)  dy/dx = y(1 − y)
public func sigmoid(_ x: Tensor) -> Tensor {
    Tensor.unary("sigmoid", x, storage: Kernels.map(x.storage, Logistic()),
                 pullback: { g, y in sigmoidDerivative(times: g, y) }, differential: { dx, y in sigmoidDerivative(times: dx, y) })
}

// MARK: - relu

/// The rectified linear unit of every element; the derivative at 0 is taken as 0.
///
///     y = max(x, 0)    dy/dx = 1 if x > 0, else 0
public func relu(_ x: Tensor) -> Tensor {
    Tensor.unary("relu", x, storage: Kernels.map(x.storage, RectifiedLinear()),
                 pullback: { g, _ in g.keepingWherePositive(x) }, differential: { dx, _ in dx.keepingWherePositive(x) })
}

// MARK: - erf

/// The error function of every element (GELU is built on it).
///
///     y = erf x = (2/√π) ∫₀ˣ e^(−t²) dt        dy/dx = (2/√π) e^(−x²)
public func erf(_ x: Tensor) -> Tensor {
    func derivative() -> Tensor { exp(-(x * x)) * (2 / Double.pi.squareRoot()) }
    return Tensor.unary("erf", x, storage: Kernels.map(x.storage, ErrorFunction()),
                        pullback: { g, _ in g * derivative() }, differential: { dx, _ in dx * derivative() })
}

// MARK: - abs

/// The absolute value of every element; the derivative at 0 is taken as 0.
///
///     y = |x|          dy/dx = sign x
public func abs(_ x: Tensor) -> Tensor {
    Tensor.unary("abs", x, storage: Kernels.map(x.storage, AbsoluteValue()),
                 pullback: { g, _ in g * x.sign() }, differential: { dx, _ in dx * x.sign() })
}

// MARK: - pow

/// Every element raised to the scalar power `p`.
///
///     y = xᵖ           dy/dx = p·xᵖ⁻¹
public func pow(_ x: Tensor, _ p: Double) -> Tensor {
    return Tensor.unary("pow", x, storage: Kernels.map(x.storage, Power(exponent: p)),
                        pullback: { g, _ in g * powerDerivative(x, p) },
                        differential: { dx, _ in dx * powerDerivative(x, p) })
}

/// p·xᵖ⁻¹, exact at x = 0 for p = 0 and p = 1, where xᵖ⁻¹ would make 0·∞ = NaN.
private func powerDerivative(_ x: Tensor, _ p: Double) -> Tensor {
    switch p {
    case 0: x.filled(with: 0)
    case 1: x.filled(with: 1)
    default: p * pow(x, p - 1)
    }
}

/// The square of every element: `x · x`.
public func square(_ x: Tensor) -> Tensor { x * x }

// MARK: - Constants of the rules (no derivative)

extension Tensor {
    /// −1, 0 or 1 by the sign of each element; a constant.
    func sign() -> Tensor { Tensor(shape: shape, storage: Kernels.map(storage, Sign())) }
}

// MARK: - Scalar formulas of the primitives

private struct Exponential: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { .exp(x) }
}

private struct Logarithm: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { .log(x) }
}

private struct SquareRoot: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x.squareRoot() }
}

private struct Sine: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { .sin(x) }
}

private struct Cosine: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { .cos(x) }
}

private struct HyperbolicTangent: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { .tanh(x) }
}

/// 1/(1 + e⁻ˣ), with e^x/(1 + e^x) for negative x so that nothing overflows.
private struct Logistic: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x >= 0 ? 1 / (1 + .exp(-x)) : .exp(x) / (1 + .exp(x)) }
}

private struct RectifiedLinear: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { max(x, 0) }
}

private struct ErrorFunction: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { .erf(x) }
}

private struct AbsoluteValue: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { Swift.abs(x) }
}

/// xᵖ, exact (one rounding) for the common powers 2, −1 and ½; a whole-number p is an
/// integer power, defined for negative x too (as C's `pow`).
private struct Power: UnaryScalarFunction {
    let exponent: Double
    func callAsFunction<T: KernelScalar>(_ x: T) -> T {
        switch exponent {
        case 2: x * x
        case -1: 1 / x
        case 0.5: x.squareRoot()
        case let p where p == p.rounded() && Swift.abs(p) < 0x1p52: .pow(x, Int(p))
        default: .pow(x, T(exponent))
        }
    }
}

private struct Sign: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x > 0 ? 1 : x < 0 ? -1 : 0 }
}
