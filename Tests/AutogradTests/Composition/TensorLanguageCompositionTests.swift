import AutogradTestSupport
import Testing
import Autograd

/// The composition matrix over the tensor language of issue 11 (indexing, shaping,
/// reductions, products, convolutions): every transform, and every transform nested in every
/// other, over functions whose value is sin x (or Σ sin x) by an identity that runs through
/// each operation's rules. A rule that loses or mangles a derivative leaves terms that do not
/// cancel, and the closed form fails.
@Suite("Composition matrix through the tensor language")
struct TensorLanguageCompositionTests {
    /// Every base of the families, each in its own file beside this one.
    static let bases: [Composable] =
        indexingBaseFunctions + shapingBaseFunctions + reductionBaseFunctions + productBaseFunctions
        + convolutionBaseFunctions

    @Test("each transform, and each transform nested in each other one", arguments: bases.indices)
    func oneAndTwoDeep(baseIndex: Int) {
        let base = OrderLimitedBase(base: Self.bases[baseIndex], exactOrder: .max)
        CompositionTests.expectClosedForm(base.base, tolerance: 1e-11)
        let towers = LinearAlgebraCompositionTests.towers(over: base, depth: 1)
            + LinearAlgebraCompositionTests.towers(over: base, depth: 2)
        #expect(towers.count >= 100, "\(base.base.name): \(towers.count) towers")
        for tower in towers { CompositionTests.expectClosedForm(tower, tolerance: 1e-11) }
    }
}
