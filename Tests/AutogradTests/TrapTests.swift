import AutogradTestSupport
import Testing
import Autograd

/// Programmer errors trap with a message naming the operation and the shapes; each runs in
/// a child process (an exit test).
@Suite("Bad input traps")
struct TrapTests {
    @Test("shapes that do not broadcast")
    func broadcasting() async {
        await #expect(processExitsWith: .failure) { _ = Tensor.ones([2, 3]) + Tensor.ones([4]) }
    }

    @Test("matmul with different inner sizes")
    func matmulInner() async {
        await #expect(processExitsWith: .failure) { _ = matmul(Tensor.ones([2, 3]), Tensor.ones([2, 3])) }
    }

    @Test("Tensor(shape:scalars:) with the wrong count")
    func wrongCount() async {
        await #expect(processExitsWith: .failure) { _ = Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
    }

    @Test("inverse of a non-square matrix")
    func nonSquareInverse() async {
        await #expect(processExitsWith: .failure) { _ = try? Tensor.ones([2, 3]).inverse() }
    }

    @Test("backward() on a non-scalar without a seed")
    func nonScalarBackward() async {
        await #expect(processExitsWith: .failure) { (Tensor.ones([2]).requiringGradient() * 2).backward() }
    }

    @Test("a seed of the wrong shape")
    func wrongSeed() async {
        await #expect(processExitsWith: .failure) {
            (Tensor.ones([2]).requiringGradient() * 2).backward(seed: Tensor.ones([3]))
        }
    }

    @Test("scalar on a tensor with more than one element")
    func scalarOfMany() async {
        await #expect(processExitsWith: .failure) { _ = Tensor.ones([2]).scalar }
    }

    @Test("a second backward() through a released graph")
    func releasedGraph() async {
        await #expect(processExitsWith: .failure) {
            let loss = (Tensor.ones([2]).requiringGradient() * 2).sum()
            loss.backward()
            loss.backward()
        }
    }

    @Test("a jvp tangent of the wrong shape")
    func wrongTangent() async {
        await #expect(processExitsWith: .failure) { _ = jvp(at: Tensor.ones([2]), tangent: Tensor.ones([3])) { $0 } }
    }

    @Test("reshaping to a different count")
    func badReshape() async {
        await #expect(processExitsWith: .failure) { _ = Tensor.ones([2, 3]).reshaped(to: [4]) }
    }
}

@Suite("Bad input traps in transforms and custom rules")
struct TransformTrapTests {

    @Test("hessianVectorProduct of a non-scalar function")
    func nonScalarHVP() async {
        await #expect(processExitsWith: .failure) { _ = hessianVectorProduct(at: Tensor.ones([2]), along: Tensor.ones([2])) { $0 * 2 } }
    }

    @Test("gradient of a non-scalar function")
    func nonScalarGradient() async {
        await #expect(processExitsWith: .failure) { _ = gradient(at: Tensor.ones([2])) { $0 * 2 } }
    }

    @Test("a direction whose shape differs from the input's")
    func wrongDirection() async {
        await #expect(processExitsWith: .failure) { _ = hessianVectorProduct(at: Tensor.ones([2]), along: Tensor.ones([3])) { $0.sum() } }
    }

    @Test("forward mode through a rule with only a pullback")
    func forwardWithoutDifferential() async {
        await #expect(processExitsWith: .failure) {
            let pullbackOnly = CustomDerivative("pullbackOnly", forward: { (value: $0[0] * 2, residuals: []) },
                                                pullback: { cotangent, _ in [cotangent * 2] })
            _ = jvp(at: Tensor.ones([2]), tangent: Tensor.ones([2])) { pullbackOnly($0) }
        }
    }

    @Test("reverse mode through a rule with only a differential")
    func reverseWithoutPullback() async {
        await #expect(processExitsWith: .failure) {
            let differentialOnly = CustomDerivative("differentialOnly", forward: { (value: $0[0] * 2, residuals: []) },
                                                    differential: { tangents, _ in tangents[0] * 2 })
            _ = gradient(at: Tensor.ones([2])) { differentialOnly($0).sum() }
        }
    }

    @Test("a rule returning a cotangent of the wrong shape")
    func wrongCotangentShape() async {
        await #expect(processExitsWith: .failure) {
            let wrongShape = CustomDerivative("wrongShape", forward: { (value: $0[0].sum(), residuals: []) },
                                              pullback: { _, _ in [Tensor.ones([5])] })
            _ = gradient(at: Tensor.ones([2])) { wrongShape($0) }
        }
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
        #expect(standardError(of: result).contains("was overwritten by assign(_:) after the operation was recorded"))
    }

    @Test("assigning to the result of an operation")
    func assignToResult() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            (Tensor.ones([2]).requiringGradient() * 2).assign(Tensor.ones([2]))
        }
        #expect(standardError(of: result).contains("assign: only a leaf can be overwritten"))
    }
}
