/// A pullback: maps the cotangent of an operation's output (and the output itself) to the
/// cotangents of its inputs, `nil` where an input needs none. `isNeeded(i)` tells whether the
/// running pass needs input i's cotangent, so a rule may skip the others (a GEMM, say).
/// Written in `Tensor` ops so the backward pass can itself be recorded.
typealias Pullback = (_ cotangent: Tensor, _ output: Tensor, _ isNeeded: (_ input: Int) -> Bool) -> [Tensor?]

/// The pullback of an operation with one input: from the output's cotangent (and the output)
/// to the input's. Kept apart from `Pullback` so a unary node needs no wrapper and no array.
typealias UnaryPullback = (_ cotangent: Tensor, _ output: Tensor) -> Tensor

/// How a node sends its output's cotangent back: one rule for any number of inputs, or the
/// lighter unary form most elementwise operations use.
enum BackwardRule {
    case general(Pullback)
    case unary(UnaryPullback)
}

/// One recorded operation: its inputs and its pullback. A node holds its inputs, never its
/// output, so graphs have no reference cycles.
final class Node {
    /// The operation's name, for messages.
    let operation: String
    /// The tensors the operation read.
    private(set) var inputs: [Tensor]
    /// Each input's `version` when the operation read it (checked before the pullback runs), or
    /// empty when every input is the result of an operation: only leaves can be overwritten, so
    /// only they need the check, and most nodes save an allocation.
    private(set) var inputVersions: [Int]
    /// Sends the output's cotangent to the inputs; `nil` once released.
    private(set) var rule: BackwardRule?
    /// Where the operation was called, captured only inside `withAnomalyDetection`, so that
    /// an anomaly in the pullback names the forward call site.
    var callStack: CallStack?

    /// Records `operation` on `inputs` with the given rule (a unary rule needs one input).
    init(operation: String, inputs: [Tensor], rule: BackwardRule) {
        self.operation = operation
        self.inputs = inputs
        self.inputVersions = inputs.contains { $0.node == nil } ? inputs.map(\.version) : []
        self.rule = rule
    }

    /// Records `operation` on `inputs` with a general pullback.
    convenience init(operation: String, inputs: [Tensor], pullback: @escaping Pullback) {
        self.init(operation: operation, inputs: inputs, rule: .general(pullback))
    }

    /// Whether `backward()` already freed this node's inputs and rule.
    var isReleased: Bool { rule == nil }

    /// Frees the inputs and the rule (after a backward pass that does not retain the graph).
    func release() {
        inputs = []
        inputVersions = []
        rule = nil
    }

    /// Releases a long chain of nodes with a loop instead of recursive deinitialisers, so
    /// dropping the last reference to a graph of a million operations cannot overflow the stack.
    deinit {
        guard !inputs.isEmpty else { return }
        var pending = inputs
        release()
        while var tensor = pending.popLast() {
            guard isKnownUniquelyReferenced(&tensor), isKnownUniquelyReferenced(&tensor.node),
                  let node = tensor.node else { continue }
            pending.append(contentsOf: node.inputs)
            node.release()
        }
    }
}
