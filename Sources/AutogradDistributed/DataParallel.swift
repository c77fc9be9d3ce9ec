import Autograd
import AutogradNN

/// Data-parallel training of one model over the ranks of a communicator: PyTorch's
/// `DistributedDataParallel` (DDP), Horovod's `DistributedOptimizer` with
/// `broadcast_parameters`. Every rank holds a full copy of the model; each takes its own rows
/// of every global batch; the gradients are combined before the optimiser step, so every copy
/// takes the same step and the copies stay identical.
///
///     let world = try Communicator.world()
///     let parallel = try DataParallel(model, over: world)    // rank 0's weights everywhere
///     for batch in train.batches(of: 128, shuffledWith: seed) {   // the same batches on every rank
///         let (loss, gradients) = try parallel.valueWithGradient(on: batch) { model, shard in
///             crossEntropy(logits: model(shard.features), labels: shard.labels)
///         }
///         optimizer.update(model, along: gradients)
///         if parallel.isMain { print(loss) }
///     }
///
/// Gradients are weighted by shard size, Σ_r (n_r/N)·g_r, the gradient of the mean loss over
/// the whole global batch of N rows even when the shards differ by a row (DDP and Horovod
/// average with equal weights 1/p, exact only when p divides N). The loss must be a mean over
/// the rows of the batch, and the model must treat rows independently: a `BatchNorm` sees only
/// its shard's statistics (as under DDP without `SyncBatchNorm`).
public final class DataParallel<Model: Layer> {
    /// The model this rank trains; its parameters equal those of every other rank's copy.
    public let model: Model
    /// The ranks that train together.
    public let communicator: Communicator
    /// Whether the buffers (`BatchNorm`'s running statistics) are broadcast from rank 0 before
    /// every forward pass, as DDP's `broadcast_buffers=True` does, so all copies keep rank 0's.
    public let broadcastsBuffers: Bool
    /// The wall-clock time spent in the gradient all-reduce so far (Horovod's timeline
    /// `ALLREDUCE` spans, summed), for a communication cost per step.
    public private(set) var allReduceTime: Duration = .zero
    /// The number of gradient all-reduces so far (optimiser steps, one per global batch).
    public private(set) var allReduceCount = 0

    /// Wraps `model` for data-parallel training over `communicator`: every parameter and buffer
    /// is overwritten with rank 0's values (DDP's constructor, Horovod's
    /// `broadcast_parameters(model.state_dict(), root_rank=0)`), so the copies start equal
    /// whatever seed each rank used. A collective: every rank must call it.
    ///
    /// - Throws: `DistributedError` when the broadcast fails.
    public init(_ model: Model, over communicator: Communicator, broadcastsBuffers: Bool = true) throws {
        self.model = model
        self.communicator = communicator
        self.broadcastsBuffers = broadcastsBuffers
        try communicator.broadcast(model.parameters + model.namedBuffers.map(\.tensor), from: 0)
    }

    /// Whether this is rank 0, the one that prints, plots and writes checkpoints (Horovod's
    /// `hvd.rank() == 0`, PyTorch's `dist.get_rank() == 0`).
    public var isMain: Bool { communicator.rank == 0 }

    /// The rows of a global batch of `count` rows that `rank` of `size` ranks takes: contiguous,
    /// in rank order, the first `count mod size` ranks one row more than the others, so the
    /// ranges tile `0..<count` and their sizes differ by at most one. PyTorch's
    /// `DistributedSampler` deals rows round-robin and pads; here no row repeats or goes missing.
    ///
    ///     shardRange(count: 10, rank: 0, size: 3) == 0..<4   // then 4..<7, 7..<10
    public static func shardRange(count: Int, rank: Int, size: Int) -> Range<Int> {
        check(count >= 0 && size > 0 && (0..<size).contains(rank),
              "DataParallel.shardRange: needs count ≥ 0 and rank in 0..<size, got count \(count), rank \(rank), size \(size)")
        let (base, extra) = count.quotientAndRemainder(dividingBy: size)
        let start = rank * base + min(rank, extra)
        return start ..< start + base + (rank < extra ? 1 : 0)
    }

    /// This rank's contiguous rows of `batch` (see `shardRange(count:rank:size:)`). Every rank
    /// must pass the same global batch, drawn with the same seed
    /// (`batches(of:shuffledWith:)`), so the union of the shards is exactly that batch.
    public func shard(of batch: Dataset) -> Dataset {
        batch.subset(Array(Self.shardRange(count: batch.count, rank: communicator.rank, size: communicator.size)))
    }

