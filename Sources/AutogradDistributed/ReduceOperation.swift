/// How `Communicator.allReduce(_:_:)` combines each value across the ranks: PyTorch's
/// `torch.distributed.ReduceOp` (`SUM`, `AVG`), Horovod's `hvd.Sum` / `hvd.Average`, MPI's
/// `MPI_SUM` (followed, for the mean, by a division by the number of ranks).
public enum ReduceOperation: Sendable, CaseIterable, CustomStringConvertible {
    /// The sum over the ranks: x = Σ_r x_r.
    case sum
    /// The mean over the ranks: x = (Σ_r x_r) / size, the sum divided by the number of ranks
    /// in the tensor's element type.
    case mean

    /// `"sum"` or `"mean"`.
    public var description: String {
        switch self {
        case .sum: "sum"
        case .mean: "mean"
        }
    }
}
