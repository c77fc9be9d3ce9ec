// Every differentiable operation of Sources/Autograd/Ops, on float32 inputs: one row per
// operation and variant. Constants in the functions are exact in float32 (0.5, 1.5, 3, ...), so
// the same function on the float64 copies of the inputs is the exact reference of the value
// tests. Inputs stay away from kinks (relu and abs at 0, ties of max) and from the domain
// edges of log, sqrt and fractional powers.
import AutogradTestSupport
import Autograd

/// The table the float32 gradient and value tests run over.
enum Float32OpTable {
    static let arithmetic: [Float32Case] = [
        .init("a + b", [sample32([2, 3], seed: 1), sample32([2, 3], seed: 2)]) { $0[0] + $0[1] },
        .init("a + b broadcast [2, 3] + [3]", [sample32([2, 3], seed: 3), sample32([3], seed: 4)]) { $0[0] + $0[1] },
        .init("a - b broadcast [2, 1] - [1, 3]", [sample32([2, 1], seed: 5), sample32([1, 3], seed: 6)]) { $0[0] - $0[1] },
        .init("a * b", [sample32([2, 3], seed: 7), sample32([2, 3], seed: 8)]) { $0[0] * $0[1] },
        .init("a * b broadcast [3] * [2, 3]", [sample32([3], seed: 9), sample32([2, 3], seed: 10)]) { $0[0] * $0[1] },
        .init("a / b", [sample32([2, 3], seed: 11), sample32([2, 3], seed: 12, positive: true)]) { $0[0] / $0[1] },
        .init("a / b broadcast [2, 3] / [2, 1]", [sample32([2, 3], seed: 13), sample32([2, 1], seed: 14, positive: true)]) {
            $0[0] / $0[1]
        },
        .init("a / scalar tensor", [sample32([2, 3], seed: 15), sample32([], seed: 16, positive: true)]) { $0[0] / $0[1] },
        .init("-x", [sample32([4], seed: 17)]) { -$0[0] },
        .init("x + 0.5", [sample32([4], seed: 18)]) { $0[0] + 0.5 },
        .init("0.5 + x", [sample32([4], seed: 19)]) { 0.5 + $0[0] },
        .init("x - 2", [sample32([4], seed: 20)]) { $0[0] - 2 },
        .init("2 - x", [sample32([4], seed: 21)]) { 2 - $0[0] },
        .init("x * 1.5", [sample32([4], seed: 22)]) { $0[0] * 1.5 },
        .init("1.5 * x", [sample32([4], seed: 23)]) { 1.5 * $0[0] },
        .init("x / 3", [sample32([4], seed: 24)]) { $0[0] / 3 },
        .init("3 / x", [sample32([4], seed: 25, positive: true)]) { 3 / $0[0] },
        .init("square", [sample32([4], seed: 26)]) { square($0[0]) },
    ]

    static let elementwise: [Float32Case] = [
        .init("exp", [sample32([2, 3], seed: 30)]) { exp($0[0]) },
        .init("log", [sample32([2, 3], seed: 31, positive: true)]) { log($0[0]) },
        .init("sqrt", [sample32([2, 3], seed: 32, positive: true)]) { sqrt($0[0]) },
        .init("sin", [sample32([2, 3], seed: 33)]) { sin($0[0]) },
        .init("cos", [sample32([2, 3], seed: 34)]) { cos($0[0]) },
        .init("tanh", [sample32([2, 3], seed: 35)]) { tanh($0[0]) },
        .init("sigmoid", [sample32([2, 3], seed: 36)]) { sigmoid($0[0]) },
        .init("erf", [sample32([2, 3], seed: 37)]) { erf($0[0]) },
        .init("relu (no element at 0)", [sample32([2, 3], seed: 38)]) { relu($0[0]) },
        .init("abs (no element at 0)", [sample32([2, 3], seed: 39)]) { abs($0[0]) },
        .init("pow 2", [sample32([5], seed: 40)]) { pow($0[0], 2) },
        .init("pow 3", [sample32([5], seed: 41)]) { pow($0[0], 3) },
        .init("pow −1", [sample32([5], seed: 42, positive: true)]) { pow($0[0], -1) },
        .init("pow −2", [sample32([5], seed: 43)]) { pow($0[0], -2) },
        .init("pow ½", [sample32([5], seed: 44, positive: true)]) { pow($0[0], 0.5) },
        .init("pow 1.5", [sample32([5], seed: 45, positive: true)]) { pow($0[0], 1.5) },
        .init("pow −2.5", [sample32([5], seed: 46, positive: true)]) { pow($0[0], -2.5) },
        .init("pow 1", [sample32([5], seed: 47)]) { pow($0[0], 1) },
        .init("pow 0 (times x, so the result depends on x)", [sample32([5], seed: 48)]) { pow($0[0], 0) * $0[0] },
    ]