    /// The mean loss over the whole global `batch` and its gradient with respect to
    /// `model.parameters`, each rank evaluating `loss` on its shard only: DDP's forward and
    /// `backward()`. `loss` receives the model and this rank's shard and must return the mean
    /// over the shard's rows. The shard gradients are combined as in
    /// `averagedGradients(_:shardCount:batchCount:)`, with the loss in the same all-reduce. A
    /// rank whose shard is empty (a batch smaller than the world) contributes zeros.
    /// A collective: every rank must call it with the same batch.
    ///
    /// - Throws: what `loss` throws; `DistributedError` when a collective fails.
    public func valueWithGradient(
        on batch: Dataset, of loss: (Model, Dataset) throws -> Tensor
    ) throws -> (value: Double, gradient: [Tensor]) {
        if broadcastsBuffers { try synchronizeBuffers() }
        let shard = self.shard(of: batch)
        let (value, gradients): (Tensor, [Tensor])
        if shard.count > 0 {
            (value, gradients) = try AutogradNN.valueWithGradient(at: model) { try loss($0, shard) }
        } else {
            let dtype = model.parameters.first?.dtype ?? .float64
            (value, gradients) = (Tensor(0, dtype: dtype), model.parameters.map { Tensor.zeros($0.shape, dtype: $0.dtype) })
        }
        check(value.scalarCount == 1, "DataParallel.valueWithGradient(on:of:): the loss must be a scalar, got shape \(value.shape)")
        let combined = try combine(gradients + [value.reshaped(to: [1])], shardCount: shard.count, batchCount: batch.count)
        return (combined.last!.scalar, Array(combined.dropLast()))
    }

    /// The gradient of the mean loss over the global batch from this rank's `gradients` of the
    /// mean loss over its shard of `shardCount` rows, out of `batchCount` rows in all:
    /// Σ_r (n_r/N)·g_r, each rank scaling by n_r/N and then one sum all-reduce, bucketed
    /// (DDP's gradient buckets, Horovod's tensor fusion). For `backward()`-style loops pass
    /// `model.accumulatedGradients`. A collective: every rank must call it with the same
    /// `batchCount` and gradients of the same shapes and types.
    ///
    /// - Throws: `DistributedError` when the all-reduce fails.
    public func averagedGradients(_ gradients: [Tensor], shardCount: Int, batchCount: Int) throws -> [Tensor] {
        try combine(gradients, shardCount: shardCount, batchCount: batchCount)
    }

    /// Overwrites every buffer with rank 0's values (DDP's per-forward buffer broadcast); does
    /// nothing for a model without buffers. A collective: every rank must call it.
    ///
    /// - Throws: `DistributedError` when the broadcast fails.
    public func synchronizeBuffers() throws {
        let buffers = model.namedBuffers.map(\.tensor)
        if !buffers.isEmpty { try communicator.broadcast(buffers, from: 0) }
    }

    /// Σ_r (n_r/N)·t_r for each tensor t in one sum all-reduce, with the shard sizes n_r
    /// reduced alongside (in the first tensor's type, exact up to 2²⁴ rows in float32) so that
    /// ranks that disagree on N trap instead of training on a wrongly weighted gradient.
    private func combine(_ tensors: [Tensor], shardCount: Int, batchCount: Int) throws -> [Tensor] {
        check(batchCount > 0 && (0...batchCount).contains(shardCount),
              "DataParallel: a shard of \(shardCount) rows out of a batch of \(batchCount) (rank \(communicator.rank))")
        let weight = Double(shardCount) / Double(batchCount)
        let scaled = withoutGradients { tensors.map { $0.detached() * weight } }
        let count = Tensor(shape: [1], scalars: [Double(shardCount)]).converted(to: tensors.first?.dtype ?? .float64)
        let clock = ContinuousClock()
        let start = clock.now
        try communicator.allReduce(scaled + [count], .sum)
        allReduceTime += clock.now - start
        allReduceCount += 1
        check(count.scalar == Double(batchCount),
              "DataParallel: rank \(communicator.rank) has a global batch of \(batchCount) rows but the ranks' shards add up to \(Int(count.scalar)); every rank must pass the same batch")
        return scaled
    }
}
