// Base functions of the composition matrix through the shaping operations: each has the value
// sin x (or Σ sin x) by an identity that runs through the operations' rules.
import Autograd

/// Every shaping base function of the composition matrix.
let shapingBaseFunctions: [Composable] = []
