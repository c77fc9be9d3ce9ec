import Foundation

// Every size a caller gives (a creation's shape, a reshape's or broadcast's target, tile counts,
// padding, a class count) is checked here, once, before anything is allocated: a negative size
// would otherwise die inside the standard library ("Can't construct Array with count < 0"), a
// product that overflows with no message at all, and an absurd allocation in the allocator.

/// The most bytes a tensor may need: this machine's physical memory
/// (`sysconf(_SC_PHYS_PAGES) × sysconf(_SC_PAGESIZE)`, read once), or `Int.max` when the system
/// does not say. A tensor larger than physical memory could never be computed with (swap would
/// thrash, overcommit would end in the OOM killer), so asking for one is a programmer error.
/// Smaller limits (a container's memory limit) are not checked: such an allocation fails as it
/// would without this check.
let largestTensorByteCount: Int = {
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return Int.max }
    let (bytes, overflow) = pages.multipliedReportingOverflow(by: pageSize)
    return overflow ? Int.max : bytes
}()

/// The number of elements of a tensor of `shape`, trapping with `operation` and the shape when a
/// size is negative, when the sizes other than zero multiply to more than `Int.max` (so no
/// product of some of the sizes, which kernels form, can overflow; an empty tensor of shape
/// `[0, Int.max, 2]` is refused for the same reason), or, when `dtype` is given (the tensor is
/// about to be allocated), when its values would need more bytes than `largestTensorByteCount`.
/// Temporaries a creation function makes on the way are not counted.
@inline(__always)
func elementCount(ofShape shape: [Int], operation: String, allocating dtype: DType? = nil) -> Int {
    if dtype == nil, let count = productOfPositiveSizes(shape) { return count }
    return validatedElementCount(ofShape: shape, operation: operation, allocating: dtype)
}

/// The product of `shape`'s sizes when each is positive and the product fits in `Int`, else
/// `nil`: `elementCount(ofShape:operation:allocating:)`'s common case (every operation's result
/// is counted), answered without a call.
@inline(__always)
private func productOfPositiveSizes(_ shape: [Int]) -> Int? {
    var product = 1
    for size in shape {
        let (next, overflow) = product.multipliedReportingOverflow(by: size)
        if size <= 0 || overflow { return nil }
        product = next
    }
    return product
}

/// `elementCount(ofShape:operation:allocating:)` for every shape: the sizes checked one by one,
/// with a message naming `operation` and the shape.
private func validatedElementCount(ofShape shape: [Int], operation: String, allocating dtype: DType?) -> Int {
    var product = 1, isEmpty = false
    for size in shape {
        check(size >= 0, "\(operation): negative size in shape \(shape)")
        if size == 0 {
            isEmpty = true
        } else {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            check(!overflow, "\(operation): the sizes of shape \(shape) multiply to more than Int.max (\(Int.max)) elements")
            product = next
        }
    }
    let count = isEmpty ? 0 : product
    if let dtype {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
        check(!overflow && bytes <= largestTensorByteCount, """
            \(operation): a \(dtype) tensor of shape \(shape) has \(count) elements of \(dtype.byteCount) bytes, more than \
            this machine's \(largestTensorByteCount) bytes of physical memory
            """)
    }
    return count
}
