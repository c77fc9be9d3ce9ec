/// Row-major strides of a contiguous array of the given shape.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var stride = 1
    for axis in shape.indices.reversed() {
        strides[axis] = stride
        stride *= shape[axis]
    }
    return strides
}

/// Strides that read an array of `shape` as if it had the (broadcast) shape `target`:
/// leading missing axes and axes of size 1 get stride 0.
func broadcastStrides(of shape: [Int], to target: [Int]) -> [Int] {
    let own = contiguousStrides(shape)
    let offset = target.count - shape.count
    return target.indices.map { axis in
        axis < offset || shape[axis - offset] == 1 ? 0 : own[axis - offset]
    }
}

/// Visits every index of `shape` in row-major order, handing `body` the linear index and
/// the matching offsets into two strided operands. The innermost axis is a tight loop.
///
/// - Complexity: O(product of `shape`), with no allocation beyond one index counter.
@inline(__always)
func forEachIndex(
    of shape: [Int], strides first: [Int], _ second: [Int],
    _ body: (_ linear: Int, _ firstOffset: Int, _ secondOffset: Int) -> Void
) {
    let rank = shape.count
    guard rank > 0 else { return body(0, 0, 0) }
    guard !shape.contains(0) else { return }
    let inner = shape[rank - 1], innerFirst = first[rank - 1], innerSecond = second[rank - 1]
    var counter = [Int](repeating: 0, count: rank)
    var linear = 0, firstOffset = 0, secondOffset = 0
    while true {
        for step in 0..<inner {
            body(linear + step, firstOffset + step * innerFirst, secondOffset + step * innerSecond)
        }
        linear += inner
        var axis = rank - 2
        while axis >= 0 {
            counter[axis] += 1
            firstOffset += first[axis]
            secondOffset += second[axis]
            if counter[axis] < shape[axis] { break }
            firstOffset -= first[axis] * shape[axis]
            secondOffset -= second[axis] * shape[axis]
            counter[axis] = 0
            axis -= 1
        }
        if axis < 0 { return }
    }
}
