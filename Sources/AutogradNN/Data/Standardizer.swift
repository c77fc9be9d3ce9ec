import Autograd

/// Rescales each feature to zero mean and unit variance with statistics fitted on training
/// data only, like scikit-learn's `StandardScaler`:
///
///     z = (x − mean) / standardDeviation     (per column; population deviation)
///
/// A column whose deviation is zero (a constant feature) is divided by 1, not 0. The
/// statistics have the fitted features' type, so float32 data stays float32.
public struct Standardizer {
    /// The mean of each column of the fitted data, `[featureCount]`.
    public let mean: Tensor
    /// What each column is divided by, `[featureCount]`: the column's population standard
    /// deviation, or 1 for a constant column.
    public let scale: Tensor

    /// Fits the per-column mean and standard deviation of `features`, `[count, featureCount]`.
    ///
    /// A column counts as constant when its computed deviation is within the rounding error
    /// of its mean (`count · ε · |mean|`, ε the machine epsilon of the features' type), so a
    /// column of identical values is never inflated.
    public init(fitting features: Tensor) {
        check(
            features.rank == 2 && features.shape[0] > 0,
            "Standardizer(fitting:): needs a [count, featureCount] matrix with at least one row, got shape \(features.shape)")
        let data = features.detached()
        let mean = data.mean(alongAxes: 0)
        let deviation = sqrt(square(data - mean).mean(alongAxes: 0))
        let epsilon = features.dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let tolerance = Double(features.shape[0]) * epsilon
        self.mean = mean
        scale = Tensor(zip(deviation.scalars, mean.scalars).map { deviation, mean in
            deviation > tolerance * Swift.abs(mean) ? deviation : 1
        }).converted(to: features.dtype)
    }

    /// The number of features the standardizer was fitted on.
    public var featureCount: Int { mean.shape[0] }

    /// `(features − mean) / scale` for a batch `[count, featureCount]`, with the fitted statistics.
    public func callAsFunction(_ features: Tensor) -> Tensor {
        check(
            features.rank == 2 && features.shape[1] == featureCount,
            "Standardizer: fitted on \(featureCount) features, got shape \(features.shape)")
        return (features - mean) / scale
    }
}
