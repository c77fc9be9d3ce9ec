/// The shape two shapes broadcast to under NumPy's rules, or `nil` when they do not:
/// align at the trailing axis; sizes must match or one of them must be 1.
/// When the result is one of the operands' shapes (a scalar with anything, equal shapes, a
/// bias row against a batch), that array itself is returned, so no new array is made.
func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    if broadcastsOnto(b, a) { return a }
    if broadcastsOnto(a, b) { return b }
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for axis in 0..<rank {
        let x = axis < rank - a.count ? 1 : a[axis - (rank - a.count)]
        let y = axis < rank - b.count ? 1 : b[axis - (rank - b.count)]
        guard x == y || x == 1 || y == 1 else { return nil }
        result[axis] = x == 1 ? y : x
    }
    return result
}

/// Whether `shape` broadcasts to `target` unchanged: trailing axes that match or are 1.
private func broadcastsOnto(_ shape: [Int], _ target: [Int]) -> Bool {
    guard shape.count <= target.count else { return false }
    let offset = target.count - shape.count
    for axis in shape.indices where shape[axis] != 1 && shape[axis] != target[axis + offset] { return false }
    return true
}

/// The broadcast shape of two operands, trapping with the operation's name and both
/// shapes when they do not broadcast.
func broadcastShape(_ a: [Int], _ b: [Int], operation: String) -> [Int] {
    guard let shape = broadcastShape(a, b) else {
        checkFailed("\(operation): shapes \(a) and \(b) do not broadcast")
    }
    return shape
}

/// Axis `axis` of a rank-`rank` tensor, counting negative values from the end.
func normalizedAxis(_ axis: Int, rank: Int, operation: String) -> Int {
    let normalized = axis < 0 ? axis + rank : axis
    check((0..<rank).contains(normalized), "\(operation): axis \(axis) is out of range for rank \(rank)")
    return normalized
}
