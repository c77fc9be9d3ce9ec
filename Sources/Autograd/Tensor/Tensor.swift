import Synchronization

/// The source of `Tensor.creationIndex`: one counter for the process, safe across threads.
private let tensorsCreated = Atomic<UInt64>(0)

/// An n-dimensional array of `Double` (`.float64`, the default) or `Float` (`.float32`) that
/// records the operations applied to it, so that derivatives can be taken in reverse mode
/// (pullbacks) and forward mode (differentials).
///
/// Storage is contiguous and row-major. Operations return new tensors; only a leaf's values
/// can be overwritten, with `assign(_:)`. (Reshaping shares storage until then, copy on
/// write: a reshaped view keeps the values it was made from.)
///
/// ## Threads and tasks
///
/// A tensor is `Sendable`: share it between threads and tasks freely. Its shape and its graph
/// are fixed at creation; everything that can change afterwards (the values, `grad`,
/// `requiresGrad`, hooks) is guarded by a lock per tensor, so every method may be called from
/// any thread at any time:
/// - Reading a tensor, and computing with it, from many threads at once.
/// - `backward()` on separate graphs that share leaves, at once: each leaf's `grad` receives
///   every pass's contribution (summed in whichever order the passes finish).
/// - `assign(_:)`, `add(_:scaledBy:)` and `convert(to:)` racing with readers: a reader sees
///   all the old values or all the new ones, never a mixture.
/// - `zeroGrad()`, setting `requiresGrad`, `registerHook(_:)` and `retainGradient()`.
///
/// What the lock cannot make meaningful is left to the program: an update racing with a
/// forward pass makes the pass read the old or the new values, unspecified which (and its
/// graph then traps in `backward()`, as after any update). Two `backward()` passes through
/// the same recorded result (not only the same leaves) at once need
/// `backward(retainingGraph: true)`, as a second pass through one graph always does: one
/// that frees the graph races with the other.
///
/// The `AutogradNN` classes that hold state of their own (layers, `Dropout`'s generator,
/// `BatchNorm`'s running statistics, an optimiser's moments) are not `Sendable`, so the
/// compiler refuses to send them to another task or capture them in a `@Sendable` closure:
/// train a model on one task, or give each task its own.
public final class Tensor: @unchecked Sendable {
    /// Everything about a tensor that can change after its creation, besides its values;
    /// guarded by `state`.
    struct MutableState {
        /// How many times the values were overwritten; graphs check it before use.
        var version = 0
        /// Whether this tensor is a leaf whose gradient is wanted.
        var isGradientLeaf = false
        /// The gradient accumulated by `backward()`, or `nil` before the first pass.
        var grad: Tensor?
        /// The hooks and the retained-gradient flag, which few tensors have: `nil` until the
        /// first `registerHook(_:)` or `retainGradient()`, so creating and freeing a tensor
        /// costs nothing for them.
        var hookRegistry: HookRegistry?
    }

    /// The size along each axis; empty for a scalar.
    public let shape: [Int]
    /// The version, gradient, flags and hooks, behind a lock that also guards a leaf's `values`.
    let state: Mutex<MutableState>
    /// Whether a hook was ever registered on this tensor or its gradient retained, so that a
    /// backward pass takes the lock only for such tensors.
    let hasGradientHandling = Atomic<Bool>(false)
    /// The element type of `values` (`DType.code`), changed with them under the lock, so that
    /// `dtype` is read without taking it.
    private let elementTypeCode: Atomic<UInt8>
    /// Every value, in row-major order, in the element type. Only a leaf's can change, and
    /// only under `state`'s lock: a leaf's readers take the lock too, a recorded result's
    /// (whose values are fixed before any other thread can see it) need not. Read `storage`.
    /// The lock, not the runtime's exclusivity check, keeps accesses apart.
    @exclusivity(unchecked) private var values: TensorStorage

    /// When this tensor was created, in the order of the whole process: an operation's inputs
    /// are always older than its result, so a tensor can depend only on older tensors.
    let creationIndex: UInt64

    /// The operation that produced this tensor, when it was recorded for reverse mode. Set only
    /// while the tensor is being created, before any other thread can see it.
    var node: Node?

