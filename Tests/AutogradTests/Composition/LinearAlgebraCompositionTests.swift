import AutogradTestSupport
import Testing
import Autograd

/// The composition matrix over the linear-algebra operations and implicit differentiation:
/// every transform, and every transform nested in every other, over functions whose value is
/// sin x by an identity that runs through each operation's rules (LinearAlgebraBases.swift,
/// DecompositionBases.swift, ImplicitBases.swift).
@Suite("Composition matrix through linear algebra")
struct LinearAlgebraCompositionTests {
    /// Every base, with the order through which its derivatives are exact (implicit ones are
    /// nested only up to theirs: beyond it they trap, as ImplicitTrapTests shows).
    static let bases: [OrderLimitedBase] = (linearAlgebraBaseFunctions + decompositionBaseFunctions)
        .map { OrderLimitedBase(base: $0, exactOrder: .max) } + implicitBaseFunctions

    /// Every tower of `depth` transforms over `base` whose derivative order it gives exactly.
    static func towers(over base: OrderLimitedBase, depth: Int) -> [Composable] {
        var level = [base.base]
        for _ in 0..<depth { level = level.flatMap { inner in allTransforms.compactMap { $0.apply(inner) } } }
        return level.filter { $0.form.order <= base.exactOrder }
    }

    @Test("each transform, and each transform nested in each other one", arguments: bases.indices)
    func oneAndTwoDeep(baseIndex: Int) {
        let base = Self.bases[baseIndex]
        CompositionTests.expectClosedForm(base.base, tolerance: 1e-11)
        let towers = Self.towers(over: base, depth: 1) + Self.towers(over: base, depth: 2)
        #expect(towers.count >= (base.exactOrder >= 4 ? 100 : 30), "\(base.base.name): \(towers.count) towers")
        for tower in towers { CompositionTests.expectClosedForm(tower, tolerance: 1e-11) }
    }

    @Test("three deep under one outermost transform per base, rotating through the transforms",
          arguments: bases.indices.filter { bases[$0].exactOrder >= 6 })
    func threeDeep(baseIndex: Int) {
        let base = Self.bases[baseIndex]
        let outermost = allTransforms[baseIndex % allTransforms.count]
        let towers = Self.towers(over: base, depth: 2).compactMap(outermost.apply).filter { $0.form.order <= base.exactOrder }
        #expect(towers.count >= 100, "\(base.base.name): \(towers.count) towers")
        for tower in towers { CompositionTests.expectClosedForm(tower, tolerance: 1e-11) }
    }
}
