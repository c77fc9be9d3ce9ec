/// A pullback: maps the cotangent of an operation's output (and the output itself) to the
/// cotangents of its inputs, `nil` where an input needs none. `isNeeded(i)` tells whether the
/// running pass needs input i's cotangent, so a rule may skip the others (a GEMM, say).
/// Written in `Tensor` ops so the backward pass can itself be recorded.
typealias Pullback = (_ cotangent: Tensor, _ output: Tensor, _ isNeeded: (_ input: Int) -> Bool) -> [Tensor?]

/// One recorded operation: its inputs and its pullback. A node holds its inputs, never its
/// output, so graphs have no reference cycles.
final class Node {
    /// The operation's name, for messages.
    let operation: String
    /// The tensors the operation read.
    private(set) var inputs: [Tensor]
    /// Each input's `version` when the operation read it (checked before the pullback runs).
    private(set) var inputVersions: [Int]
    /// Sends the output's cotangent to the inputs; `nil` once released.
    private(set) var pullback: Pullback?

    /// Records `operation` on `inputs`.
    init(operation: String, inputs: [Tensor], pullback: @escaping Pullback) {
        self.operation = operation
        self.inputs = inputs
        self.inputVersions = inputs.map(\.version)
        self.pullback = pullback
    }

    /// Whether `backward()` already freed this node's inputs and rule.
    var isReleased: Bool { pullback == nil }

    /// Frees the inputs and the rule (after a backward pass that does not retain the graph).
    func release() {
        inputs = []
        inputVersions = []
        pullback = nil
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
