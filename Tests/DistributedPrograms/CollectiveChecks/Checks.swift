import Autograd
import AutogradDistributed
import AutogradNN
import Glibc

/// Records the checks of one run on one rank.
struct CheckLog {
    /// The communicator, for the rank in each line.
    let world: Communicator
    /// The names of the checks that failed.
    var failures: [String] = []
    /// How many checks ran.
    var count = 0

    /// Records the check `name`, passed when `passed`; prints `detail` when it failed.
    mutating func expect(_ passed: Bool, _ name: String, _ detail: @autoclosure () -> String = "") {
        count += 1
        if passed {
            say(world, "ok \(name)")
        } else {
            failures.append(name)
            say(world, "FAILED \(name) \(detail())")
        }
    }
}

/// Runs every check; true when every check passed on every rank.
func runChecks(_ world: Communicator) throws -> Bool {
    var log = CheckLog(world: world)
    let size = world.size

    for dtype in DType.allCases {
        let values = (0..<6).map { rankValue(rank: world.rank, index: $0) }
        let sum = Tensor(shape: [2, 3], scalars: values).converted(to: dtype)
        try world.allReduce([sum], .sum)
        let expected = (0..<6).map { expectedSum(size: size, index: $0) }
        log.expect(sum.scalars == expected && sum.dtype == dtype && sum.shape == [2, 3], "sum \(dtype)", "\(sum.scalars)")

        let mean = Tensor(shape: [6], scalars: values).converted(to: dtype)
        try world.allReduce([mean], .mean)
        let expectedMean = expected.map { $0 / Double(size) }
        log.expect(mean.scalars == expectedMean && mean.dtype == dtype, "mean \(dtype)", "\(mean.scalars)")
    }

    // Both types interleaved, an empty tensor, a scalar, and a tensor larger than a bucket:
    // with 16-byte buckets the float32 tensors travel in 3 buckets and the float64 ones in 4.
    world.bucketCapacity = 16
    let shapes: [(shape: [Int], dtype: DType)] = [
        ([3], .float32), ([2], .float64), ([0], .float32), ([], .float64), ([2, 2], .float32),
        ([5], .float64), ([1], .float32), ([1], .float64),
    ]
    func makeTensors() -> [Tensor] {
        shapes.map { shape, dtype in
            let count = shape.reduce(1, *)
            return Tensor(shape: shape, scalars: (0..<count).map { rankValue(rank: world.rank, index: $0) }).converted(to: dtype)
        }
    }
    let expectedPerTensor = shapes.map { shape, _ in (0..<shape.reduce(1, *)).map { expectedSum(size: size, index: $0) } }
    let mixed = makeTensors()
    let reduced = try world.allReduced(mixed, .sum)
    log.expect(zip(reduced, expectedPerTensor).allSatisfy { $0.scalars == $1 }
               && zip(reduced, shapes).allSatisfy { $0.shape == $1.shape && $0.dtype == $1.dtype },
               "allReduced: 8 tensors of both types in 7 buckets of 16 bytes", "\(reduced.map(\.scalars))")
    log.expect(zip(mixed, makeTensors()).allSatisfy { $0.scalars == $1.scalars }, "allReduced leaves its inputs alone")
    try world.allReduce(mixed, .mean)
    log.expect(zip(mixed, expectedPerTensor).allSatisfy { $0.scalars == $1.map { $0 / Double(size) } },
               "allReduce mean in place over 7 buckets", "\(mixed.map(\.scalars))")
    world.bucketCapacity = Communicator.defaultBucketCapacity

    // Gradients, as data-parallel training averages them: the gradient of Σ (rank+1)·x is rank+1.
    let parameter = Tensor.zeros([3], dtype: .float32).requiringGradient()
    (parameter * Double(world.rank + 1)).sum().backward()
    if let gradient = parameter.grad {
        try world.allReduce([gradient], .mean)
        log.expect(gradient.scalars == [Double](repeating: Double(size + 1) / 2, count: 3), "mean of gradients in place",
                   "\(gradient.scalars)")
    } else {
        log.expect(false, "mean of gradients in place", "backward() left no gradient")
    }

    // Broadcast from the last rank (rank 1 of 2): rank r holds 10r + i.
    let root = size - 1
    let broadcastTensors = [
        Tensor(shape: [4], scalars: (0..<4).map { Double(10 * world.rank + $0) }),
        Tensor(shape: [2], scalars: (0..<2).map { Float(10 * world.rank + $0) }),
    ]
    try world.broadcast(broadcastTensors, from: root)
    log.expect(broadcastTensors[0].scalars == (0..<4).map { Double(10 * root + $0) }
               && broadcastTensors[1].scalars == (0..<2).map { Double(10 * root + $0) } && broadcastTensors[1].dtype == .float32,
               "broadcast from rank \(root)", "\(broadcastTensors.map(\.scalars))")

    // Barrier: the last rank arrives 0.3 s late; every rank waits for it.
    if world.rank == size - 1 { usleep(300_000) }
    let start = ContinuousClock.now
    try world.barrier()
    let waited = ContinuousClock.now - start
    log.expect(world.rank == size - 1 || size == 1 || waited >= .milliseconds(250), "barrier waits for the last rank", "waited \(waited)")

    let failures = Tensor(Double(log.failures.count))
    try world.allReduce([failures], .sum)
    if failures.scalar == 0 {
        if world.isMain { say(world, "all \(log.count) checks passed on each of \(size) ranks") }
        return true
    }
    say(world, "\(Int(failures.scalar)) checks failed over all ranks")
    return false
}
