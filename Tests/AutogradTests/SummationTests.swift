import Testing
import Autograd

/// One reduction to check: a shape and the axes summed over.
struct SumPattern: Sendable, CustomTestStringConvertible {
    let shape: [Int]
    let axes: [Int]
    var testDescription: String { "\(shape) along \(axes)" }
}

/// Sums along every pattern the kernel distinguishes (contiguous rows, columns under a
/// contiguous inner axis, axes apart from each other, empty and size-1 axes) are exact on
/// whole numbers and pairwise-accurate on values that drift when added one by one.
@Suite("Summation")
struct SummationTests {
    // Axes longer than the kernel's blocks, so its halving is exercised.
    static let patterns: [SumPattern] = [
        .init(shape: [1000], axes: [0]),
        .init(shape: [7, 300], axes: [1]),
        .init(shape: [300, 7], axes: [0]),
        .init(shape: [300, 1], axes: [0]),
        .init(shape: [5, 300, 3], axes: [1]),
        .init(shape: [40, 3, 50], axes: [0, 2]),
        .init(shape: [3, 40, 50], axes: [1, 2]),
        .init(shape: [40, 50, 3], axes: [0, 1]),
        .init(shape: [2, 30, 3, 40, 2], axes: [1, 3]),
        .init(shape: [4, 1, 5], axes: [1]),
        .init(shape: [4, 5], axes: []),
        .init(shape: [], axes: []),
        .init(shape: [0, 3], axes: [0]),
        .init(shape: [3, 0], axes: [1]),
        .init(shape: [3, 0, 2], axes: [0]),
    ]

    @Test("whole numbers sum exactly, matching a reference in integer arithmetic", arguments: patterns)
    func exactOnIntegers(_ pattern: SumPattern) {
        let count = pattern.shape.reduce(1, *)
        // Distinct whole numbers (every partial sum is far below 2⁵³, so any order is exact):
        // a value summed into the wrong output shows.
        let values = (0..<count).map { ($0 * 7919) % 1009 - 504 }
        let keptAxes = pattern.shape.indices.filter { !pattern.axes.contains($0) }
        var expected = [Int](repeating: 0, count: keptAxes.reduce(1) { $0 * pattern.shape[$1] })
        for linear in 0..<count {
            var remainder = linear, index = [Int](repeating: 0, count: pattern.shape.count)
            for axis in pattern.shape.indices.reversed() {
                index[axis] = remainder % pattern.shape[axis]
                remainder /= pattern.shape[axis]
            }
            let output = keptAxes.reduce(0) { $0 * pattern.shape[$1] + index[$1] }
            expected[output] += values[linear]
        }
        let x = Tensor(shape: pattern.shape, scalars: values.map(Double.init))
        let sum = x.sum(alongAxes: pattern.axes)
        #expect(sum.shape == keptAxes.map { pattern.shape[$0] })
        #expect(sum.scalars == expected.map(Double.init))
    }

    /// A tensor of `shape` whose values along `axes` are all equal: `values` (one per
    /// position of the other axes, cycled) broadcast along the summed axes.
    static func constantFibers(_ shape: [Int], summing axes: [Int], _ values: [Double]) -> Tensor {
        let keptShape = shape.indices.map { axes.contains($0) ? 1 : shape[$0] }
        let count = keptShape.reduce(1, *)
        return Tensor(shape: keptShape, scalars: (0..<count).map { values[$0 % values.count] }).broadcast(to: shape)
    }

    // Each output sums 2²⁰ copies of one value v (0.1, 0.7, ...). The exact sum v·2²⁰ is a
    // double (a power-of-two multiple), so the reference needs no arithmetic that can round.
    // Adding the copies one by one drifts: Python's `for` loop over 2²⁰ copies of 0.1 gives
    // 104857.60000161563, a relative error of 1.5e-11 (CPython 3.11). Pairwise summation's
    // error bound is (leaf chain + log₂ n)·u·Σ|x| (Higham, "Accuracy and Stability of Numerical
    // Algorithms", §4.2): with chains of at most 16 and n = 2²⁰, about 36·1.1e-16 = 4e-15.
    static let accuracyPatterns: [SumPattern] = [
        .init(shape: [1 << 20], axes: [0]),
        .init(shape: [2, 1 << 20], axes: [1]),
        .init(shape: [1 << 20, 2], axes: [0]),
        .init(shape: [1 << 10, 2, 1 << 10], axes: [0, 2]),
    ]

    @Test("2²⁰ copies of a value sum to within pairwise summation's bound", arguments: accuracyPatterns)
    func pairwiseAccuracy(_ pattern: SumPattern) {
        let copies = pattern.axes.reduce(1) { $0 * pattern.shape[$1] }
        let fiberValues = [0.1, 0.7]
        let x = Self.constantFibers(pattern.shape, summing: pattern.axes, fiberValues)
        let sums = x.sum(alongAxes: pattern.axes).scalars
        for (position, sum) in sums.enumerated() {
            let exact = fiberValues[position % fiberValues.count] * Double(copies)
            #expect(abs(sum - exact) <= 1e-14 * exact, "output \(position): \(sum) vs exact \(exact)")
        }
    }

    @Test("sum() and mean() of every element are pairwise-accurate")
    func wholeTensor() {
        let x = Tensor(shape: [1 << 10, 1 << 10], scalars: [Double](repeating: 0.1, count: 1 << 20))
        #expect(abs(x.sum().scalar - 0.1 * 1_048_576) <= 1e-14 * 0.1 * 1_048_576)
        #expect(abs(x.mean().scalar - 0.1) <= 1e-14 * 0.1)
    }
}
