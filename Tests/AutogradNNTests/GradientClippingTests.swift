import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

/// Parameters of shapes [4] and [3] (and more) whose `grad` holds `gradients[i]` in `dtypes[i]`,
/// filled by `backward()` of Σ θᵢ·gᵢ; `nil` leaves a parameter without a gradient.
private func parameters(_ dtypes: [DType], gradients: [[Double]?]) -> [Tensor] {
    zip(dtypes, gradients).map { dtype, gradient in
        let parameter = Tensor.zeros([gradient?.count ?? 2], dtype: dtype).requiringGradient()
        if let gradient {
            (parameter * Tensor(shape: [gradient.count], scalars: gradient).converted(to: dtype)).sum().backward()
        }
        return parameter
    }
}

/// The gradients every case starts from: a global 2-norm of √67.375 = 8.2082…, ∞-norm 6, 1-norm 17.5.
private let startGradients: [[Double]?] = [[3, -4, 0.5, 1.25], [2, -0.75, 6]]

/// One call of `clip_grad_norm_(p, 1.5, norm_type=order)` in PyTorch and what it gave.
struct NormClippingCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let dtypes: [DType]
    let order: Double
    let norm: Double
    let gradients: [[Double]]
    /// float64 agrees to rounding; with a float32 gradient the norms may differ in float32's last place.
    var tolerance: Double { dtypes.contains(.float32) ? 1e-6 : 1e-14 }
}

@Suite("Gradient clipping (PyTorch's clip_grad_norm_ and clip_grad_value_)")
struct GradientClippingTests {
    /// From PyTorch 2.13.0+cpu, for dt in float64, float32 and [float32, float64]:
    ///
    ///     p = [torch.zeros(4, dtype=dt0, requires_grad=True), torch.zeros(3, dtype=dt1, requires_grad=True)]
    ///     p[0].grad = torch.tensor([3.0, -4.0, 0.5, 1.25], dtype=dt0); p[1].grad = torch.tensor([2.0, -0.75, 6.0], dtype=dt1)
    ///     total = torch.nn.utils.clip_grad_norm_(p, 1.5, norm_type=order)
    ///     print(total.item(), [[float(x) for x in q.grad] for q in p])
    static let normCases = [
        NormClippingCase(testDescription: "float64, order 2", dtypes: [.float64, .float64], order: 2, norm: 8.208227579691002,
                         gradients: [[0.5482303466955111, -0.7309737955940148, 0.09137172444925185, 0.2284293111231296],
                                     [0.3654868977970074, -0.13705758667387777, 1.0964606933910221]]),
        NormClippingCase(testDescription: "float64, order ∞", dtypes: [.float64, .float64], order: .infinity, norm: 6,
                         gradients: [[0.7499998750000207, -0.9999998333333611, 0.12499997916667013, 0.31249994791667535],
                                     [0.49999991666668053, -0.18749996875000519, 1.4999997500000415]]),
        NormClippingCase(testDescription: "float64, order 1", dtypes: [.float64, .float64], order: 1, norm: 17.5,
                         gradients: [[0.25714284244898045, -0.34285712326530726, 0.04285714040816341, 0.10714285102040852],
                                     [0.17142856163265363, -0.06428571061224511, 0.5142856848979609]]),
        NormClippingCase(testDescription: "float32, order 2", dtypes: [.float32, .float32], order: 2, norm: 8.208227157592773,
                         gradients: [[0.5482304096221924, -0.7309738397598267, 0.09137172996997833, 0.22842931747436523],
                                     [0.36548691987991333, -0.1370576024055481, 1.0964608192443848]]),
        NormClippingCase(testDescription: "float32, order ∞", dtypes: [.float32, .float32], order: .infinity, norm: 6,
                         gradients: [[0.7499998807907104, -0.9999998807907104, 0.1249999850988388, 0.3124999701976776],
                                     [0.4999999403953552, -0.1874999701976776, 1.499999761581421]]),
        NormClippingCase(testDescription: "float32 and float64, order 2", dtypes: [.float32, .float64], order: 2,
                         norm: 8.208227489560503,
                         gradients: [[0.5482303500175476, -0.7309737801551819, 0.09137172251939774, 0.22842930257320404],
                                     [0.3654869018102383, -0.13705758817883937, 1.096460705430715]]),
        NormClippingCase(testDescription: "float32 and float64, order ∞", dtypes: [.float32, .float64], order: .infinity, norm: 6,
                         gradients: [[0.7499998807907104, -0.9999998211860657, 0.12499997764825821, 0.3124999403953552],
                                     [0.49999991666668053, -0.18749996875000519, 1.4999997500000415]]),
    ]

    @Test("clipGradientNorm returns the norm before clipping and scales every grad as PyTorch does", arguments: normCases)
    func clipsLikePyTorch(_ reference: NormClippingCase) throws {
        let parameters = parameters(reference.dtypes, gradients: startGradients)
        let norm = try clipGradientNorm(of: parameters, maxNorm: 1.5, order: reference.order)
        expectClose([norm], [reference.norm], tolerance: reference.tolerance)
        for (parameter, expected) in zip(parameters, reference.gradients) {
            #expect(parameter.grad?.dtype == parameter.dtype)
            expectClose(parameter.grad?.scalars ?? [], expected, tolerance: reference.tolerance)
        }
    }

