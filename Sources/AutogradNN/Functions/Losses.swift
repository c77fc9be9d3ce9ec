import Autograd

// Losses, each the mean over the batch, as compositions of the engine's primitives.

/// The mean squared error between `predictions` and `targets` of the same shape.
///
///     L = mean((p − t)²)      ∂L/∂p = 2(p − t)/n
///
/// Traps when the shapes differ: broadcasting `[N, 1]` predictions against `[N]` targets
/// would average N² differences instead of N (PyTorch only warns).
public func meanSquaredError(predictions: Tensor, targets: Tensor) -> Tensor {
    check(predictions.shape == targets.shape,
          "meanSquaredError: predictions of shape \(predictions.shape) and targets of shape \(targets.shape) differ")
    return square(predictions - targets).mean()
}

/// The cross-entropy of integer `labels` under the softmax of `logits` (`[batch, classes]`),
/// averaged over the batch; PyTorch's `cross_entropy`. It is computed from `logSoftmax`
/// (log-sum-exp after subtracting the maximum), so huge logits give finite losses and gradients.
///
///     L = −mean over i of logSoftmax(zᵢ)[yᵢ]      ∂L/∂zᵢ = (softmax(zᵢ) − onehot(yᵢ))/n
///
/// Traps when the shapes disagree or a label is not a class index.
public func crossEntropy(logits: Tensor, labels: [Int]) -> Tensor {
    check(logits.rank == 2 && logits.shape[0] == labels.count,
                 "crossEntropy: logits of shape \(logits.shape) need [\(labels.count), classes] for \(labels.count) labels")
    let classCount = logits.shape[1]
    if let label = labels.first(where: { !(0..<classCount).contains($0) }) {
        checkFailed("crossEntropy: label \(label) is not a class index for logits of shape \(logits.shape)")
    }
    return -logSoftmax(logits).gathering(columnInEachRow: labels).mean()
}

/// The binary cross-entropy of 0/1 (or probability) `targets` under the sigmoid of `logits`,
/// averaged; PyTorch's `binary_cross_entropy_with_logits`. Computed as softplus(z) − z·t,
/// finite for huge logits.
///
///     L = mean(log(1 + eᶻ) − z·t)      ∂L/∂z = (sigmoid(z) − t)/n
///
/// Traps when the shapes differ.
public func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
    check(logits.shape == targets.shape,
                 "binaryCrossEntropy: logits of shape \(logits.shape) and targets of shape \(targets.shape) differ")
    return (softplus(logits) - logits * targets).mean()
}
