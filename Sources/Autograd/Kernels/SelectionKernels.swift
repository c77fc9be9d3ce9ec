// Kernels that move or select values: strided and offset gathers, scatter-add, maxima and
// arg-maxima. Each dispatches on the element type once (see `Kernels`).

extension Kernels {
    /// A contiguous copy of `x` read through `strides` over `shape`
    /// (broadcasting uses zero strides, permutation uses permuted strides).
    static func gather(_ x: TensorStorage, strides: [Int], shape: [Int]) -> TensorStorage {
        switch x {
        case let .float32(values): .float32(gather(values, strides: strides, shape: shape))
        case let .float64(values): .float64(gather(values, strides: strides, shape: shape))
        }
    }

    private static func gather<T>(_ x: [T], strides: [Int], shape: [Int]) -> [T] {
        let count = shape.reduce(1, *)
        return x.withUnsafeBufferPointer { input in
            buffer(count: count) { output in
                forEachIndex(of: shape, strides: strides, strides) { linear, offset, _ in
                    output[linear] = input[offset]
                }
            }
        }
    }

    /// The values of `x` at `offsets`, in order.
    static func gather(_ x: TensorStorage, offsets: [Int]) -> TensorStorage {
        switch x {
        case let .float32(values): .float32(gather(values, offsets: offsets))
        case let .float64(values): .float64(gather(values, offsets: offsets))
        }
    }

    private static func gather<T>(_ x: [T], offsets: [Int]) -> [T] {
        x.withUnsafeBufferPointer { input in
            buffer(count: offsets.count) { output in
                for (index, offset) in offsets.enumerated() { output[index] = input[offset] }
            }
        }
    }

    /// A buffer of `count` zeros with each value of `x` added at its offset (repeated
    /// offsets accumulate).
    static func scatterAdding(_ x: TensorStorage, offsets: [Int], count: Int) -> TensorStorage {
        switch x {
        case let .float32(values): .float32(scatterAdding(values, offsets: offsets, count: count))
        case let .float64(values): .float64(scatterAdding(values, offsets: offsets, count: count))
        }
    }

    private static func scatterAdding<T: KernelScalar>(_ x: [T], offsets: [Int], count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { output, initialized in
            output.initialize(repeating: 0)
            initialized = count
            for (index, offset) in offsets.enumerated() { output[offset] += x[index] }
        }
    }

    /// Maxima of `x` (of `shape`) over the axes marked in `reduced`, keeping every axis;
    /// a NaN wins, as in NumPy and PyTorch, so a diverged computation is not hidden. An
    /// empty reduced axis gives −∞ (the ops trap before that, except `logSumExpShift`).
    static func max(_ x: TensorStorage, shape: [Int], reducing reduced: [Bool]) -> TensorStorage {
        switch x {
        case let .float32(values): .float32(max(values, shape: shape, reducing: reduced))
        case let .float64(values): .float64(max(values, shape: shape, reducing: reduced))
        }
    }

    private static func max<T: KernelScalar>(_ x: [T], shape: [Int], reducing reduced: [Bool]) -> [T] {
        let outputShape = shape.indices.map { reduced[$0] ? 1 : shape[$0] }
        let outputStrides = Swift.zip(broadcastStrides(of: outputShape, to: shape), reduced)
            .map { stride, isReduced in isReduced ? 0 : stride }
        return x.withUnsafeBufferPointer { input in
            [T](unsafeUninitializedCapacity: outputShape.reduce(1, *)) { output, initialized in
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
    static func logSumExpShift(_ x: TensorStorage, shape: [Int], reducing reduced: [Bool]) -> TensorStorage {
        map(max(x, shape: shape, reducing: reduced), ZeroUnlessFinite())
    }

    /// x where it is finite, else 0.
    private struct ZeroUnlessFinite: UnaryScalarFunction {
        func callAsFunction<T: KernelScalar>(_ x: T) -> T { x.isFinite ? x : 0 }
    }

    /// The index along `axis` of the largest value of `x` (of `shape`) for every position
    /// of the other axes, in row-major order; the first index wins ties, and the first NaN
    /// wins over numbers (as in NumPy).
    static func argmax(_ x: TensorStorage, shape: [Int], axis: Int) -> [Int] {
        switch x {
        case let .float32(values): argmax(values, shape: shape, axis: axis)
        case let .float64(values): argmax(values, shape: shape, axis: axis)
        }
    }

    private static func argmax<T: KernelScalar>(_ x: [T], shape: [Int], axis: Int) -> [Int] {
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
