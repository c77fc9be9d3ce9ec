/// What `checkGradients` measured: the worst disagreement of each derivative with central
/// differences, as a relative error (absolute below magnitude 1), over every order checked.
public struct GradientCheckReport: CustomStringConvertible, Sendable {
    /// Forward mode: J·v from `jvp` against (f(x + hv) − f(x − hv)) / 2h.
    public let forwardError: Double
    /// Reverse mode: ⟨Jᵀu, v⟩ from the pullback against ⟨u, finite difference⟩.
    public let reverseError: Double
    /// The adjoint identity ⟨u, J·v⟩ = ⟨Jᵀu, v⟩ between the two modes.
    public let adjointError: Double
    /// The largest error a check may show and still pass.
    public let tolerance: Double

    /// The largest of the three errors.
    public var worstError: Double { worse(worse(forwardError, reverseError), adjointError) }

    /// Whether every error is within the tolerance (NaN fails).
    public var passed: Bool { worstError <= tolerance }

    /// The worse of two reports, error by error.
    func merged(with other: GradientCheckReport) -> GradientCheckReport {
        GradientCheckReport(
            forwardError: worse(forwardError, other.forwardError), reverseError: worse(reverseError, other.reverseError),
            adjointError: worse(adjointError, other.adjointError), tolerance: tolerance)
    }

    /// One line with the three errors and the verdict.
    public var description: String {
        "gradient check \(passed ? "passed" : "FAILED"): forward \(forwardError), reverse \(reverseError), "
            + "adjoint \(adjointError) (tolerance \(tolerance))"
    }
}

/// Checks the pullback (VJP) and the differential (JVP) of `f` at `inputs` against central
/// differences along random directions, and the two against each other by the adjoint
/// identity ⟨u, J·v⟩ = ⟨Jᵀu, v⟩. No Jacobian is formed.
///
/// The rules run in the inputs' own types, and the central differences always in float64 (on
/// float64 copies of the inputs), so a float32 rule is checked against float64 truth: float32
/// differences would lose about half their digits to cancellation (ε/h ≈ 10⁻⁴ at best).
///
///     let report = checkGradients(at: [x, y]) { t in t[1] * sin(t[0]) }
///     check(report.passed, report.description)
///
/// - Parameters:
///   - inputs: the point at which the derivatives are checked, the tensors `f` is given.
///   - directions: how many random (v, u) pairs to try.
///   - stepSize: h of the central difference; the error of the difference itself is O(h²).
///   - tolerance: the largest error that passes; by default 10⁻⁶, or 10⁻⁴ when an input is
///     float32 (its rules round to about 6·10⁻⁸ per operation).
///   - order: 2 also checks the derivatives of the pullback and of the differential (each
///     projected on random vectors) the same way: reverse-over-reverse, forward-over-reverse,
///     reverse-over-forward and forward-over-forward.
///   - seed: fixes the random directions.
///   - f: the function checked, from the inputs to one tensor of any shape; it runs several
///     times per direction, so it must give the same value for the same inputs.
public func checkGradients(
    at inputs: [Tensor], directions: Int = 3, stepSize: Double = 1e-6, tolerance: Double? = nil,
    order: Int = 1, seed: UInt64 = 0, of f: @escaping ([Tensor]) -> Tensor
) -> GradientCheckReport {
    check(order >= 1, "checkGradients: order must be at least 1, got \(order)")
    let tolerance = tolerance ?? (inputs.contains { $0.dtype == .float32 } ? 1e-4 : 1e-6)
    let first = firstOrderCheck(at: inputs, directions: directions, stepSize: stepSize, tolerance: tolerance, seed: seed, of: f)
    guard order > 1 else { return first }
    let output = withoutGradients { f(inputs) }
    let u = Tensor.randomNormal(output.shape, seed: seed &+ 7_777, dtype: output.dtype)
    let weights = inputs.enumerated().map {
        Tensor.randomNormal($0.element.shape, seed: seed &+ 8_888 &+ UInt64($0.offset), dtype: $0.element.dtype)
    }
    let tangents = inputs.enumerated().map {
        Tensor.randomNormal($0.element.shape, seed: seed &+ 9_999 &+ UInt64($0.offset), dtype: $0.element.dtype)
    }
    let projectedPullback: ([Tensor]) -> Tensor = { x in
        let (_, pullback) = valueWithPullback(at: x, of: f)
        return innerProduct(pullback(u), weights)
    }
    let projectedDifferential: ([Tensor]) -> Tensor = { x in (jvp(at: x, tangents: tangents, of: f).tangent * u).sum() }
    return [projectedPullback, projectedDifferential].reduce(first) { report, derivative in
        report.merged(with: checkGradients(
            at: inputs, directions: directions, stepSize: stepSize, tolerance: tolerance, order: order - 1,
            seed: seed &+ 1, of: derivative))
    }
}

