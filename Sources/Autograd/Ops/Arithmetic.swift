// Broadcasting arithmetic. Addition, multiplication, division and negation are primitives;
// subtraction is a composition with no rule of their own. Division is a primitive rather
// than a · b⁻¹ so that quotients are correctly rounded (3/40 is 0.075, not 0.07500000000000001).

// MARK: - Addition

/// Elementwise sum with NumPy broadcasting.
///
///     z = a + b        ∂z/∂a = 1, ∂z/∂b = 1 (summed over broadcast axes)
public func + (a: Tensor, b: Tensor) -> Tensor {
    let shape = broadcastShape(a.shape, b.shape, operation: "+")
    let (a, b) = promoted(a, b)
    return Tensor.primitive(
        "+", shape: shape, storage: Kernels.zip(a.storage, shape: a.shape, b.storage, shape: b.shape, to: shape, Addition()),
        inputs: [a, b],
        pullback: { g, _, isNeeded in
            [isNeeded(0) ? g.unbroadcast(to: a.shape) : nil,
             isNeeded(1) ? g.unbroadcast(to: b.shape) : nil]
        },
        differential: { tangents, _ in sumOfTerms(tangents[0], tangents[1]) })
}

// MARK: - Multiplication

/// Elementwise product with NumPy broadcasting.
///
///     z = a · b        ∂z/∂a = b, ∂z/∂b = a
public func * (a: Tensor, b: Tensor) -> Tensor {
    let shape = broadcastShape(a.shape, b.shape, operation: "*")
    let (a, b) = promoted(a, b)
    return Tensor.primitive(
        "*", shape: shape, storage: Kernels.zip(a.storage, shape: a.shape, b.storage, shape: b.shape, to: shape, Multiplication()),
        inputs: [a, b],
        pullback: { g, _, isNeeded in
            [isNeeded(0) ? (g * b).unbroadcast(to: a.shape) : nil,
             isNeeded(1) ? (g * a).unbroadcast(to: b.shape) : nil]
        },
        differential: { tangents, _ in sumOfTerms(tangents[0].map { $0 * b }, tangents[1].map { a * $0 }) })
}

// MARK: - Division

/// Elementwise quotient with NumPy broadcasting.
///
///     z = a / b        ∂z/∂a = 1/b, ∂z/∂b = −z/b
public func / (a: Tensor, b: Tensor) -> Tensor {
    let shape = broadcastShape(a.shape, b.shape, operation: "/")
    let (a, b) = promoted(a, b)
    return Tensor.primitive(
        "/", shape: shape, storage: Kernels.zip(a.storage, shape: a.shape, b.storage, shape: b.shape, to: shape, Division()),
        inputs: [a, b],
        pullback: { g, z, isNeeded in
            [isNeeded(0) ? (g / b).unbroadcast(to: a.shape) : nil,
             isNeeded(1) ? (-(g * z) / b).unbroadcast(to: b.shape) : nil]
        },
        differential: { tangents, z in sumOfTerms(tangents[0].map { $0 / b }, tangents[1].map { -($0 * z) / b }) })
}

// MARK: - Negation

/// Elementwise negation.
///
///     z = −x           ∂z/∂x = −1
public prefix func - (x: Tensor) -> Tensor {
    Tensor.unary("negate", x, storage: Kernels.map(x.storage, Negation()),
                 pullback: { g, _ in -g }, differential: { dx, _ in -dx })
}

// MARK: - Compositions

/// Elementwise difference with broadcasting: `a + (−b)`.
public func - (a: Tensor, b: Tensor) -> Tensor {
    _ = broadcastShape(a.shape, b.shape, operation: "-")  // so a mismatch names this operation
    return a + -b
}

// A `Double` operand takes the tensor's type, so `x * 0.5` stays float32.

/// Adds a scalar to every element.
public func + (a: Tensor, b: Double) -> Tensor { a + a.constant(b) }
/// Adds a scalar to every element.
public func + (a: Double, b: Tensor) -> Tensor { b.constant(a) + b }
/// Subtracts a scalar from every element.
public func - (a: Tensor, b: Double) -> Tensor { a + a.constant(-b) }
/// Subtracts every element from a scalar.
public func - (a: Double, b: Tensor) -> Tensor { b.constant(a) + -b }
/// Multiplies every element by a scalar.
public func * (a: Tensor, b: Double) -> Tensor { a * a.constant(b) }
/// Multiplies every element by a scalar.
public func * (a: Double, b: Tensor) -> Tensor { b.constant(a) * b }
/// Divides every element by a scalar.
public func / (a: Tensor, b: Double) -> Tensor { a / a.constant(b) }
/// Divides a scalar by every element.
public func / (a: Double, b: Tensor) -> Tensor { b.constant(a) / b }

// MARK: - Scalar formulas of the primitives

private struct Addition: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a + b }
}

private struct Multiplication: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a * b }
}

private struct Division: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a / b }
}

private struct Negation: UnaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { -x }
}

extension Tensor {
    /// Sums this tensor down to `target`, a shape it was broadcast from: the one rule that
    /// sends every broadcasting operation's cotangent back to an operand's shape.
    func unbroadcast(to target: [Int]) -> Tensor {
        guard shape != target else { return self }
        let offset = rank - target.count
        let axes = (0..<rank).filter { $0 < offset || (target[$0 - offset] == 1 && shape[$0] != 1) }
        return sum(alongAxes: axes, keepingDims: true).reshaped(to: target)
    }
}
