// Pairwise summation, as NumPy's `pairwise_sum`: the values are split in halves until a
// block is short, each block is added directly, and the partial sums are added in a tree.
// Adding n values one after another has a rounding error bound growing like n·ε; the tree's
// grows like log₂(n)·ε (Higham, "Accuracy and Stability of Numerical Algorithms", §4.2),
// and its short independent chains run faster than one long dependent chain.

extension Kernels {
    /// Rows at most this long are added directly, with eight interleaved accumulators.
    private static let rowBlock = 128
    /// Column blocks of at most this many rows are added directly, one row after another.
    private static let columnBlock = 16

    /// Sums of `x` (of `shape`) over the axes marked in `reduced`, pairwise; the result keeps
    /// every axis, with size 1 on reduced ones.
    ///
    /// Neighbouring axes that are both reduced (or both kept) are merged and axes of size 1
    /// dropped; then each run of reduced axes is summed in one pass, innermost first. A pass
    /// sums contiguous rows when nothing is kept inside the run, and otherwise whole rows of
    /// the kept inner axes at once (a loop the compiler vectorises). Nested pairwise passes
    /// keep the error bound logarithmic in the number of values summed.
    ///
    /// - Complexity: O(count of `x`) time; O(inner size · log n) scratch per pass.
    static func sum(_ x: TensorStorage, shape: [Int], reducing reduced: [Bool]) -> TensorStorage {
        switch x {
        case let .float32(values): .float32(sum(values, shape: shape, reducing: reduced))
        case let .float64(values): .float64(sum(values, shape: shape, reducing: reduced))
        }
    }

    private static func sum<T: KernelScalar>(_ x: [T], shape: [Int], reducing reduced: [Bool]) -> [T] {
        var runs: [(size: Int, isReduced: Bool)] = []
        for (size, isReduced) in Swift.zip(shape, reduced) where size != 1 {
            if let last = runs.last, last.isReduced == isReduced {
                runs[runs.count - 1].size = last.size * size
            } else {
                runs.append((size, isReduced))
            }
        }
        var values = x
        while let run = runs.lastIndex(where: \.isReduced) {
            values = sumAlongAxis(
                values, outer: runs[..<run].reduce(1) { $0 * $1.size }, count: runs[run].size,
                inner: runs[(run + 1)...].reduce(1) { $0 * $1.size })
            runs.remove(at: run)
        }
        return values
    }

    /// Sums of `x`, read as shape [outer, count, inner], over its middle axis: shape [outer, inner].
    private static func sumAlongAxis<T: KernelScalar>(_ x: [T], outer: Int, count: Int, inner: Int) -> [T] {
        buffer(count: outer * inner) { output in
            guard !output.isEmpty else { return }
            guard count > 0 else { return output.initialize(repeating: 0) }
            x.withUnsafeBufferPointer { input in
                let input = input.baseAddress!, output = output.baseAddress!
                if inner == 1 {
                    for row in 0..<outer { output[row] = pairwiseSum(input + row * count, count: count) }
                    return
                }
                var levels = 0, rows = count
                while rows > columnBlock {
                    rows = (rows + 1) / 2
                    levels += 1
                }
                withUnsafeTemporaryAllocation(of: T.self, capacity: levels * inner) { scratch in
                    for block in 0..<outer {
                        pairwiseColumnSums(
                            input + block * count * inner, rows: count, columns: inner,
                            into: output + block * inner, scratch: scratch.baseAddress)
                    }
                }
            }
        }
    }

    /// The sum of `count` contiguous values, pairwise (NumPy's `pairwise_sum`).
    private static func pairwiseSum<T: KernelScalar>(_ x: UnsafePointer<T>, count: Int) -> T {
        if count < 8 {
            var sum: T = 0
            for index in 0..<count { sum += x[index] }
            return sum
        }
        if count <= rowBlock {
            var r0 = x[0], r1 = x[1], r2 = x[2], r3 = x[3], r4 = x[4], r5 = x[5], r6 = x[6], r7 = x[7]
            let whole = count - count % 8
            for index in stride(from: 8, to: whole, by: 8) {
                r0 += x[index]; r1 += x[index + 1]; r2 += x[index + 2]; r3 += x[index + 3]
                r4 += x[index + 4]; r5 += x[index + 5]; r6 += x[index + 6]; r7 += x[index + 7]
            }
            var sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            for index in whole..<count { sum += x[index] }
            return sum
        }
        let half = count / 2 - count / 2 % 8
        return pairwiseSum(x, count: half) + pairwiseSum(x + half, count: count - half)
    }

    /// The column sums of a `rows` × `columns` row-major block, pairwise over the rows,
    /// written to `output`; `scratch` holds one row per halving level below this one.
    private static func pairwiseColumnSums<T: KernelScalar>(
        _ x: UnsafePointer<T>, rows: Int, columns: Int,
        into output: UnsafeMutablePointer<T>, scratch: UnsafeMutablePointer<T>?
    ) {
        if rows <= columnBlock {
            output.initialize(from: x, count: columns)
            for row in 1..<rows {
                let values = x + row * columns
                for column in 0..<columns { output[column] += values[column] }
            }
            return
        }
        let half = rows / 2, scratch = scratch!
        pairwiseColumnSums(x, rows: half, columns: columns, into: output, scratch: scratch + columns)
        pairwiseColumnSums(
            x + half * columns, rows: rows - half, columns: columns, into: scratch, scratch: scratch + columns)
        for column in 0..<columns { output[column] += scratch[column] }
    }
}
