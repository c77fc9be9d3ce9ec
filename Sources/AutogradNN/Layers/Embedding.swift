import Autograd

/// A lookup table of `count` learned vectors of `dimension`, PyTorch's `nn.Embedding`: an
/// index tensor of any shape gives the rows it names, shape `indices.shape + [dimension]`.
/// The gradient of a row accumulates over every place it is looked up.
///
///     y[i…] = W[indices[i…]]
public final class Embedding: Layer {
    /// The table, `[count, dimension]`, drawn from N(0, 1) as PyTorch initialises it.
    public let weight: Tensor
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A table of `count` vectors of `dimension`, drawn from N(0, 1) with `seed`, in `dtype`.
    public init(count: Int, dimension: Int, seed: UInt64, dtype: DType = .float64) {
        check(count > 0 && dimension > 0, "Embedding: count and dimension must be positive, got count \(count), dimension \(dimension)")
        weight = Tensor.randomNormal([count, dimension], seed: seed, dtype: dtype).requiringGradient()
    }

    /// The number of vectors in the table.
    public var count: Int { weight.shape[0] }
    /// The size of each vector.
    public var dimension: Int { weight.shape[1] }

    /// The vectors at `indices` (a tensor of whole numbers in 0..<count, of any type and shape).
    ///
    /// Traps when an index is not a whole number or is out of range.
    public func callAsFunction(_ indices: Tensor) -> Tensor {
        let rows = indices.scalars.map { value in
            check(value.rounded() == value && (0..<Double(count)).contains(value),
                  "Embedding: index \(value) is not a whole number in 0..<\(count) (indices of shape \(indices.shape))")
            return Int(value)
        }
        return weight.gathering(rows: rows).reshaped(to: indices.shape + [dimension])
    }

    /// `weight`.
    public var namedParameters: [(name: String, tensor: Tensor)] { [("weight", weight)] }
}