    @Test("clippedByGlobalNorm gives the same gradients as new tensors and leaves its input alone", arguments: normCases)
    func functionalClipping(_ reference: NormClippingCase) throws {
        let gradients = zip(reference.dtypes, startGradients).map { dtype, values in
            Tensor(shape: [values!.count], scalars: values!).converted(to: dtype)
        }
        let clipped = try clippedByGlobalNorm(gradients, maxNorm: 1.5, order: reference.order)
        expectClose([clipped.norm], [reference.norm], tolerance: reference.tolerance)
        for (gradient, expected) in zip(clipped.gradients, reference.gradients) {
            expectClose(gradient.scalars, expected, tolerance: reference.tolerance)
        }
        #expect(gradients.map(\.scalars) == startGradients.map { $0! })
        #expect(clipped.gradients.map(\.dtype) == reference.dtypes)
    }

    @Test("Below the maximum nothing changes, and the norm is still returned")
    func belowMaximum() throws {
        let parameters = parameters([.float64, .float64], gradients: startGradients)
        let norm = try clipGradientNorm(of: parameters, maxNorm: 100)
        expectClose([norm], [8.208227579691002], tolerance: 1e-15)  // √67.375, PyTorch 2.13.0 as above with max_norm=100
        #expect(parameters.map { $0.grad!.scalars } == startGradients.map { $0! })
    }

    @Test("Parameters without a gradient are skipped, and one listed twice counts once")
    func skipsMissingGradients() throws {
        let parameters = parameters([.float64, .float64, .float64], gradients: [startGradients[0], nil, startGradients[1]])
        // PyTorch 2.13.0: clip_grad_norm_ on three float64 parameters, the middle one with grad None.
        let norm = try clipGradientNorm(of: parameters + [parameters[0]], maxNorm: 1.5)
        expectClose([norm], [8.208227579691002], tolerance: 1e-15)
        #expect(parameters[1].grad == nil)
        expectClose(parameters[0].grad!.scalars,
                    [0.5482303466955111, -0.7309737955940148, 0.09137172444925185, 0.2284293111231296], tolerance: 1e-14)
    }

    @Test("No parameters, or none with a gradient, have norm 0")
    func nothingToClip() throws {
        #expect(try clipGradientNorm(of: [], maxNorm: 1) == 0)
        #expect(try clipGradientNorm(of: parameters([.float32], gradients: [nil]), maxNorm: 1) == 0)
    }

    @Test("A NaN or infinite gradient throws, naming the norm, and leaves every gradient unchanged",
          arguments: [(Double.nan, 2.0), (.infinity, 2), (.nan, .infinity), (-.infinity, .infinity), (.infinity, 1)])
    func nonFiniteNorm(bad: Double, order: Double) {
        let parameters = parameters([.float32, .float64], gradients: [[1, bad, 2, 3], [4, 5, 6]])
        let error = #expect(throws: GradientClippingError.self) { try clipGradientNorm(of: parameters, maxNorm: 1, order: order) }
        let expectedNorm = bad.isNaN ? Double.nan : .infinity
        #expect(error?.description == "the total norm of order \(order) of the gradients is \(expectedNorm), so they cannot be "
            + "clipped; they were left unchanged (skip this step, or lower the learning rate)")
        #expect(parameters[1].grad!.scalars == [4, 5, 6])
        #expect(parameters[0].grad!.scalars[2...] == [2, 3])
    }

    /// PyTorch 2.13.0+cpu: `torch.nn.utils.clip_grad_value_(p, 1.0)` on the gradients above
    /// gives [[1.0, -1.0, 0.5, 1.0], [1.0, -0.75, 1.0]] in float64 and in float32.
    @Test("clipGradientValues limits every element in place, in the gradient's type", arguments: DType.allCases)
    func clipValues(dtype: DType) {
        let parameters = parameters([dtype, dtype, dtype], gradients: startGradients + [nil])
        clipGradientValues(of: parameters, to: 1)
        #expect(parameters[0].grad!.scalars == [1, -1, 0.5, 1])
        #expect(parameters[1].grad!.scalars == [1, -0.75, 1])
        #expect(parameters.compactMap(\.grad).map(\.dtype) == [dtype, dtype])
        #expect(parameters[2].grad == nil)
    }

    @Test("A negative maximum norm traps with the value")
    func negativeMaxNorm() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? clipGradientNorm(of: [], maxNorm: -1)
        }
        #expect(standardError(of: result).contains("clipGradientNorm: maxNorm must be a number ≥ 0, got -1.0"))
    }

    @Test("An order below 1 traps with the value")
    func orderBelowOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? clippedByGlobalNorm([], maxNorm: 1, order: 0.5)
        }
        #expect(standardError(of: result).contains("clippedByGlobalNorm: the order of the norm must be ≥ 1 (or .infinity), got 0.5"))
    }

    @Test("A NaN value limit traps with the value")
    func nanLimit() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            clipGradientValues(of: [], to: .nan)
        }
        #expect(standardError(of: result).contains("clipGradientValues(of:to:): the limit must be a number ≥ 0, got nan"))
    }
}
