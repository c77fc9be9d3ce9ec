/// The reverse-mode engine: backward passes over a recorded graph, in iterative topological
/// order, with no recursion and no op-specific code. There are two entry points, one per style:
/// `accumulateGradients` serves `backward()` and fills the `grad` of leaves, visiting tensors
/// newest first (`CotangentQueue`); `cotangents` serves the functional transforms and returns
/// the cotangents of chosen tensors, touching nothing, after a walk that prunes the graph to
/// what leads to them.
enum Backpropagation {
    // MARK: - backward()

    /// Sends `seed`, the cotangent of `root`, back through the graph and adds the cotangent
    /// of every leaf that requires gradients to its `grad` (PyTorch's `loss.backward()`), and
    /// that of every result that retains its gradient. Each tensor's hooks see, and may
    /// replace, its total cotangent first.
    ///
    /// - Parameters:
    ///   - creatingGraph: record the pass's own operations, so the gradients can be
    ///     differentiated again.
    ///   - retainingGraph: keep the nodes for another pass instead of freeing them as they run.
    static func accumulateGradients(from root: Tensor, seed: Tensor, creatingGraph: Bool, retainingGraph: Bool) {
        var pending = CotangentQueue()
        pending.deliver(seed.converted(to: root.dtype), to: root)
        DifferentiationContext.with({ $0.isRecording = creatingGraph }) {
            while let (tensor, total) = pending.popNewest() {
                let (keepsGradient, hooks) = tensor.gradientHandling
                let cotangent = hooks.isEmpty ? total : tensor.applyingHooks(hooks, to: total)
                if keepsGradient { tensor.accumulateGradient(cotangent) }
                if let node = tensor.node {
                    check(!node.isReleased, """
                        backward: the graph through '\(node.operation)' (output shape \(tensor.shape)) was freed by an \
                        earlier backward pass; call backward(retainingGraph: true) the first time to run it again
                        """)
                    propagate(cotangent, of: tensor, through: node, where: \.requiresGrad) { pending.deliver($0, to: $1) }
                    if !retainingGraph { node.release() }
                }
            }
        }
    }

    // MARK: - Functional transforms

    /// The cotangents of `targets` when `seed` is the cotangent of `root`: each target's total
    /// derivative (through the other targets too), zeros where `root` does not depend on it.
    /// No `grad` is touched and the graph is kept, so the pass can run again. Each tensor's
    /// hooks see, and may replace, its total cotangent before it is returned or sent further.
    ///
    /// The pass records its own operations, so that its results can be differentiated again,
    /// whenever they could be: when the calling context records and the seed, a target, or a
    /// tensor the graph reads besides the targets is differentiable there (it requires
    /// gradients, or an enclosing transform differentiates with respect to it). A transform's
    /// private copies of its inputs (`targetsAreInputCopies`) count through the tensors they
    /// copy. `isRecorded` tells whether the pass recorded.
    ///
    /// A tensor can depend only on older tensors, so the walk never goes below the oldest
    /// target: graphs that earlier passes freed there are constants, not errors.
    static func cotangents(
        of targets: [Tensor], from root: Tensor, seed: Tensor, targetsAreInputCopies: Bool = false
    ) -> (cotangents: [Tensor], isRecorded: Bool) {
        let context = DifferentiationContext.current
        let targetIDs = Set(targets.map(ObjectIdentifier.init))
        let oldestTarget = targets.map(\.creationIndex).min() ?? .max
        var readsDifferentiableTensor = context.isDifferentiable(seed)
            || (!targetsAreInputCopies && targets.contains(where: context.isDifferentiable))
        let order = topologicalOrder(
            from: root,
            including: { input in
                // A recorded result inside the walk's range: the common case, decided without hashing.
                if input.node != nil && input.creationIndex >= oldestTarget { return true }
                let isTarget = targetIDs.contains(ObjectIdentifier(input))
                guard context.isDifferentiable(input) || isTarget else { return false }
                let isInsideGraph = input.creationIndex >= oldestTarget
                if !isTarget && (!isInsideGraph || input.node == nil) { readsDifferentiableTensor = true }
                return isInsideGraph
            },
            expanding: { tensor, node in
                guard node.isReleased else { return true }
                check(tensor.creationIndex == oldestTarget, """
                    gradient: the graph through '\(node.operation)' (output shape \(tensor.shape)) was freed by an \
                    earlier backward pass, and a tensor being differentiated with respect to may lie below it; call \
                    backward(retainingGraph: true) to keep it
                    """)
                return false
            })
        let needed = tensorsLeading(to: targetIDs, in: order)
        var cotangents = [ObjectIdentifier(root): seed.converted(to: root.dtype)]
        var targetCotangents: [ObjectIdentifier: Tensor] = [:]
        let recording = context.isRecording && readsDifferentiableTensor
        DifferentiationContext.with({ $0.isRecording = recording }) {
            for tensor in order.reversed() {
                let id = ObjectIdentifier(tensor)
                guard let total = cotangents.removeValue(forKey: id) else { continue }
                let hooks = tensor.hooks
                let cotangent = hooks.isEmpty ? total : tensor.applyingHooks(hooks, to: total)
                if targetIDs.contains(id) { targetCotangents[id] = cotangent }
                guard let node = tensor.node, !node.isReleased,
                      node.inputs.contains(where: { needed.contains(ObjectIdentifier($0)) }) else { continue }
                propagate(cotangent, of: tensor, through: node, where: { needed.contains(ObjectIdentifier($0)) }) { inputCotangent, input in
                    let id = ObjectIdentifier(input)
                    cotangents[id] = cotangents[id].map { $0 + inputCotangent } ?? inputCotangent
                }
            }
        }
        return (targets.map { targetCotangents[ObjectIdentifier($0)] ?? $0.filled(with: 0) }, recording)
    }

