/// What the current task or thread records: whether operations build the reverse-mode
/// graph, which forward-mode passes are active, and how many reverse transforms enclose it.
struct DifferentiationContext: Sendable {
    /// Whether operations on tensors that require gradients record graph nodes.
    var isRecording = true
    /// Active forward-mode passes, outermost first.
    var forwardLevels: [ForwardLevel] = []
    /// How many functional reverse-mode transforms (`gradient`, `vjp`, ...) enclose the code.
    var reverseDepth = 0

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