    /// Every value, in row-major order, in the element type: a recorded result's read without
    /// the lock, a leaf's under it.
    var storage: TensorStorage {
        @inline(__always) get { node != nil ? values : withState { _ in values } }
    }
    /// The result of `body` run on the mutable state under the lock, which guards a leaf's
    /// `values` too (and which ThreadSanitizer is told about: it does not see `Mutex` itself).
    @inline(__always)
    func withState<Result: Sendable>(_ body: (inout MutableState) -> Result) -> Result {
        state.withLock { state in
            let address = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
            ThreadSanitizer.acquire(address)
            defer { ThreadSanitizer.release(address) }
            return body(&state)
        }
    }

    /// How many times `assign(_:)` has overwritten the values (always 0 for a recorded result);
    /// graphs check it before use.
    var version: Int { node != nil ? 0 : withState { $0.version } }
    /// Whether this tensor is a leaf whose gradient is wanted.
    var isGradientLeaf: Bool {
        get { node == nil && withState { $0.isGradientLeaf } }
        set { withState { $0.isGradientLeaf = newValue } }
    }

    /// The gradient accumulated by `backward()`, or `nil` before the first pass.
    public internal(set) var grad: Tensor? {
        get { withState { $0.grad } }
        set { withState { $0.grad = newValue } }
    }

    /// A tensor of the given shape holding `storage` in row-major order.
    init(shape: [Int], storage: TensorStorage) {
        let count = elementCount(ofShape: shape, operation: "Tensor(shape:scalars:)")
        check(count == storage.count, "Tensor(shape:scalars:): shape \(shape) needs \(count) scalars, got \(storage.count)")
        self.shape = shape
        self.elementTypeCode = Atomic(storage.dtype.code)
        self.values = storage
        self.state = Mutex(MutableState())
        self.creationIndex = tensorsCreated.add(1, ordering: .relaxed).newValue
    }

    /// A float64 tensor of the given shape holding `scalars` in row-major order.
    ///
    /// Traps when the count of `scalars` is not the product of `shape`.
    public convenience init(shape: [Int], scalars: [Double]) {
        self.init(shape: shape, storage: .float64(scalars))
    }

    /// A float32 tensor of the given shape holding `scalars` in row-major order. (An array
    /// literal makes a float64 tensor; pass a `[Float]` for float32.)
    ///
    /// Traps when the count of `scalars` is not the product of `shape`.
    @_disfavoredOverload
    public convenience init(shape: [Int], scalars: [Float]) {
        self.init(shape: shape, storage: .float32(scalars))
    }

    /// The element type: `.float64` or `.float32`.
    public var dtype: DType { DType(code: elementTypeCode.load(ordering: .acquiring)) }

    /// Every value, in row-major order, as `Double`: the values themselves for a float64
    /// tensor, and widened exactly for a float32 one (a new array each time). Use
    /// `scalars(as: Float.self)` to read float32 values without widening.
    public var scalars: [Double] { storage.doubles }

    /// Every value, in row-major order, as `Scalar` (`Float` or `Double`): the values
    /// themselves when `Scalar` is the element type, else each converted (rounded to nearest
    /// when narrowing float64 to `Float`).
    public func scalars<Scalar: TensorScalar>(as type: Scalar.Type) -> [Scalar] {
        storage.values(as: type)
    }

    /// The number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix.
    public var rank: Int { shape.count }

    /// The number of values, the product of `shape`.
    public var scalarCount: Int { shape.reduce(1, *) }

    /// The only value of a tensor holding exactly one element, as a `Double` (exact for both types).
    public var scalar: Double {
        check(scalarCount == 1, "scalar: the tensor has shape \(shape) and \(scalarCount) elements, not one")
        return switch storage {
        case let .float32(scalars): Double(scalars[0])
        case let .float64(scalars): scalars[0]
        }
    }

    /// Whether gradients flow to or through this tensor: a leaf marked with
    /// `requiringGradient()`, or the result of a recorded operation on one.
    ///
    /// Functional transforms (`gradient`, `jvp`, `gradient(withRespectTo:)`, ...) track what
    /// they differentiate with respect to themselves, without marking tensors, so inside one an
    /// input may be differentiated although this is `false`: do not use it to decide whether a
    /// derivative is needed.
    ///
    /// Setting it is allowed on leaves only; use `detached()` to cut a result from its graph.
    public var requiresGrad: Bool {
        get { node != nil || isGradientLeaf }
        set {
            check(node == nil, "requiresGrad: only a leaf's flag can be set; this tensor of shape \(shape) is the result of '\(node!.operation)' (use detached())")
            isGradientLeaf = newValue
        }
    }

