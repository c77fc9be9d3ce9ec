/// A training loss that became NaN or infinite. Every later step would be meaningless, so
/// training stops; the description says where and suggests the usual cause.
public struct TrainingDiverged: Error, CustomStringConvertible {
    /// The loss that was not finite.
    public let loss: Double
    /// Where it happened, such as `step 12` or `epoch 3, batch 7`.
    public let place: String

    /// The message an example prints before exiting with a non-zero status.
    public var description: String {
        "the training loss became \(loss) at \(place); training stopped (is the learning rate too large?)"
    }
}

/// Throws `TrainingDiverged` when `loss` is NaN or infinite; `place` says where, such as `step 12`.
public func requireFiniteLoss(_ loss: Double, at place: @autoclosure () -> String) throws(TrainingDiverged) {
    guard loss.isFinite else { throw TrainingDiverged(loss: loss, place: place()) }
}
