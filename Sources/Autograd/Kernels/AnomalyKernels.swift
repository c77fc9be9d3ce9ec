// The finiteness checks of anomaly detection (`withAnomalyDetection`): whether a tensor holds
// NaN or ±∞, and how many of its values do. They run only inside an anomaly-detection scope.

extension Kernels {
    /// The non-finite values (NaN, +∞, −∞) of `x`: how many there are and the first of them
    /// (widened to `Double`), or a count of 0 and `nil` when every value is finite.
    ///
    /// - Complexity: O(count of `x`).
    static func nonFiniteValues(of x: TensorStorage) -> (count: Int, first: Double?) {
        switch x {
        case let .float32(values): nonFiniteValues(of: values)
        case let .float64(values): nonFiniteValues(of: values)
        }
    }

    private static func nonFiniteValues<T: KernelScalar>(of x: [T]) -> (count: Int, first: Double?) {
        var count = 0
        var first: Double?
        for value in x where !value.isFinite {
            if first == nil { first = Double(value) }
            count += 1
        }
        return (count, first)
    }
}

extension Tensor {
    /// Whether every value is finite (no NaN, no ±∞).
    var isFinite: Bool { Kernels.nonFiniteValues(of: storage).count == 0 }
}
