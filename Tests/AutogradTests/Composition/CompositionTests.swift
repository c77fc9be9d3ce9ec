import AutogradTestSupport
import Testing
import Autograd

/// Every transform nested in every other, two and three deep, over sin and a custom rule
/// with a residual, each result against its closed form (see ClosedForm.swift). A result that
/// lost its derivative somewhere in the tower shows up as zeros where the closed form is not.
@Suite("Composition matrix")
struct CompositionTests {
    /// Every tower of `depth` transforms over the base functions that the transforms accept.
    static func towers(depth: Int, outermost: Transform) -> [Composable] {
        var level = baseFunctions
        for _ in 1..<depth { level = level.flatMap { inner in allTransforms.compactMap { $0.apply(inner) } } }
        return level.compactMap(outermost.apply)
    }

    /// Evaluates `tower` at the point in `dtype` and compares it with its closed form at that
    /// point (rounded to float32 for float32) to `tolerance`, relative above magnitude 1.
    static func expectClosedForm(_ tower: Composable, dtype: DType = .float64, tolerance: Double = 1e-12) {
        let x = Tensor(point).converted(to: dtype)
        let result = tower.function(x)
        #expect(result.dtype == dtype, "\(tower.name): \(result.dtype)")
        #expect(result.shape == tower.form.shape(n: inputSize), "\(tower.name): shape \(result.shape)")
        let expected = tower.form.values(at: x.scalars)
        let worst = zip(result.scalars, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(result.scalars.count == expected.count && worst <= tolerance,
                "\(tower.name): \(result.scalars) against the closed form \(expected)")
    }

    @Test("each transform over each base function", arguments: allTransforms)
    func oneDeep(outermost: Transform) {
        for tower in Self.towers(depth: 1, outermost: outermost) { Self.expectClosedForm(tower) }
    }

    @Test("each transform nested in each other one", arguments: allTransforms)
    func twoDeep(outermost: Transform) {
        let towers = Self.towers(depth: 2, outermost: outermost)
        #expect(towers.count >= 20)
        for tower in towers { Self.expectClosedForm(tower) }
    }

    @Test("three deep", arguments: allTransforms)
    func threeDeep(outermost: Transform) {
        let towers = Self.towers(depth: 3, outermost: outermost)
        #expect(towers.count >= 200)
        for tower in towers { Self.expectClosedForm(tower) }
    }
}
