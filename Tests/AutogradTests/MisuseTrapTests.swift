import AutogradTestSupport
import Testing
import Autograd

/// Misuse of structure, indexing, construction and transforms traps with a message naming
/// the operation and the shapes or values involved (checked in the child's standard error).
@Suite("Bad input traps: structure and construction")
struct StructureTrapTests {
    @Test("permuting with a list that is not a permutation")
    func badPermutation() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).permuted([0, 0])
        }
        #expect(standardError(of: result).contains("permuted: [0, 0] is not a permutation of the axes of a tensor of shape [2, 3]"))
    }

    @Test("transposing a tensor that is not a matrix")
    func transposeRank3() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3, 4]).transposed()
        }
        #expect(standardError(of: result).contains("transposed(): needs a matrix, got shape [2, 3, 4]"))
    }

    @Test("reshaping with two inferred sizes")
    func twoInferredSizes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).reshaped(to: [-1, -1])
        }
        #expect(standardError(of: result).contains("reshaped(to:): cannot reshape a tensor of shape [2, 3] to [-1, -1]"))
    }

    @Test("broadcasting to a shape that does not fit")
    func badBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).broadcast(to: [3, 3])
        }
        #expect(standardError(of: result).contains("broadcast(to:): shape [2, 3] does not broadcast to [3, 3]"))
    }

    @Test("summing along an axis beyond the rank")
    func sumAxisOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).sum(alongAxes: 2)
        }
        #expect(standardError(of: result).contains("sum(alongAxes:): axis 2 is out of range for rank 2"))
    }

    @Test("softmax along a negative axis beyond the rank")
    func softmaxAxisOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmax(Tensor.ones([2, 3]), alongAxis: -3)
        }
        #expect(standardError(of: result).contains("softmax(_:alongAxis:): axis -3 is out of range for rank 2"))
    }

    @Test("argmax of a scalar")
    func argmaxOfScalar() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(2).argmax(alongAxis: 0)
        }
        #expect(standardError(of: result).contains("argmax(alongAxis:): axis 0 is out of range for rank 0"))
    }

    @Test("matmul of a matrix and a vector of the wrong length")
    func matmulVector() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.ones([2, 3]), Tensor.ones([4]))
        }
        #expect(standardError(of: result).contains("matmul: inner sizes differ: [2, 3] × [4]"))
    }

    @Test("a column index out of range")
    func columnOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).gathering(columnInEachRow: [0, 3])
        }
        #expect(standardError(of: result).contains("gathering(columnInEachRow:): column 3 is out of range for shape [2, 3]"))
    }

    @Test("a negative row index")
    func negativeRow() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).gathering(rows: [-1])
        }
        #expect(standardError(of: result).contains("gathering(rows:): index -1 is out of range for shape [2, 3]"))
    }

    @Test("concatenating along an axis beyond the rank")
    func concatenateAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = concatenate([Tensor.ones([2, 3]), Tensor.ones([2, 3])], alongAxis: 2)
        }
        #expect(standardError(of: result).contains("concatenate: axis 2 is out of range for rank 2"))
    }

    @Test("concatenating nothing")
    func concatenateNothing() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = concatenate([])
        }
        #expect(standardError(of: result).contains("concatenate: needs at least one tensor"))
    }

    @Test("a negative size in a shape")
    func negativeSize() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [-1, 2], scalars: [])
        }
        #expect(standardError(of: result).contains("Tensor(shape:scalars:): negative size in shape [-1, 2]"))
    }

    @Test("rows of different lengths")
    func raggedRows() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor([[1.0, 2], [3]])
        }
        #expect(standardError(of: result).contains("Tensor([[Double]]): rows have different lengths [2, 1]"))
    }

    @Test("assigning a value of another shape")
    func assignShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            Tensor.ones([2]).assign(Tensor.ones([3]))
        }
        #expect(standardError(of: result).contains("assign: shape [3] does not match the tensor's shape [2]"))
    }
}

@Suite("Bad input traps: gradients and transforms")
struct GradientTrapTests {
    @Test("backward() on a result that depends on nothing requiring gradients")
    func backwardWithoutLeaves() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            (Tensor.ones([2]) * 2).sum().backward()
        }
        #expect(standardError(of: result).contains("backward(): the tensor of shape [] does not depend on any tensor that requires gradients"))
    }

    @Test("a pullback called with a cotangent of the wrong shape")
    func pullbackCotangent() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let (_, pullback) = valueWithPullback(at: Tensor.ones([2])) { $0 * 2 }
            _ = pullback(Tensor.ones([3]))
        }
        #expect(standardError(of: result).contains("pullback: the cotangent has shape [3] but the value has shape [2]"))
    }

    @Test("stacking tensors of different shapes")
    func stackDifferentShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = stacked([Tensor.ones([2, 3]), Tensor.ones([3, 2])])
        }
        #expect(standardError(of: result).contains("stacked: the tensors have different shapes [[2, 3], [3, 2]]"))
    }

    @Test("vjp with a cotangent of the wrong shape names vjp")
    func vjpCotangent() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = vjp(at: Tensor.ones([2]), cotangent: Tensor.ones([3])) { $0 * 2 }
        }
        #expect(standardError(of: result).contains("vjp: the cotangent has shape [3] but the value has shape [2]"))
    }

    @Test("a difference of shapes that do not broadcast names -")
    func differenceShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]) - Tensor.ones([4])
        }
        #expect(standardError(of: result).contains("-: shapes [2, 3] and [4] do not broadcast"))
    }

    @Test("gradient(withRespectTo:) of a non-scalar function")
    func nonScalarParameters() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor.ones([2])
            _ = gradient(withRespectTo: [w]) { w * 2 }
        }
        #expect(standardError(of: result).contains("gradient(withRespectTo:): the function returned shape [2]; it needs a scalar function"))
    }

    @Test("jvp with fewer tangents than inputs")
    func tangentCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = jvp(at: [Tensor.ones([2]), Tensor.ones([2])], tangents: [Tensor.ones([2])]) { $0[0] * $0[1] }
        }
        #expect(standardError(of: result).contains("jvp: 2 inputs but 1 tangents"))
    }

    @Test("a custom pullback returning too many cotangents")
    func cotangentCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let tooMany = CustomDerivative("tooMany", forward: { (value: $0[0] * 2, residuals: []) },
                                           pullback: { cotangent, _ in [cotangent * 2, cotangent] })
            _ = gradient(at: Tensor.ones([2])) { tooMany($0).sum() }
        }
        #expect(standardError(of: result).contains("custom rule 'tooMany': pullback returned 2 cotangents for 1 inputs"))
    }

    @Test("a gradient check of order 0")
    func gradientCheckOrder() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = checkGradients(at: Tensor.ones([2]), order: 0) { $0.sum() }
        }
        #expect(standardError(of: result).contains("checkGradients: order must be at least 1, got 0"))
    }
}
