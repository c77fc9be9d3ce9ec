// Kernels of slicing: reading a strided region of a buffer, and writing values into one.
// A region that is one contiguous run (a range along the first axis, a row) is copied in a
// single pass; any other region is walked with `forEachIndex`.

/// A strided region of a row-major buffer: the element at index (i₀, i₁, …) of `shape` sits at
/// offset `start + Σₖ iₖ·strides[k]`. A stride may be negative (a reversed axis) or zero (a
/// new axis of size 1).
struct StridedRegion: Equatable {
    /// The offset of the region's first element.
    var start: Int
    /// The step in the buffer along each axis of the region.
    var strides: [Int]
    /// The region's shape.
    var shape: [Int]

    /// The number of elements in the region.
    var count: Int { shape.reduce(1, *) }

    /// Whether the region is the run `start..<start + count` in row-major order: every axis of
    /// more than one element steps as a contiguous array of `shape` would.
    var isContiguous: Bool {
        zip(shape, zip(strides, contiguousStrides(shape))).allSatisfy { size, strides in size <= 1 || strides.0 == strides.1 }
    }
}

extension Kernels {
    /// The values of `region` of `x`, contiguous and row-major.
    ///
    /// - Complexity: O(region.count); one block copy when the region is contiguous.
    static func read(_ x: TensorStorage, region: StridedRegion) -> TensorStorage {
        switch x {
        case let .float32(values): .float32(read(values, region: region))
        case let .float64(values): .float64(read(values, region: region))
        }
    }

    private static func read<T>(_ x: [T], region: StridedRegion) -> [T] {
        let count = region.count
        guard count > 0 else { return [] }
        if region.isContiguous { return Array(x[region.start..<region.start + count]) }
        return x.withUnsafeBufferPointer { input in
            buffer(count: count) { output in
                let base = input.baseAddress! + region.start
                forEachIndex(of: region.shape, strides: region.strides, region.strides) { linear, offset, _ in
                    output[linear] = base[offset]
                }
            }
        }
    }

    /// A copy of `x` with `region` overwritten by `values` (contiguous, of the region's shape,
    /// of `x`'s type). A region never visits an offset twice, so the order of writes is moot.
    ///
    /// - Complexity: O(x.count) for the copy, plus O(region.count).
    static func writing(_ values: TensorStorage, into x: TensorStorage, region: StridedRegion) -> TensorStorage {
        switch x {
        case let .float32(target): .float32(writing(Float.values(of: values), into: target, region: region))
        case let .float64(target): .float64(writing(Double.values(of: values), into: target, region: region))
        }
    }

    private static func writing<T: KernelScalar>(_ values: [T], into x: [T], region: StridedRegion) -> [T] {
        var result = x
        guard region.count > 0 else { return result }
        if region.isContiguous {
            result.replaceSubrange(region.start..<region.start + region.count, with: values)
            return result
        }
        result.withUnsafeMutableBufferPointer { output in
            values.withUnsafeBufferPointer { input in
                let base = output.baseAddress! + region.start
                forEachIndex(of: region.shape, strides: region.strides, region.strides) { linear, offset, _ in
                    base[offset] = input[linear]
                }
            }
        }
        return result
    }
}
