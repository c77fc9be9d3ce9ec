import Synchronization

// Anomaly detection, as PyTorch's `torch.autograd.detect_anomaly()`: inside the scope every
// operation's output, every pullback's cotangents and every differential's tangent is checked
// for NaN and ±∞, and the first computation to produce them from finite values is reported
// with the user's call site. Off by default; when off, each operation tests the context's
// `anomalyDetection` field and each backward step loads one atomic counter.
//
// Policy: a NaN is a data-dependent failure, and those throw typed errors here, never trap.
// The scope runs to its end (a backward anomaly is found only after the forward pass that
// caused it, and the body's own error handling still runs) and then throws an `AnomalyError`
// holding the first forward and the first derivative anomaly; a handler sees each as it happens.

/// Runs `body` with anomaly detection on, and throws an `AnomalyError` at the end when an
/// operation produced NaN or ±∞ from finite inputs, or a pullback or differential did from
/// finite inputs and a finite cotangent or tangent.
///
///     let loss = try withAnomalyDetection {
///         let loss = model(x).logSoftmax().mean()
///         loss.backward()
///         return loss
///     }
///
/// Only first producers are reported: a computation whose inputs are already non-finite is
/// not. Each report names the operation, its shapes, and the user's call site (a call stack
/// captured for every recorded operation, so the scope is slow: use it to find a NaN, not to
/// train). The setting is task-local: other tasks and threads are unaffected; a nested scope
/// reports to itself only.
///
/// - Parameters:
///   - handler: called with each anomaly as it is found (every first producer, not only the
///     first of each kind), on the task or thread that found it; for logging.
///   - body: the computation to watch. Its value is returned when there was no anomaly; an
///     error it throws is rethrown as is (the handler has seen any anomaly before it).
public func withAnomalyDetection<Result>(
    onAnomaly handler: (@Sendable (Anomaly) -> Void)? = nil, _ body: () throws -> Result
) throws -> Result {
    let log = AnomalyLog(handler: handler)
    activeAnomalyScopes.add(1, ordering: .relaxed)
    defer { activeAnomalyScopes.subtract(1, ordering: .relaxed) }
    let result = try AnomalyDetection.$scope.withValue(AnomalyDetection(log: log), operation: body)
    try log.throwIfAnomalous()
    return result
}

/// Runs the asynchronous `body` with anomaly detection on; see the synchronous
/// `withAnomalyDetection(onAnomaly:_:)`. Child tasks of `body` report to this scope too.
public func withAnomalyDetection<Result>(
    onAnomaly handler: (@Sendable (Anomaly) -> Void)? = nil,
    isolation: isolated (any Actor)? = #isolation,
    _ body: () async throws -> Result
) async throws -> Result {
    let log = AnomalyLog(handler: handler)
    activeAnomalyScopes.add(1, ordering: .relaxed)
    defer { activeAnomalyScopes.subtract(1, ordering: .relaxed) }
    let result = try await AnomalyDetection.$scope.withValue(AnomalyDetection(log: log)) { try await body() }
    try log.throwIfAnomalous()
    return result
}

/// How many anomaly-detection scopes are active in the whole process: while none is, the
/// engine need not read the task-local `AnomalyDetection.scope` to know that detection is off.
private let activeAnomalyScopes = Atomic<Int>(0)

/// The anomaly detection of the running task: the scope's log, and the pullback or
/// differential running, if one is. A task-local of its own rather than a field of
/// `DifferentiationContext`, which every operation copies: a field there cost every
/// operation a retain and a release (65 instructions of 5,443, measured by
/// `scripts/count-instructions`) with detection off.
final class AnomalyDetection: Sendable {
    /// Where anomalies go.
    let log: AnomalyLog
    /// Set while a pullback or differential runs: the operations inside it are not checked
    /// one by one (the rule's results are), and the nodes they record take `callStack`.
    let runningRule: (node: ObjectIdentifier?, callStack: CallStack?)?

    init(log: AnomalyLog, runningRule: (node: ObjectIdentifier?, callStack: CallStack?)? = nil) {
        self.log = log
        self.runningRule = runningRule
    }

    /// The innermost `withAnomalyDetection` scope's detection in this task, or `nil`.
    @TaskLocal static var scope: AnomalyDetection?

    /// The detection of the running task, or `nil` outside any scope (one atomic load, and
    /// no task-local read, while no scope is active anywhere).
    static var inThisTask: AnomalyDetection? {
        activeAnomalyScopes.load(ordering: .relaxed) == 0 ? nil : scope
    }

    /// The call stack to keep on a node recorded now: the running rule's (its node's forward
    /// call site), else the current one.
    func callStackForNode() -> CallStack {
        runningRule?.callStack ?? CallStack()
    }
}

/// The anomalies of one scope: the first of each kind, and the handler to tell of each.
/// Shared by the scope's child tasks, hence the lock.
final class AnomalyLog: Sendable {
    private let firstAnomalies = Mutex<(forward: Anomaly?, derivative: Anomaly?)>((nil, nil))
    private let handler: (@Sendable (Anomaly) -> Void)?

    init(handler: (@Sendable (Anomaly) -> Void)?) {
        self.handler = handler
    }

    /// Whether an anomaly of this kind would be used: the handler sees every one, the
    /// error only the first (so reports, which symbolicate a call stack, are built only then).
    func wantsReport(of stage: Anomaly.Stage) -> Bool {
        handler != nil || firstAnomalies.withLock { (stage == .forward ? $0.forward : $0.derivative) == nil }
    }

    /// Keeps `anomaly` if it is the first of its kind, and passes it to the handler.
    func report(_ anomaly: Anomaly) {
        firstAnomalies.withLock { first in
            if anomaly.stage == .forward {
                if first.forward == nil { first.forward = anomaly }
            } else if first.derivative == nil {
                first.derivative = anomaly
            }
        }
        handler?(anomaly)
    }

    /// Throws the scope's `AnomalyError` when anything was reported.
    func throwIfAnomalous() throws(AnomalyError) {
        let (forward, derivative) = firstAnomalies.withLock { $0 }
        if forward != nil || derivative != nil { throw AnomalyError(forward: forward, derivative: derivative) }
    }
}
