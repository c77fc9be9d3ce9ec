import AutogradTestSupport
import Testing
import Autograd

/// Programmer errors trap with a message naming the operation and the shapes; each runs in
/// a child process (an exit test), and `scripts/test` runs them against a release build too,
/// where only a message passed to `fatalError` survives.
@Suite("Bad input traps")
struct TrapTests {
    @Test("shapes that do not broadcast")
    func broadcasting() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]) + Tensor.ones([4])
        }
        #expect(standardError(of: result).contains("+: shapes [2, 3] and [4] do not broadcast"))
    }

    @Test("matmul with different inner sizes")
    func matmulInner() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.ones([2, 3]), Tensor.ones([2, 3]))
        }
        #expect(standardError(of: result).contains("matmul: inner sizes differ: [2, 3] × [2, 3] (3 ≠ 2)"))
    }

    @Test("Tensor(shape:scalars:) with the wrong count")
    func wrongCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 2], scalars: [1, 2, 3])
        }
        #expect(standardError(of: result).contains("Tensor(shape:scalars:): shape [2, 2] needs 4 scalars, got 3"))
    }

    @Test("inverse of a non-square matrix")
    func nonSquareInverse() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? Tensor.ones([2, 3]).inverse()
        }
        #expect(standardError(of: result).contains("inverse: needs a square matrix, got shape [2, 3]"))
    }

    @Test("backward() on a non-scalar without a seed")
    func nonScalarBackward() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            (Tensor.ones([2]).requiringGradient() * 2).backward()
        }
        #expect(standardError(of: result).contains("backward(): the output has shape [2]; a non-scalar output needs backward(seed:)"))
    }

    @Test("a seed of the wrong shape")
    func wrongSeed() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            (Tensor.ones([2]).requiringGradient() * 2).backward(seed: Tensor.ones([3]))
        }
        #expect(standardError(of: result).contains("backward(seed:): the seed has shape [3] but the output has shape [2]"))
    }

    @Test("scalar on a tensor with more than one element")
    func scalarOfMany() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2]).scalar
        }
        #expect(standardError(of: result).contains("scalar: the tensor has shape [2] and 2 elements, not one"))
    }

    @Test("a second backward() through a released graph")
    func releasedGraph() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let loss = (Tensor.ones([2]).requiringGradient() * 2).sum()
            loss.backward()
            loss.backward()
        }
        let message = standardError(of: result)
        #expect(message.contains("backward: the graph through '"))
        #expect(message.contains("(output shape []) was freed by an earlier backward pass"))
    }

    @Test("a jvp tangent of the wrong shape")
    func wrongTangent() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = jvp(at: Tensor.ones([2]), tangent: Tensor.ones([3])) { $0 }
        }
        #expect(standardError(of: result).contains("jvp: the tangent has shape [3] but the input has shape [2]"))
    }

    @Test("reshaping to a different count")
    func badReshape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).reshaped(to: [4])
        }
        #expect(standardError(of: result).contains("reshaped(to:): cannot reshape a tensor of shape [2, 3] to [4]"))
    }
}

@Suite("Bad input traps in transforms and custom rules")
struct TransformTrapTests {

    @Test("hessianVectorProduct of a non-scalar function")
    func nonScalarHVP() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = hessianVectorProduct(at: Tensor.ones([2]), along: Tensor.ones([2])) { $0 * 2 }
        }
        #expect(standardError(of: result).contains("hessianVectorProduct: the function returned shape [2]; it needs a scalar function"))
    }

    @Test("gradient of a non-scalar function")
    func nonScalarGradient() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = gradient(at: Tensor.ones([2])) { $0 * 2 }
        }
        #expect(standardError(of: result).contains("gradient: the function returned shape [2]; it needs a scalar function"))
    }

    @Test("a direction whose shape differs from the input's")
    func wrongDirection() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = hessianVectorProduct(at: Tensor.ones([2]), along: Tensor.ones([3])) { $0.sum() }
        }
        #expect(standardError(of: result).contains("hessianVectorProduct: the direction has shape [3] but the input has shape [2]"))
    }

    @Test("forward mode through a rule with only a pullback")
    func forwardWithoutDifferential() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let pullbackOnly = CustomDerivative("pullbackOnly", forward: { (value: $0[0] * 2, residuals: []) },
                                                pullback: { cotangent, _ in [cotangent * 2] })
            _ = jvp(at: Tensor.ones([2]), tangent: Tensor.ones([2])) { pullbackOnly($0) }
        }
        #expect(standardError(of: result).contains("custom rule 'pullbackOnly': no differential was given, so forward mode (jvp) cannot differentiate 'pullbackOnly'"))
    }

    @Test("reverse mode through a rule with only a differential")
    func reverseWithoutPullback() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let differentialOnly = CustomDerivative("differentialOnly", forward: { (value: $0[0] * 2, residuals: []) },
                                                    differential: { tangents, _ in tangents[0] * 2 })
            _ = gradient(at: Tensor.ones([2])) { differentialOnly($0).sum() }
        }
        #expect(standardError(of: result).contains("custom rule 'differentialOnly': no pullback was given, so reverse mode (gradient, backward, vjp) cannot differentiate 'differentialOnly'"))
    }

    @Test("a rule returning a cotangent of the wrong shape")
    func wrongCotangentShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let wrongShape = CustomDerivative("wrongShape", forward: { (value: $0[0].sum(), residuals: []) },
                                              pullback: { _, _ in [Tensor.ones([5])] })
            _ = gradient(at: Tensor.ones([2])) { wrongShape($0) }
        }
        #expect(standardError(of: result).contains("custom rule 'wrongShape': pullback returned a cotangent of shape [5] for an input of shape [2]"))
    }
}

/// Traps of selection, concatenation and assignment, with the message checked.
@Suite("Bad input traps: selection and assignment")
struct SelectionTrapTests {
    @Test("a row index out of range")
    func rowOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).gathering(rows: [0, 2])
        }
        #expect(standardError(of: result).contains("gathering(rows:): index 2 is out of range for shape [2, 3]"))
    }

    @Test("one column per row with the wrong count")
    func columnCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).gathering(columnInEachRow: [0])
        }
        #expect(standardError(of: result).contains("got shape [2, 3] and 1 columns"))
    }

    @Test("concatenating shapes that differ outside the axis")
    func concatenateShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = concatenate([Tensor.ones([2, 3]), Tensor.ones([2, 2])], alongAxis: 0)
        }
        #expect(standardError(of: result).contains("concatenate: shapes [[2, 3], [2, 2]] differ outside axis 0"))
    }

    @Test("backward through a graph whose leaf was assigned afterwards")
    func staleGraph() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1.0, 2]).requiringGradient()
            let loss = (w * w).sum()
            w.assign(Tensor([3.0, 4]))
            loss.backward()
        }
        #expect(standardError(of: result).contains("was overwritten (assign(_:), add(_:scaledBy:) or convert(to:)) after the operation was recorded"))
    }

    @Test("assigning to the result of an operation")
    func assignToResult() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            (Tensor.ones([2]).requiringGradient() * 2).assign(Tensor.ones([2]))
        }
        #expect(standardError(of: result).contains("assign: only a leaf can be overwritten"))
    }
}
