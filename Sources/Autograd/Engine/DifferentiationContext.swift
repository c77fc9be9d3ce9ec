/// What the current task or thread records: whether operations build the reverse-mode
/// graph, which forward-mode passes are active, and which tensors the enclosing reverse
/// transforms differentiate with respect to.
struct DifferentiationContext: Sendable {
    /// Whether operations on differentiable tensors record graph nodes.
    var isRecording = true
    /// Active forward-mode passes, outermost first.
    var forwardLevels: [ForwardLevel] = []
    /// The tensors the enclosing `gradient(withRespectTo:)` calls differentiate with respect
    /// to. Operations on them are recorded although the tensors themselves are not marked, so
    /// no caller's tensor is ever mutated and concurrent transforms on shared tensors cannot
    /// interfere. (Other transforms differentiate with respect to private copies, which they
    /// may mark.)
    var differentiatedTensors: Set<ObjectIdentifier> = []

    /// The context of the running task, or of the thread outside any task.
    @TaskLocal static var current = DifferentiationContext()

    /// Runs `body` with the context changed by `change`.
    static func with<Result>(
        _ change: (inout DifferentiationContext) -> Void, _ body: () throws -> Result
    ) rethrows -> Result {
        var context = current
        change(&context)
        return try $current.withValue(context, operation: body)
    }

    /// Whether derivatives with respect to something flow through `tensor` here: it requires
    /// gradients, or an enclosing transform differentiates with respect to it.
    func isDifferentiable(_ tensor: Tensor) -> Bool {
        tensor.requiresGrad || (!differentiatedTensors.isEmpty && differentiatedTensors.contains(ObjectIdentifier(tensor)))
    }
}

/// Runs `body` without recording any operation for reverse mode, like PyTorch's
/// `torch.no_grad()`: results inside are constants. Forward-mode tangents still flow.
///
/// The setting is task-local (thread-local outside tasks), so concurrent code is unaffected.
public func withoutGradients<Result>(_ body: () throws -> Result) rethrows -> Result {
    try DifferentiationContext.with({ $0.isRecording = false }, body)
}

/// Whether operations are being recorded for reverse mode here (`false` inside `withoutGradients`).
public var isRecordingGradients: Bool { DifferentiationContext.current.isRecording }