    // MARK: - The walk and one step

    /// Runs one node's pullback and hands each needed input's cotangent, in the input's type, to `deliver`.
    private static func propagate(
        _ cotangent: Tensor, of output: Tensor, through node: Node, where isNeeded: (Tensor) -> Bool,
        deliver: (_ cotangent: Tensor, _ input: Tensor) -> Void
    ) {
        if let anomalyDetection = AnomalyDetection.inThisTask, anomalyDetection.runningRule?.node != ObjectIdentifier(node) {
            // Inside withAnomalyDetection: this same step, run as the node's pullback and watched.
            return anomalyDetection.watchingPullback(of: node, output: output, cotangent: cotangent, deliver: deliver) {
                propagate(cotangent, of: output, through: node, where: isNeeded, deliver: $0)
            }
        }
        for (input, version) in zip(node.inputs, node.inputVersions) where input.version != version {
            checkFailed("""
                \(node.operation): an input of shape \(input.shape) was overwritten (assign(_:), add(_:scaledBy:) or convert(to:)) after the \
                operation was recorded; recompute the graph after updating parameters
                """)
        }
        func checkedDelivery(_ inputCotangent: Tensor, to input: Tensor) {
            check(inputCotangent.shape == input.shape,
                  "\(node.operation): pullback returned a cotangent of shape \(inputCotangent.shape) for an input of shape \(input.shape)")
            // A cotangent has its input's type (as PyTorch casts a custom Function's gradients).
            deliver(inputCotangent.converted(to: input.dtype), input)
        }
        let inputs = node.inputs
        switch node.rule! {
        case let .unary(pullback):
            if isNeeded(inputs[0]) { checkedDelivery(pullback(cotangent, output), to: inputs[0]) }
        case let .general(pullback):
            let inputCotangents = pullback(cotangent, output) { isNeeded(inputs[$0]) }
            check(inputCotangents.count == inputs.count,
                  "\(node.operation): pullback returned \(inputCotangents.count) cotangents for \(inputs.count) inputs")
            for (input, inputCotangent) in zip(inputs, inputCotangents) where isNeeded(input) {
                if let inputCotangent { checkedDelivery(inputCotangent, to: input) }
            }
        }
    }

    /// `root` and every tensor it depends on through recorded nodes, inputs before the results
    /// computed from them (depth-first post-order, with an explicit stack).
    ///
    /// - Parameters:
    ///   - including: whether to walk to a node's input (asked again for an input reached twice).
    ///   - expanding: whether to walk below a tensor through its node.
    private static func topologicalOrder(
        from root: Tensor, including: (Tensor) -> Bool, expanding: (Tensor, Node) -> Bool
    ) -> [Tensor] {
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = []
        var stack: [(tensor: Tensor, isFinished: Bool)] = [(root, false)]
        while let (tensor, isFinished) = stack.popLast() {
            if isFinished {
                order.append(tensor)
                continue
            }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            stack.append((tensor, true))
            guard let node = tensor.node, expanding(tensor, node) else { continue }
            for input in node.inputs where including(input) && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }

    /// The tensors of `order` that are targets or depend on one.
    private static func tensorsLeading(to targets: Set<ObjectIdentifier>, in order: [Tensor]) -> Set<ObjectIdentifier> {
        var leading = targets
        for tensor in order {
            if let node = tensor.node, node.inputs.contains(where: { leading.contains(ObjectIdentifier($0)) }) {
                leading.insert(ObjectIdentifier(tensor))
            }
        }
        return leading
    }
}
