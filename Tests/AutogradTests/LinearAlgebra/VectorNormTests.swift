import AutogradTestSupport
import Testing
import Autograd

/// `vectorNorm(_:)`: values against NumPy, gradients (ties and zeros included) against
/// PyTorch, and second order in both types.
@Suite("Vector norms")
struct VectorNormTests {
    /// x = [[3, −4, 1.5], [−0.5, 2, −4]]: two entries tie for the largest magnitude.
    let x = Tensor([[3.0, -4, 1.5], [-0.5, 2, -4]])

    // NumPy 2.4.6: np.linalg.norm(x.ravel(), ord) for ord in (1, 2, inf).
    // PyTorch 2.13.0: torch.autograd.grad(torch.linalg.vector_norm(x, ord), x).
    static let cases: [(VectorNormOrder, Double, [Double])] = [
        (.one, 15.0, [1, -1, 1, -1, 1, -1]),
        (.two, 6.892024376045111, [0.435285750066007, -0.5803810000880093, 0.2176428750330035,
                                   -0.07254762501100116, 0.29019050004400465, -0.5803810000880093]),
        (.infinity, 4.0, [0, -0.5, 0, 0, 0, -0.5]),
    ]

    @Test("values against NumPy and gradients against PyTorch", arguments: DType.allCases)
    func valuesAndGradients(_ dtype: DType) {
        let tolerance = dtype == .float32 ? 1e-6 : 1e-15
        for (order, value, expectedGradient) in Self.cases {
            let (norm, g) = valueWithGradient(at: x.converted(to: dtype)) { $0.vectorNorm(order) }
            #expect(norm.dtype == dtype && norm.shape == [], "\(order)")
            expectClose([norm.scalar], [value], tolerance: tolerance)
            expectClose(g.scalars, expectedGradient, tolerance: tolerance)
        }
    }

    @Test("at x = 0 every gradient is 0, as in PyTorch, not NaN")
    func zeroVector() {
        for order in VectorNormOrder.allCases {
            let (norm, g) = valueWithGradient(at: Tensor.zeros([3])) { $0.vectorNorm(order) }
            #expect(norm.scalar == 0 && g.scalars == [0, 0, 0], "\(order)")
            #expect(jvp(at: Tensor.zeros([3]), tangent: Tensor([1.0, 2, 3])) { $0.vectorNorm(.two) }.tangent.scalar == 0)
        }
    }

    @Test("the forward-mode derivative matches ⟨∇‖x‖, ẋ⟩ at x", arguments: VectorNormOrder.allCases)
    func differential(_ order: VectorNormOrder) {
        let tangent = Tensor([[1.0, 2, -1], [0.5, -3, 2]])
        let expected = Self.cases.first { $0.0 == order }!.2
        let directional = zip(expected, tangent.scalars).map(*).reduce(0, +)
        expectClose([jvp(at: x, tangent: tangent) { $0.vectorNorm(order) }.tangent.scalar], [directional])
    }

    @Test("second order by the gradient checker, away from kinks", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = Tensor([[1.3, -0.7, 2.1], [0.4, -1.9, 0.8]]).converted(to: dtype)
        for order in VectorNormOrder.allCases {
            let report = checkGradients(at: x, order: 2) { exp($0 * 0.3).vectorNorm(order) * $0.sum() }
            #expect(report.passed, "\(order), \(dtype): \(report)")
        }
    }
}
