// Kernels of the selection ops: choosing between two buffers by a 0/1 mask, and checking
// that a mask holds nothing else. Each dispatches on the element type once (see `Kernels`).

extension Kernels {
    /// aᵢ where maskᵢ is 1, else bᵢ, for three buffers of one type and length.
    static func select(_ mask: TensorStorage, _ a: TensorStorage, _ b: TensorStorage) -> TensorStorage {
        switch (mask, a, b) {
        case let (.float32(mask), .float32(a), .float32(b)): .float32(select(mask, a, b))
        case let (.float64(mask), .float64(a), .float64(b)): .float64(select(mask, a, b))
        default: checkFailed("kernel: select of \(a.dtype) and \(b.dtype) values by a \(mask.dtype) mask")
        }
    }

    private static func select<T: KernelScalar>(_ mask: [T], _ a: [T], _ b: [T]) -> [T] {
        mask.withUnsafeBufferPointer { mask in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    buffer(count: mask.count) { output in
                        Parallelism.forEachSlice(of: mask.count) { slice in
                            for index in slice { output[index] = mask[index] == 1 ? a[index] : b[index] }
                        }
                    }
                }
            }
        }
    }

    /// The first value of `x` that is neither 0 nor 1 (NaN included), or `nil` when there is none.
    static func firstValueOtherThanZeroOrOne(_ x: TensorStorage) -> Double? {
        switch x {
        case let .float32(values): values.first { $0 != 0 && $0 != 1 }.map(Double.init)
        case let .float64(values): values.first { $0 != 0 && $0 != 1 }
        }
    }
}
