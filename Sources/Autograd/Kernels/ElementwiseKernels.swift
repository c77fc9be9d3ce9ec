/// Numeric loops over contiguous row-major buffers. Nothing here knows about graphs.
///
/// Each kernel on `TensorStorage` switches on the element type once and runs a loop written
/// once, generic over `KernelScalar` and specialised for `Float` and `Double` in this module.
enum Kernels {
    /// A new buffer of `count` values written by `initialize`.
    @inline(__always)
    static func buffer<T>(count: Int, _ initialize: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        MemoryTuning.prepare()
        return [T](unsafeUninitializedCapacity: count) { output, initialized in
            initialize(output)
            initialized = count
        }
    }
}

/// A function of one element, written once for both element types. Each elementwise primitive
/// defines one beside its rules (its formula), and `Kernels.map` runs it in a specialised loop.
protocol UnaryScalarFunction {
    /// The function's value at `x`.
    func callAsFunction<T: KernelScalar>(_ x: T) -> T
}

/// A function of two elements, written once for both element types (see `UnaryScalarFunction`).
protocol BinaryScalarFunction {
    /// The function's value at `(a, b)`.
    func callAsFunction<T: KernelScalar>(_ a: T, _ b: T) -> T
}

extension Kernels {
    /// `f` applied to every value.
    static func map(_ x: TensorStorage, _ f: some UnaryScalarFunction) -> TensorStorage {
        switch x {
        case let .float32(values): .float32(map(values, f))
        case let .float64(values): .float64(map(values, f))
        }
    }

    @inline(__always)
    private static func map<T: KernelScalar>(_ x: [T], _ f: some UnaryScalarFunction) -> [T] {
        x.withUnsafeBufferPointer { input in
            buffer(count: input.count) { output in
                Parallelism.forEachSlice(of: input.count) { slice in
                    for index in slice { output[index] = f(input[index]) }
                }
            }
        }
    }

    /// `f` applied pairwise after broadcasting both operands to `shape` (NumPy rules). Both
    /// operands have one element type: the op layer promotes mixed operands first.
    static func zip(
        _ a: TensorStorage, shape aShape: [Int], _ b: TensorStorage, shape bShape: [Int],
        to shape: [Int], _ f: some BinaryScalarFunction
    ) -> TensorStorage {
        switch (a, b) {
        case let (.float32(a), .float32(b)): .float32(zip(a, shape: aShape, b, shape: bShape, to: shape, f))
        case let (.float64(a), .float64(b)): .float64(zip(a, shape: aShape, b, shape: bShape, to: shape, f))
        default: checkFailed("kernel: operands of shapes \(aShape) and \(bShape) have types \(a.dtype) and \(b.dtype)")
        }
    }

    @inline(__always)
    private static func zip<T: KernelScalar>(
        _ a: [T], shape aShape: [Int], _ b: [T], shape bShape: [Int], to shape: [Int], _ f: some BinaryScalarFunction
    ) -> [T] {
        let count = shape.reduce(1, *)
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                buffer(count: count) { output in
                    if a.count == count && b.count == count {
                        Parallelism.forEachSlice(of: count) { slice in
                            for index in slice { output[index] = f(a[index], b[index]) }
                        }
                    } else if b.count == 1 && a.count == count {
                        let scalar = b[0]
                        Parallelism.forEachSlice(of: count) { slice in
                            for index in slice { output[index] = f(a[index], scalar) }
                        }
                    } else if a.count == 1 && b.count == count {
                        let scalar = a[0]
                        Parallelism.forEachSlice(of: count) { slice in
                            for index in slice { output[index] = f(scalar, b[index]) }
                        }
                    } else if a.count == count, let block = trailingBlockSize(bShape, of: shape) {
                        // b repeats along leading axes (a bias row added to a batch).
                        for start in stride(from: 0, to: count, by: block) {
                            for offset in 0..<block { output[start + offset] = f(a[start + offset], b[offset]) }
                        }
                    } else if b.count == count, let block = trailingBlockSize(aShape, of: shape) {
                        for start in stride(from: 0, to: count, by: block) {
                            for offset in 0..<block { output[start + offset] = f(a[offset], b[start + offset]) }
                        }
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
}

/// The element count of `operand` when it broadcasts to `shape` by repetition along leading axes
/// only (its shape, leading 1s aside, is a suffix of `shape`), else `nil`.
private func trailingBlockSize(_ operand: [Int], of shape: [Int]) -> Int? {
    let trimmed = operand.drop { $0 == 1 }
    guard !trimmed.isEmpty, trimmed.count <= shape.count, shape.suffix(trimmed.count).elementsEqual(trimmed) else { return nil }
    return trimmed.reduce(1, *)
}

extension Kernels {
    /// x ← x + factor·y for two buffers of one type and length, in place (copied first only
    /// when `x`'s buffer is shared).
    static func addScaled(_ y: TensorStorage, factor: Double, to x: inout TensorStorage) {
        switch (x, y) {
        case (.float32(var values), let .float32(addend)):
            x = .float32([])  // so `values` holds the only reference and is updated in place
            addScaled(addend, factor: Float(factor), to: &values)
            x = .float32(values)
        case (.float64(var values), let .float64(addend)):
            x = .float64([])
            addScaled(addend, factor: factor, to: &values)
            x = .float64(values)
        default: checkFailed("kernel: in-place addition of \(y.dtype) values to \(x.dtype) values")
        }
    }

    private static func addScaled<T: KernelScalar>(_ y: [T], factor: T, to x: inout [T]) {
        y.withUnsafeBufferPointer { y in
            x.withUnsafeMutableBufferPointer { x in
                Parallelism.forEachSlice(of: x.count) { slice in
                    for index in slice { x[index] += y[index] * factor }
                }
            }
        }
    }
}
