// Base functions of the composition matrix through the reduction operations: each has the value
// sin x (or Σ sin x) by an identity that runs through the operations' rules.
import Autograd

/// The closed form of sin x elementwise, or of its sum.
private func sine(rank: Int) -> ClosedForm { ClosedForm(rank: rank, order: 0, multiplier: [1, 1, 1]) }

/// A constant matrix in x's type.
private func constant(_ rows: [[Double]], like x: Tensor) -> Tensor { Tensor(rows).converted(to: x.dtype) }

/// Every reduction base function of the composition matrix.
let reductionBaseFunctions: [Composable] = [
    // sin(point) has distinct values, so the sort's permutation is constant near the point.
    Composable(name: "sorted(sin) gathered back by argsort(argsort(sin))", function: { x in
        let s = sin(x)
        let ranks = s.argsort().argsort().scalars.map { Int($0) }
        return s.sorted().gathering(rows: ranks)
    }, form: sine(rank: 1)),
    Composable(name: "cumulativeSum(sin) minus itself moved one place", function: { x in
        let c = sin(x).cumulativeSum(alongAxis: 0)
        return c - concatenate([Tensor.zeros([1], dtype: x.dtype), c.gathering(rows: [0, 1])])
    }, form: sine(rank: 1)),
    Composable(name: "log of the last cumulativeProduct(e^sin)", function: { x in
        log(exp(sin(x)).cumulativeProduct(alongAxis: -1).gathering(rows: [2])).sum()
    }, form: sine(rank: 0)),
    // Rows [a, −a] have variance 2a² (correction 1), so standard deviation √2·|a|, with a = 2 + sin > 0.
    Composable(name: "standardDeviation(rows ±(2 + sin)) / √2 − 2", function: { x in
        let rows = (2 + sin(x)).reshaped(to: [3, 1]) * constant([[1, -1]], like: x)
        return rows.standardDeviation(alongAxes: 1) / 2.0.squareRoot() - 2
    }, form: sine(rank: 1)),
    Composable(name: "min over rows [sin + 1, sin, sin + 2]", function: { x in
        (sin(x).reshaped(to: [3, 1]) + constant([[1, 0, 2]], like: x)).min(alongAxes: 1)
    }, form: sine(rank: 1)),
]
