import Autograd
import CMPI

extension Communicator {
    /// Replaces each tensor's values, on every rank, by their sum or mean over the ranks:
    /// PyTorch's `all_reduce` (DDP's gradient averaging), Horovod's `hvd.allreduce_`,
    /// `MPI_Allreduce`.
    ///
    /// The tensors are packed into buckets (per element type, up to `bucketCapacity` bytes),
    /// one `MPI_Allreduce` per bucket, so a model's gradients travel in a few messages. Each
    /// tensor is overwritten with `assign(_:)`, so its version increases as after any
    /// assignment (graphs recorded before that read it can no longer be differentiated).
    /// Gradients (`grad`) and parameters can be reduced this way; float32 and float64 alike.
    ///
    /// Traps when the lists differ between ranks (count, shapes, element types: the message
    /// names this rank, the tensor's position and both shapes) or a tensor is the result of a
    /// recorded operation (`assign(_:)`'s rule). Throws `DistributedError` when MPI fails.
    public func allReduce(_ tensors: [Tensor], _ operation: ReduceOperation) throws(DistributedError) {
        let reduced = try allReduced(tensors, operation)
        for (tensor, values) in zip(tensors, reduced) { tensor.assign(values) }
    }

    /// New tensors holding the sum or mean over the ranks of each tensor's values, leaving the
    /// tensors as they are: `allReduce(_:_:)` without the assignment (PyTorch's `all_reduce` on
    /// a clone, Horovod's `hvd.allreduce`). The results are leaves without gradient.
    ///
    /// Traps and throws as `allReduce(_:_:)` does.
    public func allReduced(_ tensors: [Tensor], _ operation: ReduceOperation) throws(DistributedError) -> [Tensor] {
        let name = "allReduce(\(operation))"
        return try runCollective(name) { () throws(DistributedError) -> [Tensor] in
            try checkSameTensorsOnEveryRank(tensors, collective: name)
            return try exchangeBuckets(of: tensors, collective: name) { buffer, count, datatype in
                MPI_Allreduce(cmpi_in_place(), buffer, count, datatype, cmpi_op_sum(), handle)
            } divisor: { operation == .mean ? size : 1 }
        }
    }

    /// Replaces each tensor's values, on every rank, by those the rank `root` holds: PyTorch's
    /// `broadcast` (DDP's initial parameters), Horovod's `hvd.broadcast_parameters`,
    /// `MPI_Bcast`. Packed into buckets as `allReduce(_:_:)`; on the other ranks each tensor
    /// is overwritten with `assign(_:)` (its version increases); the root's are left alone.
    ///
    /// Traps when `root` is not a rank of this communicator, when the lists differ between
    /// ranks (as `allReduce(_:_:)`), or a tensor to overwrite is the result of a recorded
    /// operation. Throws `DistributedError` when MPI fails.
    public func broadcast(_ tensors: [Tensor], from root: Int) throws(DistributedError) {
        check((0..<size).contains(root), "broadcast: root rank \(root) is not in 0..<\(size), the communicator's ranks")
        let name = "broadcast(from: \(root))"
        let received = try runCollective(name) { () throws(DistributedError) -> [Tensor] in
            try checkSameTensorsOnEveryRank(tensors, collective: name)
            return try exchangeBuckets(of: tensors, collective: name) { buffer, count, datatype in
                MPI_Bcast(buffer, count, datatype, Int32(root), handle)
            } divisor: { 1 }
        }
        guard rank != root else { return }
        for (tensor, values) in zip(tensors, received) { tensor.assign(values) }
    }

    /// New tensors, one per element of `tensors`, holding what `transfer` left in the buckets
    /// of their values, divided by `divisor()` unless it is 1. `transfer` runs one MPI call
    /// in place on a buffer of `count` values of `datatype` and returns its code.
    private func exchangeBuckets(
        of tensors: [Tensor], collective: String,
        transfer: (UnsafeMutableRawPointer, Int32, MPI_Datatype) -> Int32, divisor: () -> Int
    ) throws(DistributedError) -> [Tensor] {
        let buckets = Bucket.plan(
            dtypes: tensors.map(\.dtype), elementCounts: tensors.map(\.scalarCount), capacity: bucketCapacity)
        var results = [Tensor?](repeating: nil, count: tensors.count)
        for (number, bucket) in buckets.enumerated() {
            let step = "\(collective), bucket \(number + 1) of \(buckets.count) (\(bucket))"
            watchdog.update(step)
            switch bucket.dtype {
            case .float32:
                try exchange(Float.self, bucket, of: tensors, into: &results, step: step, transfer: transfer, divisor: divisor())
            case .float64:
                try exchange(Double.self, bucket, of: tensors, into: &results, step: step, transfer: transfer, divisor: divisor())
            }
        }
        return results.map { $0! }
    }

    /// Packs the values of `bucket`'s tensors into one buffer of `Scalar`, runs `transfer` on
    /// it, divides by `divisor` and stores a new tensor per bucket member in `results`.
    private func exchange<Scalar: MPIScalar>(
        _: Scalar.Type, _ bucket: Bucket, of tensors: [Tensor], into results: inout [Tensor?], step: String,
        transfer: (UnsafeMutableRawPointer, Int32, MPI_Datatype) -> Int32, divisor: Int
    ) throws(DistributedError) {
        check(bucket.elementCount <= Int(Int32.max),
              "\(step): \(bucket.elementCount) values exceed MPI's count limit \(Int32.max); split the tensor")
        var buffer: [Scalar] = []
        buffer.reserveCapacity(bucket.elementCount)
        for index in bucket.tensorIndices { buffer += tensors[index].scalars(as: Scalar.self) }
        if bucket.elementCount > 0 {
            let code = buffer.withUnsafeMutableBytes { transfer($0.baseAddress!, Int32(bucket.elementCount), Scalar.mpiDatatype) }
            try checkMPI(code, step)
        }
        if divisor != 1 {
            let scale = Scalar(divisor)
            for position in buffer.indices { buffer[position] /= scale }
        }
        var offset = 0
        for index in bucket.tensorIndices {
            let count = tensors[index].scalarCount
            results[index] = Scalar.tensor(shape: tensors[index].shape, scalars: Array(buffer[offset ..< offset + count]))
            offset += count
        }
    }
}

/// A tensor element type with its MPI datatype.
protocol MPIScalar: TensorScalar {
    /// The MPI datatype of this type (`MPI_FLOAT`, `MPI_DOUBLE`).
    static var mpiDatatype: MPI_Datatype { get }
    /// A tensor of this element type and `shape` holding `scalars`.
    static func tensor(shape: [Int], scalars: [Self]) -> Tensor
}

extension Float: MPIScalar {
    /// `MPI_FLOAT`.
    static var mpiDatatype: MPI_Datatype { cmpi_float() }
    /// A float32 tensor.
    static func tensor(shape: [Int], scalars: [Float]) -> Tensor { Tensor(shape: shape, scalars: scalars) }
}

extension Double: MPIScalar {
    /// `MPI_DOUBLE`.
    static var mpiDatatype: MPI_Datatype { cmpi_double() }
    /// A float64 tensor.
    static func tensor(shape: [Int], scalars: [Double]) -> Tensor { Tensor(shape: shape, scalars: scalars) }
}
