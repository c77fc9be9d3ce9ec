// Base functions of the composition matrix through the indexing operations: each has the value
// sin x (or Σ sin x) by an identity that runs through the operations' rules.
import Autograd

/// Every indexing base function of the composition matrix.
let indexingBaseFunctions: [Composable] = []