    /// This tensor, marked as a leaf whose gradient `backward()` fills in.
    @discardableResult
    public func requiringGradient() -> Tensor {
        requiresGrad = true
        return self
    }

    /// A tensor with the same values that is cut off from every graph and tangent.
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: storage)
    }

    /// Overwrites this leaf's values with those of `newValue` (an optimizer step, a loaded
    /// checkpoint). Graphs recorded before the assignment that read this tensor can no
    /// longer be differentiated: a backward pass through them traps, as PyTorch does.
    ///
    /// Traps when this tensor is the result of a recorded operation, or the shapes or element
    /// types differ (convert first: `assign(value.converted(to: dtype))`).
    public func assign(_ newValue: Tensor) {
        check(node == nil, "assign: only a leaf can be overwritten; this tensor of shape \(shape) is the result of '\(node!.operation)'")
        check(newValue.shape == shape, "assign: shape \(newValue.shape) does not match the tensor's shape \(shape)")
        let newValues = newValue.storage
        withState {
            check(newValues.dtype == values.dtype, "assign: a \(newValues.dtype) value of shape \(shape) cannot overwrite a \(values.dtype) tensor; convert it with converted(to: .\(values.dtype))")
            values = newValues
            $0.version += 1
        }
    }

    /// Adds `factor`·`other` to this leaf's values in place, PyTorch's `add_(other, alpha:)`:
    /// an optimizer step without temporaries. Each value becomes x + (factor·y), rounded as
    /// `x + other * factor` would be. As with `assign(_:)`, graphs recorded before that read
    /// this tensor can no longer be differentiated.
    ///
    /// Traps when this tensor is the result of a recorded operation, or the shapes or element
    /// types differ.
    public func add(_ other: Tensor, scaledBy factor: Double = 1) {
        check(node == nil, "add(_:scaledBy:): only a leaf can be updated in place; this tensor of shape \(shape) is the result of '\(node!.operation)'")
        // `other` is read first: it may be this tensor (x.add(x)), whose storage is then shared and copied.
        // The update runs under the lock, so a reader sees the values before or after it, whole.
        let addend = other.storage
        withState {
            check(other.shape == shape && addend.dtype == values.dtype,
                  "add(_:scaledBy:): a \(addend.dtype) tensor of shape \(other.shape) cannot be added in place to a \(values.dtype) tensor of shape \(shape)")
            // Moved out and back, so the buffer stays uniquely referenced (updated without a copy)
            // and `values` is never held in an inout access, which would make every read of it
            // pay a dynamic exclusivity check. Readers wait for the lock, so none sees it empty.
            var updated = values
            values = .float64([])
            Kernels.addScaled(addend, factor: factor, to: &updated)
            values = updated
            $0.version += 1
        }
    }

    /// Converts this leaf's values to `dtype` in place (PyTorch's `param.data = param.data.to(dtype)`),
    /// forgetting its gradient; a model's parameters change type this way. As with `assign(_:)`,
    /// graphs recorded before that read this tensor can no longer be differentiated.
    ///
    /// Traps when this tensor is the result of a recorded operation (use `converted(to:)`).
    public func convert(to dtype: DType) {
        check(node == nil, "convert(to:): only a leaf can change type in place; this tensor of shape \(shape) is the result of '\(node!.operation)' (use converted(to:))")
        withState {
            guard dtype != values.dtype else { return }
            values = values.converted(to: dtype)
            elementTypeCode.store(dtype.code, ordering: .releasing)
            $0.grad = nil
            $0.version += 1
        }
    }

    /// Forgets the accumulated gradient, so the next `backward()` starts from zero.
    public func zeroGrad() {
        grad = nil
    }
}

extension DType {
    /// This type as one byte, for `Tensor`'s atomic copy of its element type.
    fileprivate var code: UInt8 {
        switch self {
        case .float32: 0
        case .float64: 1
        }
    }

    /// The type whose `code` is `code`.
    fileprivate init(code: UInt8) {
        self = code == 0 ? .float32 : .float64
    }
}