/// The first-order check: one report over `directions` random pairs (v, u).
private func firstOrderCheck(
    at inputs: [Tensor], directions: Int, stepSize: Double, tolerance: Double, seed: UInt64,
    of f: ([Tensor]) -> Tensor
) -> GradientCheckReport {
    var forwardError = 0.0, reverseError = 0.0, adjointError = 0.0
    for direction in 0..<directions {
        let directionSeed = seed &+ UInt64(direction) &* 1_000_003
        // Directions in the inputs' and output's own types, so the rules see them unrounded.
        let v = inputs.enumerated().map {
            Tensor.randomNormal($0.element.shape, seed: directionSeed &+ UInt64($0.offset), dtype: $0.element.dtype)
        }
        let (value, pullback) = valueWithPullback(at: inputs, of: f)
        let u = Tensor.randomNormal(value.shape, seed: directionSeed &+ 999, dtype: value.dtype)
        let finiteDifference = centralDifference(of: f, at: inputs, along: v, stepSize: stepSize)
        let forward = jvp(at: inputs, tangents: v, of: f).tangent
        let reverse = scalarInnerProduct(pullback(u), v)
        forwardError = worse(forwardError, relativeError(forward.scalars, finiteDifference.scalars))
        reverseError = worse(reverseError, relativeError([reverse], [scalarInnerProduct([u], [finiteDifference])]))
        adjointError = worse(adjointError, relativeError([reverse], [scalarInnerProduct([u], [forward])]))
    }
    return GradientCheckReport(
        forwardError: forwardError, reverseError: reverseError, adjointError: adjointError, tolerance: tolerance)
}

/// Checks the derivatives of a function of one tensor; see ``checkGradients(at:directions:stepSize:tolerance:order:seed:of:)-([Tensor],_,_,_,_,_,_)`` for many.
public func checkGradients(
    at x: Tensor, directions: Int = 3, stepSize: Double = 1e-6, tolerance: Double? = nil,
    order: Int = 1, seed: UInt64 = 0, of f: @escaping (Tensor) -> Tensor
) -> GradientCheckReport {
    checkGradients(at: [x], directions: directions, stepSize: stepSize, tolerance: tolerance, order: order, seed: seed) { f($0[0]) }
}

/// (f(x + hv) − f(x − hv)) / 2h, evaluated in float64 without recording.
private func centralDifference(
    of f: ([Tensor]) -> Tensor, at inputs: [Tensor], along v: [Tensor], stepSize h: Double
) -> Tensor {
    withoutGradients {
        let inputs = inputs.map { $0.detached().converted(to: .float64) }
        let ahead = f(zip(inputs, v).map { $0 + h * $1.converted(to: .float64) })
        let behind = f(zip(inputs, v).map { $0 - h * $1.converted(to: .float64) })
        return (ahead - behind) / (2 * h)
    }
}

/// Σᵢ ⟨aᵢ, bᵢ⟩ as a number, computed without recording.
private func scalarInnerProduct(_ a: [Tensor], _ b: [Tensor]) -> Double {
    withoutGradients { innerProduct(a, b) }.scalar
}

/// max |aᵢ − bᵢ| / max(1, max |bᵢ|); NaN when any value is NaN.
private func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    let scale = max(1, b.map(Swift.abs).max() ?? 0)
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let error = Swift.abs(x - y) / scale
        if error.isNaN { return .nan }
        worst = max(worst, error)
    }
    return worst
}

/// The larger error, NaN if either is NaN (`Swift.max` would drop a NaN).
private func worse(_ a: Double, _ b: Double) -> Double {
    a.isNaN || b.isNaN ? .nan : max(a, b)
}
