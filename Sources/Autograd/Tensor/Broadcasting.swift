/// The shape two shapes broadcast to under NumPy's rules, or `nil` when they do not:
/// align at the trailing axis; sizes must match or one of them must be 1.
func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
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

/// The broadcast shape of two operands, trapping with the operation's name and both
/// shapes when they do not broadcast.
func broadcastShape(_ a: [Int], _ b: [Int], operation: String) -> [Int] {
    if a == b { return a }
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
