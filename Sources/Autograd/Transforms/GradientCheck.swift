/// What `checkGradients` measured: the worst disagreement of each derivative with central
/// differences, as a relative error (absolute below magnitude 1).
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
    public var worstError: Double { max(forwardError, reverseError, adjointError) }

    /// Whether every error is within the tolerance (NaN fails).
    public var passed: Bool { worstError <= tolerance }

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
///     let report = checkGradients(at: [x, y]) { t in t[1] * sin(t[0]) }
///     precondition(report.passed, report.description)
///
/// - Parameters:
///   - directions: how many random (v, u) pairs to try.
///   - stepSize: h of the central difference; the error of the difference itself is O(h²).
///   - seed: fixes the random directions.
public func checkGradients(
    at inputs: [Tensor], directions: Int = 3, stepSize: Double = 1e-6, tolerance: Double = 1e-6,
    seed: UInt64 = 0, of f: ([Tensor]) throws -> Tensor
) rethrows -> GradientCheckReport {
    var forwardError = 0.0, reverseError = 0.0, adjointError = 0.0
    for direction in 0..<directions {
        let directionSeed = seed &+ UInt64(direction) &* 1_000_003
        let v = inputs.enumerated().map { Tensor.randomNormal($0.element.shape, seed: directionSeed &+ UInt64($0.offset)) }
        let (value, pullback) = try valueWithPullback(at: inputs, of: f)
        let u = Tensor.randomNormal(value.shape, seed: directionSeed &+ 999)
        let finiteDifference = try centralDifference(of: f, at: inputs, along: v, stepSize: stepSize)
        let forward = try jvp(at: inputs, tangents: v, of: f).tangent
        let reverse = innerProduct(pullback(u), v)
        forwardError = max(forwardError, relativeError(forward.scalars, finiteDifference.scalars))
        reverseError = max(reverseError, relativeError([reverse], [innerProduct([u], [finiteDifference])]))
        adjointError = max(adjointError, relativeError([reverse], [innerProduct([u], [forward])]))
    }
    return GradientCheckReport(
        forwardError: forwardError, reverseError: reverseError, adjointError: adjointError, tolerance: tolerance)
}

/// Checks the derivatives of a function of one tensor; see `checkGradients(at:of:)` for many.
public func checkGradients(
    at x: Tensor, directions: Int = 3, stepSize: Double = 1e-6, tolerance: Double = 1e-6,
    seed: UInt64 = 0, of f: (Tensor) throws -> Tensor
) rethrows -> GradientCheckReport {
    try checkGradients(at: [x], directions: directions, stepSize: stepSize, tolerance: tolerance, seed: seed) { try f($0[0]) }
}

/// (f(x + hv) − f(x − hv)) / 2h, evaluated without recording.
private func centralDifference(
    of f: ([Tensor]) throws -> Tensor, at inputs: [Tensor], along v: [Tensor], stepSize h: Double
) rethrows -> Tensor {
    try withoutGradients {
        let ahead = try f(zip(inputs, v).map { ($0.detached() + h * $1) })
        let behind = try f(zip(inputs, v).map { ($0.detached() - h * $1) })
        return (ahead - behind) / (2 * h)
    }
}

/// Σᵢ ⟨aᵢ, bᵢ⟩ over pairs of tensors of equal shapes.
private func innerProduct(_ a: [Tensor], _ b: [Tensor]) -> Double {
    zip(a, b).reduce(0) { sum, pair in sum + zip(pair.0.scalars, pair.1.scalars).reduce(0) { $0 + $1.0 * $1.1 } }
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
