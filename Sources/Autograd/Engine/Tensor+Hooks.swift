/// A function registered on a tensor that sees its cotangent during a backward pass and may
/// replace it (`Tensor.registerHook(_:)`).
struct TensorHook: Sendable {
    /// Tells this hook apart from the tensor's others, for `TensorHookHandle.remove()`.
    let identifier: Int
    /// Where the hook was registered (`file:line`), for messages.
    let location: String
    /// The hook: the cotangent in, a replacement or `nil` (keep it) out.
    let body: @Sendable (_ cotangent: Tensor) -> Tensor?
}

/// A tensor's hooks and whether it retains its gradient, allocated at the first
/// `Tensor.registerHook(_:)` or `retainGradient()`; read and changed only under the tensor's lock.
final class HookRegistry {
    /// Whether `backward()` fills the `grad` of this recorded result (`retainGradient()`).
    var retainsGradient = false
    /// The hooks that see and may replace the tensor's cotangent, in registration order.
    var hooks: [TensorHook] = []
    /// The identifier the next registered hook gets.
    var nextHookIdentifier = 0
}

/// What `Tensor.registerHook(_:)` returns: removes the hook again (PyTorch's `RemovableHandle`).
/// It does not keep the tensor alive.
public struct TensorHookHandle: Sendable {
    weak var tensor: Tensor?
    let identifier: Int

    /// Unregisters the hook, so later backward passes no longer call it. Removing it twice, or
    /// after the tensor is gone, does nothing.
    public func remove() {
        tensor?.withState { $0.hookRegistry?.hooks.removeAll { $0.identifier == identifier } }
    }
}

extension Tensor {
    /// Registers `hook` to run whenever a backward pass has this tensor's total cotangent (its
    /// gradient, for a scalar loss), PyTorch's `register_hook`: the hook sees the cotangent and
    /// returns a replacement of the same shape, or `nil` to keep it. The replacement is what
    /// the pass uses from then on: it is added to a leaf's `grad` (or a retained gradient), sent
    /// back through the operation that produced this tensor, and returned by a functional
    /// transform that differentiates with respect to this tensor.
    ///
    /// Hooks run in `backward()` and in the functional transforms (`gradient`, `vjp`, ...),
    /// on leaves and on recorded results, in the order they were registered, each seeing the
    /// previous one's result; they run on the thread of the pass. With
    /// `backward(creatingGraph: true)` the cotangent is recorded, so what a hook computes from
    /// it can be differentiated again.
    ///
    /// A replacement of another element type is converted to this tensor's type. Traps, during
    /// the pass, when a replacement's shape differs from this tensor's.
    ///
    ///     let handle = hidden.registerHook { gradient in gradient.clamped(to: -1...1) }
    ///     loss.backward()
    ///     handle.remove()
    @discardableResult
    public func registerHook(
        fileID: StaticString = #fileID, line: UInt = #line,
        _ hook: @escaping @Sendable (_ cotangent: Tensor) -> Tensor?
    ) -> TensorHookHandle {
        let identifier = withHookRegistry { registry in
            let identifier = registry.nextHookIdentifier
            registry.nextHookIdentifier += 1
            registry.hooks.append(TensorHook(identifier: identifier, location: "\(fileID):\(line)", body: hook))
            return identifier
        }
        return TensorHookHandle(tensor: self, identifier: identifier)
    }

    /// Makes `backward()` fill this tensor's `grad` although it is the result of a recorded
    /// operation, not a leaf (PyTorch's `retain_grad()`): its cotangent, after its hooks, added
    /// to `grad` at each pass. Does nothing on a leaf, whose gradient is kept when it requires one.
    public func retainGradient() {
        guard node != nil else { return }
        withHookRegistry { $0.retainsGradient = true }
    }

    /// Runs `body` on this tensor's hook registry under its lock, allocating the registry first
    /// if needed, and marks the tensor as one whose gradient handling the passes must read.
    private func withHookRegistry<Result: Sendable>(_ body: (HookRegistry) -> Result) -> Result {
        withState {
            let registry = $0.hookRegistry ?? HookRegistry()
            $0.hookRegistry = registry
            hasGradientHandling.store(true, ordering: .releasing)
            return body(registry)
        }
    }

    /// Whether `backward()` fills this tensor's `grad` (a leaf that requires gradients or a
    /// result that retains its gradient) and the hooks registered on it, read together.
    var gradientHandling: (keepsGradient: Bool, hooks: [TensorHook]) {
        if node != nil && !hasGradientHandling.load(ordering: .acquiring) { return (false, []) }
        return withState { ($0.isGradientLeaf || $0.hookRegistry?.retainsGradient == true, $0.hookRegistry?.hooks ?? []) }
    }

    /// The hooks registered on this tensor, in registration order.
    var hooks: [TensorHook] {
        hasGradientHandling.load(ordering: .acquiring) ? withState { $0.hookRegistry?.hooks ?? [] } : []
    }

    /// `cotangent` after each of `hooks` in turn, in this tensor's element type.
    ///
    /// Traps when a hook returns a tensor of another shape.
    func applyingHooks(_ hooks: [TensorHook], to cotangent: Tensor) -> Tensor {
        hooks.reduce(cotangent) { cotangent, hook in
            guard let replacement = hook.body(cotangent) else { return cotangent }
            check(replacement.shape == shape, """
                registerHook: the hook registered at \(hook.location) on a tensor of shape \(shape) returned a \
                cotangent of shape \(replacement.shape); it must return one of shape \(shape), or nil to keep it
                """)
            return replacement.converted(to: dtype)
        }
    }

    /// Adds `cotangent` to `grad`, as one step that concurrent passes cannot interleave. A first
    /// gradient is a tensor of its own (an alias sharing the values, copy on write): identity
    /// rules pass one cotangent to several inputs (a + b), and an in-place update of one
    /// tensor's grad must not change another's, or the seed.
    func accumulateGradient(_ cotangent: Tensor) {
        // The sum is computed outside the lock (it may be recorded, and nothing that runs
        // operations may hold it), and stored only if no other pass changed `grad` meanwhile.
        var current = grad
        while true {
            let sum = current.map { $0 + cotangent } ?? cotangent.aliased()
            let (isStored, latest) = withState { state -> (Bool, Tensor?) in
                guard state.grad === current else { return (false, state.grad) }
                state.grad = sum
                return (true, sum)
            }
            if isStored { return }
            current = latest
        }
    }
}