    static let reductions: [Float32Case] = [
        .init("sum()", [sample32([3, 4], seed: 50)]) { $0[0].sum() },
        .init("sum along 0", [sample32([3, 4], seed: 51)]) { $0[0].sum(alongAxes: 0) },
        .init("sum along 1 keeping dims", [sample32([3, 4], seed: 52)]) { $0[0].sum(alongAxes: 1, keepingDims: true) },
        .init("sum along [0, 2] of rank 3", [sample32([2, 3, 4], seed: 53)]) { $0[0].sum(alongAxes: 0, 2) },
        .init("mean()", [sample32([3, 4], seed: 54)]) { $0[0].mean() },
        .init("mean along −1", [sample32([3, 4], seed: 55)]) { $0[0].mean(alongAxes: -1) },
        .init("mean along 0 keeping dims", [sample32([3, 4], seed: 56)]) { $0[0].mean(alongAxes: 0, keepingDims: true) },
        .init("max()", [sample32([3, 4], seed: 57)]) { $0[0].max() },
        .init("max along 0", [sample32([3, 4], seed: 58)]) { $0[0].max(alongAxes: 0) },
        .init("max along 1 keeping dims", [sample32([3, 4], seed: 59)]) { $0[0].max(alongAxes: 1, keepingDims: true) },
        .init("logSumExp along 1", [sample32([3, 4], seed: 60)]) { $0[0].logSumExp(alongAxes: 1) },
        .init("logSumExp along [0, 1] keeping dims", [sample32([3, 4], seed: 61)]) {
            $0[0].logSumExp(alongAxes: 0, 1, keepingDims: true)
        },
        .init("softmax", [sample32([3, 4], seed: 62)]) { softmax($0[0]) },
        .init("softmax along 0", [sample32([3, 4], seed: 63)]) { softmax($0[0], alongAxis: 0) },
        .init("logSoftmax", [sample32([3, 4], seed: 64)]) { logSoftmax($0[0]) },
    ]

    static let structure: [Float32Case] = [
        .init("gathering rows, repeated", [sample32([4, 3], seed: 70)]) { $0[0].gathering(rows: [2, 0, 2]) },
        .init("gathering column in each row", [sample32([3, 4], seed: 71)]) { $0[0].gathering(columnInEachRow: [3, 0, 1]) },
        .init("concatenate along 0", [sample32([2, 3], seed: 72), sample32([1, 3], seed: 73)]) {
            concatenate($0, alongAxis: 0)
        },
        .init("concatenate three along −1", [sample32([2, 1], seed: 74), sample32([2, 3], seed: 75), sample32([2, 2], seed: 76)]) {
            concatenate($0, alongAxis: -1)
        },
        .init("stacked along 0", [sample32([2, 3], seed: 77), sample32([2, 3], seed: 78)]) { stacked($0) },
        .init("stacked along −1", [sample32([2, 3], seed: 79), sample32([2, 3], seed: 80)]) { stacked($0, alongAxis: -1) },
        .init("reshaped", [sample32([2, 6], seed: 81)]) { $0[0].reshaped(to: [3, 4]) },
        .init("reshaped with −1", [sample32([2, 6], seed: 82)]) { $0[0].reshaped(to: [-1, 3]) * $0[0].reshaped(to: [4, 3]) },
        .init("permuted", [sample32([2, 3, 4], seed: 83)]) { $0[0].permuted(2, 0, 1) },
        .init("transposed", [sample32([2, 3], seed: 84)]) { $0[0].transposed() },
        .init("broadcast(to:)", [sample32([3, 1], seed: 85)]) { $0[0].broadcast(to: [2, 3, 4]) },
    ]

    static let linearAlgebra: [Float32Case] = [
        .init("matmul", [sample32([3, 4], seed: 90), sample32([4, 2], seed: 91)]) { matmul($0[0], $0[1]) },
        .init("matmul Aᵀ·B", [sample32([4, 3], seed: 92), sample32([4, 2], seed: 93)]) {
            matmul($0[0], $0[1], transposingA: true)
        },
        .init("matmul A·Bᵀ", [sample32([3, 4], seed: 94), sample32([2, 4], seed: 95)]) {
            matmul($0[0], $0[1], transposingB: true)
        },
        .init("matmul Aᵀ·Bᵀ", [sample32([4, 3], seed: 96), sample32([2, 4], seed: 97)]) {
            matmul($0[0], $0[1], transposingA: true, transposingB: true)
        },
        .init("matrix × vector", [sample32([3, 4], seed: 98), sample32([4], seed: 99)]) { matmul($0[0], $0[1]) },
        .init("vector × matrix", [sample32([3], seed: 100), sample32([3, 4], seed: 101)]) { matmul($0[0], $0[1]) },
        .init("matrix × one column (gemv)", [sample32([3, 4], seed: 102), sample32([4, 1], seed: 103)]) {
            $0[0].matmul($0[1])
        },
        .init("inverse", [(sample([4, 4], seed: 104) + 4 * Tensor.eye(4)).converted(to: .float32)]) { try! $0[0].inverse() },
        .init("Frobenius norm", [sample32([3, 4], seed: 105)]) { $0[0].frobeniusNorm() },
        .init("‖X⁻¹‖_F", [(sample([3, 3], seed: 106) + 3 * Tensor.eye(3)).converted(to: .float32)]) {
            try! $0[0].inverse().frobeniusNorm()
        },
        .init("converted(to: .float64), widening", [sample32([2, 3], seed: 107)], valueDType: .float64) {
            sin($0[0].converted(to: .float64))
        },
    ]

    /// Every row.
    static let all = arithmetic + elementwise + reductions + structure + linearAlgebra
}
