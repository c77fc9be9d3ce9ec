// Broadcasting arithmetic: addition, subtraction, multiplication and division of tensors, and
// the same with a `Double` operand. Division is a primitive rather than a · b⁻¹ so that
// quotients are correctly rounded (3/40 is 0.075, not 0.07500000000000001).

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

// MARK: - Subtraction

/// Elementwise difference with NumPy broadcasting.
///
///     z = a − b        ∂z/∂a = 1, ∂z/∂b = −1 (summed over broadcast axes)
public func - (a: Tensor, b: Tensor) -> Tensor {
    let shape = broadcastShape(a.shape, b.shape, operation: "-")
    let (a, b) = promoted(a, b)
    return Tensor.primitive(
        "-", shape: shape, storage: Kernels.zip(a.storage, shape: a.shape, b.storage, shape: b.shape, to: shape, Subtraction()),
        inputs: [a, b],
        pullback: { g, _, isNeeded in
            [isNeeded(0) ? g.unbroadcast(to: a.shape) : nil,
             isNeeded(1) ? (-g).unbroadcast(to: b.shape) : nil]
        },
        differential: { tangents, _ in
            switch (tangents[0], tangents[1]) {
            case let (da?, db?): da - db
            case let (da?, nil): da
            case let (nil, db): -db!
            }
        })
}

// MARK: - Scalar operands

// A `Double` operand takes the tensor's type (so `x * 0.5` stays float32) and is a parameter of
// the operation, not a tensor: no constant is allocated, and the rules need no input values.

extension Tensor {
    /// s·x + c for `Double`s s and c, rounded as the two operations would be: a product alone
    /// when c is −0, which adds nothing (y + (−0) = y for every y, while y + (+0) turns −0 into
    /// +0), and a sum alone when s is 1. So `x * 2` and `-x` pass c = −0, and `x + 0.5`,
    /// `x + 0` and `0 - x` are rounded, signed zeros included, as `+` and `-` on tensors.
    ///
    ///     y = s·x + c      x̄ = s·ȳ,   ẏ = s·ẋ
    func affine(scale: Double, offset: Double, operation: String) -> Tensor {
        let addsNothing = offset == 0 && offset.sign == .minus
        let storage = addsNothing ? Kernels.map(storage, Scaling(factor: scale))
            : scale == 1 ? Kernels.map(storage, Shifting(offset: offset))
            : Kernels.map(storage, ScalingAndShifting(factor: scale, offset: offset))
        func scaled(_ t: Tensor) -> Tensor { scale == 1 ? t : t.affine(scale: scale, offset: -0.0, operation: operation) }
        return Tensor.unary(operation, self, storage: storage,
                            pullback: { g, _ in scaled(g) }, differential: { dx, _ in scaled(dx) })
    }

    /// x / c for a `Double` c, correctly rounded (not x · (1/c)).
    ///
    ///     y = x / c        x̄ = ȳ / c,   ẏ = ẋ / c
    func divided(by divisor: Double) -> Tensor {
        Tensor.unary("/", self, storage: Kernels.map(storage, DivisionBy(divisor: divisor)),
                     pullback: { g, _ in g.divided(by: divisor) }, differential: { dx, _ in dx.divided(by: divisor) })
    }
}

/// Elementwise negation.
///
///     z = −x           ∂z/∂x = −1
public prefix func - (x: Tensor) -> Tensor { x.affine(scale: -1, offset: -0.0, operation: "negate") }
/// Adds a scalar to every element.
public func + (a: Tensor, b: Double) -> Tensor { a.affine(scale: 1, offset: b, operation: "+") }
/// Adds a scalar to every element.
public func + (a: Double, b: Tensor) -> Tensor { b.affine(scale: 1, offset: a, operation: "+") }
/// Subtracts a scalar from every element.
public func - (a: Tensor, b: Double) -> Tensor { a.affine(scale: 1, offset: -b, operation: "-") }
/// Subtracts every element from a scalar.
public func - (a: Double, b: Tensor) -> Tensor { b.affine(scale: -1, offset: a, operation: "-") }
/// Multiplies every element by a scalar.
public func * (a: Tensor, b: Double) -> Tensor { a.affine(scale: b, offset: -0.0, operation: "*") }
/// Multiplies every element by a scalar.
public func * (a: Double, b: Tensor) -> Tensor { b.affine(scale: a, offset: -0.0, operation: "*") }
/// Divides every element by a scalar.
public func / (a: Tensor, b: Double) -> Tensor { a.divided(by: b) }
/// Divides a scalar by every element.
public func / (a: Double, b: Tensor) -> Tensor { b.constant(a) / b }

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

private struct Subtraction: BinaryScalarFunction {
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T { a - b }
}

private struct Scaling: UnaryScalarFunction {
    let factor: Double
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x * T(factor) }
}

private struct Shifting: UnaryScalarFunction {
    let offset: Double
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x + T(offset) }
}

private struct ScalingAndShifting: UnaryScalarFunction {
    let factor: Double, offset: Double
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x * T(factor) + T(offset) }
}

private struct DivisionBy: UnaryScalarFunction {
    let divisor: Double
    func callAsFunction<T: KernelScalar>(_ x: T) -> T { x / T(divisor) }
}
