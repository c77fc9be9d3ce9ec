import Autograd

/// A tensor of `shape` holding ((7i + 3·seed) mod 11 − 5) / 4 at flat position i: values exact in
/// both types, the same as the NumPy snippet that produced the expected literals computes
/// (`np.array([((i * 7 + seed * 3) % 11 - 5) / 4 for i in range(n)]).reshape(shape)`).
func productSample(_ shape: [Int], seed: Int, dtype: DType = .float64) -> Tensor {
    let count = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<count).map { Double(($0 * 7 + seed * 3) % 11 - 5) / 4 })
        .converted(to: dtype)
}

/// Whether `actual` has `shape` and values within `tolerance` of `expected`.
func matches(_ actual: Tensor, shape: [Int], _ expected: [Double], tolerance: Double) -> Bool {
    actual.shape == shape && actual.scalars.count == expected.count
        && zip(actual.scalars, expected).allSatisfy { abs($0 - $1) <= tolerance }
}
