import AutogradTestSupport
import Testing
import Autograd

/// The composition matrix over the linear-algebra operations: every transform, and every
/// transform nested in every other, over functions whose value is sin x by an identity that
/// runs through each operation's rules (LinearAlgebraBases.swift).
@Suite("Composition matrix through linear algebra")
struct LinearAlgebraCompositionTests {
    /// Every tower of `depth` transforms over `base`, outermost last.
    static func towers(over base: Composable, depth: Int) -> [Composable] {
        var level = [base]
        for _ in 0..<depth { level = level.flatMap { inner in allTransforms.compactMap { $0.apply(inner) } } }
        return level
    }

    @Test("each transform, and each transform nested in each other one", arguments: linearAlgebraBaseFunctions.map(\.name))
    func oneAndTwoDeep(baseName: String) {
        let base = linearAlgebraBaseFunctions.first { $0.name == baseName }!
        CompositionTests.expectClosedForm(base, tolerance: 1e-11)
        let towers = Self.towers(over: base, depth: 1) + Self.towers(over: base, depth: 2)
        #expect(towers.count >= 100)
        for tower in towers { CompositionTests.expectClosedForm(tower, tolerance: 1e-11) }
    }

    @Test("three deep under one outermost transform per base, rotating through the transforms",
          arguments: linearAlgebraBaseFunctions.indices)
    func threeDeep(baseIndex: Int) {
        let base = linearAlgebraBaseFunctions[baseIndex]
        let outermost = allTransforms[baseIndex % allTransforms.count]
        let towers = Self.towers(over: base, depth: 2).compactMap(outermost.apply)
        #expect(towers.count >= 100)
        for tower in towers { CompositionTests.expectClosedForm(tower, tolerance: 1e-11) }
    }
}
