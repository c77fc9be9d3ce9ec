/// Numeric loops over contiguous row-major buffers. Nothing here knows about graphs.
enum Kernels {
    /// A new buffer of `count` values written by `initialize`.
    @inline(__always)
    static func buffer(count: Int, _ initialize: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        MemoryTuning.prepare()
        return [Double](unsafeUninitializedCapacity: count) { output, initialized in
            initialize(output)
            initialized = count
        }
    }

    /// `f` applied to every value.
    @inline(__always)
    static func map(_ x: [Double], _ f: (Double) -> Double) -> [Double] {
        x.withUnsafeBufferPointer { input in
            buffer(count: input.count) { output in
                for index in input.indices { output[index] = f(input[index]) }
            }
        }
    }

    /// `f` applied pairwise after broadcasting both operands to `shape` (NumPy rules).
    @inline(__always)
    static func zip(
        _ a: [Double], shape aShape: [Int], _ b: [Double], shape bShape: [Int],
        to shape: [Int], _ f: (Double, Double) -> Double
    ) -> [Double] {
        let count = shape.reduce(1, *)
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                buffer(count: count) { output in
                    if a.count == count && b.count == count {
                        for index in 0..<count { output[index] = f(a[index], b[index]) }
                    } else if b.count == 1 && a.count == count {
                        let scalar = b[0]
                        for index in 0..<count { output[index] = f(a[index], scalar) }
                    } else if a.count == 1 && b.count == count {
                        let scalar = a[0]
                        for index in 0..<count { output[index] = f(scalar, b[index]) }
                    } else {
                        forEachIndex(
                            of: shape, strides: broadcastStrides(of: aShape, to: shape),
                            broadcastStrides(of: bShape, to: shape)
                        ) { linear, aOffset, bOffset in
                            output[linear] = f(a[aOffset], b[bOffset])
                        }
                    }
                }
            }
        }
    }

    /// A contiguous copy of `x` read through `strides` over `shape`
    /// (broadcasting uses zero strides, permutation uses permuted strides).
    static func gather(_ x: [Double], strides: [Int], shape: [Int]) -> [Double] {
        let count = shape.reduce(1, *)
        return x.withUnsafeBufferPointer { input in
            buffer(count: count) { output in
                forEachIndex(of: shape, strides: strides, strides) { linear, offset, _ in
                    output[linear] = input[offset]
                }
            }
        }
    }

    /// Maxima of `x` (of `shape`) over the axes marked in `reduced`, keeping every axis;
    /// a NaN wins, as in NumPy and PyTorch, so a diverged computation is not hidden. An
    /// empty reduced axis gives −∞ (the ops trap before that, except `logSumExpShift`).
    static func max(_ x: [Double], shape: [Int], reducing reduced: [Bool]) -> [Double] {
        let outputShape = shape.indices.map { reduced[$0] ? 1 : shape[$0] }
        let outputStrides = Swift.zip(broadcastStrides(of: outputShape, to: shape), reduced)
            .map { stride, isReduced in isReduced ? 0 : stride }
        return x.withUnsafeBufferPointer { input in
            [Double](unsafeUninitializedCapacity: outputShape.reduce(1, *)) { output, initialized in
                output.initialize(repeating: -.infinity)
                initialized = output.count
                forEachIndex(of: shape, strides: outputStrides, outputStrides) { linear, offset, _ in
                    let value = input[linear]
                    if value > output[offset] || value.isNaN { output[offset] = value }
                }
            }
        }
    }

    /// The shift that makes a log-sum-exp safe: `max`, with non-finite maxima replaced by 0
    /// (so rows of −∞ give −∞, rows holding +∞ give +∞, not NaN, and empty rows give −∞).
    static func logSumExpShift(_ x: [Double], shape: [Int], reducing reduced: [Bool]) -> [Double] {
        max(x, shape: shape, reducing: reduced).map { $0.isFinite ? $0 : 0 }
    }

    /// The values of `x` at `offsets`, in order.
    static func gather(_ x: [Double], offsets: [Int]) -> [Double] {
        x.withUnsafeBufferPointer { input in
            buffer(count: offsets.count) { output in
                for (index, offset) in offsets.enumerated() { output[index] = input[offset] }
            }
        }
    }

    /// A buffer of `count` zeros with each value of `x` added at its offset (repeated
    /// offsets accumulate).
    static func scatterAdding(_ x: [Double], offsets: [Int], count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { output, initialized in
            output.initialize(repeating: 0)
            initialized = count
            for (index, offset) in offsets.enumerated() { output[offset] += x[index] }
        }
    }

    /// The index along `axis` of the largest value of `x` (of `shape`) for every position
    /// of the other axes, in row-major order; the first index wins ties, and the first NaN
    /// wins over numbers (as in NumPy).
    static func argmax(_ x: [Double], shape: [Int], axis: Int) -> [Int] {
        let outerCount = shape[..<axis].reduce(1, *), axisSize = shape[axis]
        let innerSize = shape[(axis + 1)...].reduce(1, *)
        var indices = [Int](repeating: 0, count: outerCount * innerSize)
        x.withUnsafeBufferPointer { x in
            for outer in 0..<outerCount {
                for inner in 0..<innerSize {
                    let base = outer * axisSize * innerSize + inner
                    var best = 0, bestValue = x[base]
                    for index in 1..<axisSize {
                        let value = x[base + index * innerSize]
                        if value > bestValue || value.isNaN && !bestValue.isNaN {
                            best = index
                            bestValue = value
                        }
                    }
                    indices[outer * innerSize + inner] = best
                }
            }
        }
        return indices
    }
}
