import Synchronization

/// The source of `Tensor.creationIndex`: one counter for the process, safe across threads.
private let tensorsCreated = Atomic<UInt64>(0)

/// An n-dimensional array of `Double` that records the operations applied to it, so that
/// derivatives can be taken in reverse mode (pullbacks) and forward mode (differentials).
///
/// Storage is contiguous and row-major. Operations return new tensors; only a leaf's values
/// can be overwritten, with `assign(_:)`. (Reshaping shares storage until then, copy on
/// write: a reshaped view keeps the values it was made from.)
public final class Tensor {
    /// The size along each axis; empty for a scalar.
    public let shape: [Int]
    /// Every value, in row-major order.
    public private(set) var scalars: [Double]
    /// How many times `assign(_:)` has overwritten the values; graphs check it before use.
    private(set) var version = 0

    /// When this tensor was created, in the order of the whole process: an operation's inputs
    /// are always older than its result, so a tensor can depend only on older tensors.
    let creationIndex: UInt64

    /// The operation that produced this tensor, when it was recorded for reverse mode.
    var node: Node?
    /// Whether this tensor is a leaf whose gradient is wanted.
    var isGradientLeaf = false

    /// The gradient accumulated by `backward()`, or `nil` before the first pass.
    public internal(set) var grad: Tensor?

    /// A tensor of the given shape holding `scalars` in row-major order.
    ///
    /// Traps when the count of `scalars` is not the product of `shape`.
    public init(shape: [Int], scalars: [Double]) {
        check(shape.allSatisfy { $0 >= 0 }, "Tensor(shape:scalars:): negative size in shape \(shape)")
        check(
            shape.reduce(1, *) == scalars.count,
            "Tensor(shape:scalars:): shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
        self.creationIndex = tensorsCreated.add(1, ordering: .relaxed).newValue
    }

    /// The number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix.
    public var rank: Int { shape.count }

    /// The number of values, the product of `shape`.
    public var scalarCount: Int { scalars.count }

    /// The only value of a tensor holding exactly one element.
    public var scalar: Double {
        check(scalars.count == 1, "scalar: the tensor has shape \(shape) and \(scalars.count) elements, not one")
        return scalars[0]
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
        get { isGradientLeaf || node != nil }
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
        Tensor(shape: shape, scalars: scalars)
    }

    /// Overwrites this leaf's values with those of `newValue` (an optimizer step, a loaded
    /// checkpoint). Graphs recorded before the assignment that read this tensor can no
    /// longer be differentiated: a backward pass through them traps, as PyTorch does.
    ///
    /// Traps when this tensor is the result of a recorded operation, or the shapes differ.
    public func assign(_ newValue: Tensor) {
        check(node == nil, "assign: only a leaf can be overwritten; this tensor of shape \(shape) is the result of '\(node!.operation)'")
        check(newValue.shape == shape, "assign: shape \(newValue.shape) does not match the tensor's shape \(shape)")
        scalars = newValue.scalars
        version += 1
    }

    /// Forgets the accumulated gradient, so the next `backward()` starts from zero.
    public func zeroGrad() {
        grad = nil
    }
}
