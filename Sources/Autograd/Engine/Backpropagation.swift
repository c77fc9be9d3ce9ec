/// Whether a backward pass records its own operations, so its results can be differentiated again.
enum GraphRecording {
    case never, always
    /// Record when the pass reaches a leaf that requires gradients other than the targets:
    /// a tensor the differentiated function captured, which the results then depend on.
    case whenReachingOtherLeaves
}

/// The reverse-mode engine: one backward pass over a recorded graph, in iterative
/// topological order, with no recursion and no op-specific code.
enum Backpropagation {
    /// Sends `seed`, the cotangent of `root`, back through the graph.
    ///
    /// - Parameters:
    ///   - targets: the tensors whose cotangents are wanted. The pass runs only the pullbacks
    ///     that lead to them and leaves every `grad` alone. With `nil`, cotangents are
    ///     accumulated into the `grad` of every leaf that requires gradients.
    ///   - stoppingAtTargets: treat targets as leaves (right for private input copies, whose
    ///     graphs lead to no other target); otherwise continue through them, so a target's
    ///     result is its total derivative whatever else is asked for.
    ///   - recording: whether to record the pullbacks' operations.
    ///   - retainGraph: keep the nodes for another pass instead of freeing them as they run.
    /// - Returns: the cotangent of each target (zeros where the root does not depend on it).
    @discardableResult
    static func run(
        from root: Tensor, seed: Tensor, targets: [Tensor]? = nil, stoppingAtTargets: Bool = true,
        recording: GraphRecording, retainGraph: Bool
    ) -> [Tensor] {
        let targetIDs = Set((targets ?? []).map(ObjectIdentifier.init))
        // Private input copies are newer than any graph a previous pass freed, so a freed
        // node cannot lead to them: such a pass treats it as a constant instead of trapping.
        let order = topologicalOrder(
            from: root, stoppingAt: stoppingAtTargets ? targetIDs : [],
            freedNodesAreConstants: targets != nil && stoppingAtTargets)
        let needed = targets == nil ? nil : tensorsLeading(to: targetIDs, in: order)
        let createGraph = switch recording {
        case .never: false
        case .always: true
        case .whenReachingOtherLeaves: order.contains { $0.isGradientLeaf && !targetIDs.contains(ObjectIdentifier($0)) }
        }
        var cotangents = [ObjectIdentifier(root): seed]
        var targetCotangents: [ObjectIdentifier: Tensor] = [:]
        DifferentiationContext.with({ $0.isRecording = createGraph }) {
            for tensor in order.reversed() {
                let id = ObjectIdentifier(tensor)
                guard let cotangent = cotangents.removeValue(forKey: id) else { continue }
                if targetIDs.contains(id) { targetCotangents[id] = cotangent }
                if let node = tensor.node, !(stoppingAtTargets && targetIDs.contains(id)) {
                    propagate(cotangent, of: tensor, through: node, into: &cotangents) { input in
                        needed?.contains(ObjectIdentifier(input)) ?? input.requiresGrad
                    }
                    if !retainGraph { node.release() }
                } else if targets == nil && tensor.isGradientLeaf {
                    tensor.grad = tensor.grad.map { $0 + cotangent } ?? cotangent
                }
            }
        }
        return (targets ?? []).map { targetCotangents[ObjectIdentifier($0)] ?? $0.filled(with: 0) }
    }

    /// Runs one node's pullback and adds the results to its inputs' cotangents.
    private static func propagate(
        _ cotangent: Tensor, of output: Tensor, through node: Node,
        into cotangents: inout [ObjectIdentifier: Tensor], where isNeeded: (Tensor) -> Bool
    ) {
        for (input, version) in zip(node.inputs, node.inputVersions) where input.version != version {
            checkFailed("""
                \(node.operation): an input of shape \(input.shape) was overwritten by assign(_:) after the \
                operation was recorded; recompute the graph after updating parameters
                """)
        }
        let inputCotangents = node.pullback!(cotangent, output)
        check(inputCotangents.count == node.inputs.count,
                     "\(node.operation): pullback returned \(inputCotangents.count) cotangents for \(node.inputs.count) inputs")
        for (input, inputCotangent) in zip(node.inputs, inputCotangents) {
            guard let inputCotangent, isNeeded(input) else { continue }
            check(inputCotangent.shape == input.shape,
                         "\(node.operation): pullback returned a cotangent of shape \(inputCotangent.shape) for an input of shape \(input.shape)")
            let id = ObjectIdentifier(input)
            cotangents[id] = cotangents[id].map { $0 + inputCotangent } ?? inputCotangent
        }
    }

    /// Every tensor that `root` depends on through gradient-requiring operations, inputs
    /// before the results computed from them (depth-first post-order, with an explicit stack).
    private static func topologicalOrder(
        from root: Tensor, stoppingAt stops: Set<ObjectIdentifier>, freedNodesAreConstants: Bool
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
            guard let node = tensor.node, !stops.contains(ObjectIdentifier(tensor)),
                  !(freedNodesAreConstants && node.isReleased) else { continue }
            check(!node.isReleased, """
                backward: the graph through '\(node.operation)' (output shape \(tensor.shape)) was freed by an \
                earlier backward pass; call backward(retainingGraph: true) the first time to run it again
                """)
            for input in node.inputs where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
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
