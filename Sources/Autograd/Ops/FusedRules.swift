// Fused first-order rules. Written in plain operations, tanh's pullback ȳ·(1 − y²) costs five
// temporaries and sigmoid's four; each is one primitive here, with rules of its own, so a
// backward pass through a chain of them allocates one tensor per step and higher order still works.

// MARK: - Derivative products

extension Tensor {
    /// g·d(y) in one pass, where d is an elementwise derivative written in the output y of the
    /// function it differentiates (tanh: 1 − y², sigmoid: y(1 − y)); `product` computes g·d(y)
    /// per element and `derivativeOfD` gives d′(y) as a tensor (for higher order only).
    ///
    ///     z = g·d(y)       ḡ = z̄·d(y),   ȳ = z̄·g·d′(y),   ż = ġ·d(y) + g·d′(y)·ẏ
    static func derivativeProduct(
        _ operation: String, _ g: Tensor, _ y: Tensor, _ product: some BinaryScalarFunction,
        derivativeOfD: @escaping (_ y: Tensor) -> Tensor
    ) -> Tensor {
        let (g, y) = promoted(g, y)
        func sameRule(_ cotangent: Tensor) -> Tensor {
            derivativeProduct(operation, cotangent, y, product, derivativeOfD: derivativeOfD)
        }
        return primitive(
            operation, shape: y.shape, storage: Kernels.zip(g.storage, shape: g.shape, y.storage, shape: y.shape, to: y.shape, product),
            inputs: [g, y],
            pullback: { z̄, _, isNeeded in
                [isNeeded(0) ? sameRule(z̄) : nil, isNeeded(1) ? z̄ * g * derivativeOfD(y) : nil]
            },
            differential: { tangents, _ in
                sumOfTerms(tangents[0].map(sameRule), tangents[1].map { g * derivativeOfD(y) * $0 })
            })
    }
}

/// g·(1 − y²): tanh's derivative at output y applied to a cotangent or tangent g; d/dy (1 − y²) = −2y.
func tanhDerivative(times g: Tensor, _ y: Tensor) -> Tensor {
    Tensor.derivativeProduct("tanh derivative", g, y, TanhDerivativeProduct()) { y in -2 * y }
}

/// g·y(1 − y): sigmoid's derivative at output y applied to g; d/dy y(1 − y) = 1 − 2y.
func sigmoidDerivative(times g: Tensor, _ y: Tensor) -> Tensor {
    Tensor.derivativeProduct("sigmoid derivative", g, y, SigmoidDerivativeProduct()) { y in 1 - 2 * y }
}

private struct TanhDerivativeProduct: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ g: T, _ y: T) -> T { g * (1 - y * y) }
}

private struct SigmoidDerivativeProduct: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ g: T, _ y: T) -> T { g * (y * (1 - y)) }
}

// MARK: - Masking by the sign of a constant

extension Tensor {
    /// This tensor where `mask` is positive, 0 elsewhere: relu's derivative applied to a
    /// cotangent or tangent. `mask` is a constant (relu's second derivative is 0 almost everywhere).
    ///
    ///     z = g·[m > 0]    ḡ = z̄·[m > 0],   ż = ġ·[m > 0]
    func keepingWherePositive(_ mask: Tensor) -> Tensor {
        let mask = withoutGradients { mask.converted(to: dtype) }
        return Tensor.unary(
            "relu derivative", self,
            storage: Kernels.zip(storage, shape: shape, mask.storage, shape: mask.shape, to: shape, PassWherePositive()),
            pullback: { z̄, _ in z̄.keepingWherePositive(mask) }, differential: { ġ, _ in ġ.keepingWherePositive(mask) })
    }
}

/// g where m is positive, else 0 (0, not g·0, so an infinite g gives 0 there, as PyTorch's
/// `threshold_backward`).
private struct PassWherePositive: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ g: T, _ m: T) -> T { m > 0 ? g : 0 }
}
