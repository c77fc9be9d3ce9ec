import AutogradTestSupport
import Testing
import Autograd

/// Every kind of bad subscript, index tensor or shape traps with a message naming the
/// operation and the shape (checked in the child's standard error).
@Suite("Bad input traps: subscripts, gather and scatter")
struct IndexingTrapTests {
    /// A misuse and the message it must trap with.
    struct Misuse: Sendable, CustomTestStringConvertible {
        let name: String
        let message: String
        let body: @Sendable () -> Void
        var testDescription: String { name }
    }

    static let misuses: [Misuse] = [
        Misuse(name: "an index out of range", message: "subscript: index 3 is out of range for axis 1 of shape [2, 3]") {
            _ = Tensor.ones([2, 3])[0, 3]
        },
        Misuse(name: "a negative index out of range", message: "subscript: index -3 is out of range for axis 0 of shape [2, 3]") {
            _ = Tensor.ones([2, 3])[-3]
        },
        Misuse(name: "too many indices", message: "subscript: too many indices (3) for a tensor of shape [2, 3]") {
            _ = Tensor.ones([2, 3])[0, 1, .newAxis, 0]
        },
        Misuse(name: "two ellipses", message: "subscript: 2 ellipses in one subscript of a tensor of shape [2, 3]; at most one is allowed") {
            _ = Tensor.ones([2, 3])[.ellipsis, 0, .ellipsis]
        },
        Misuse(name: "a zero stride", message: "subscript: a range's stride must not be zero (axis 0 of shape [2, 3])") {
            _ = Tensor.ones([2, 3])[.range(..., stride: 0)]
        },
        Misuse(name: "a range past the end", message: "subscript: range bound 4 is out of range for axis 1 of shape [2, 3]") {
            _ = Tensor.ones([2, 3])[..., 1..<4]
        },
        Misuse(name: "a closed range through the end", message: "subscript: range bound 3 is out of range for axis 1 of shape [2, 3]") {
            _ = Tensor.ones([2, 3])[..., 1...3]
        },
        Misuse(name: "a range reversed by a negative bound", message: "subscript: the range from 2 to 1 is reversed for axis 1 of shape [2, 3]") {
            _ = Tensor.ones([2, 3])[..., (-1)..<1]
        },
        Misuse(name: "an index into a scalar", message: "subscript: too many indices (1) for a tensor of shape []") {
            _ = Tensor(1.0)[0]
        },
        Misuse(name: "replacing with values that do not broadcast",
               message: "replacing(_:with:): values of shape [2] do not broadcast to the slice's shape [3] of a tensor of shape [2, 3]") {
            _ = Tensor.ones([2, 3]).replacing(0, with: Tensor.ones([2]))
        },
        Misuse(name: "replacing at an index out of range", message: "replacing(_:with:): index 2 is out of range for axis 0 of shape [2, 3]") {
            _ = Tensor.ones([2, 3]).replacing(2, with: Tensor(0.0))
        },
        Misuse(name: "gathering at an index that is not a whole number", message: "gathering(alongAxis:indices:): index 0.5 is not a whole number") {
            _ = Tensor.ones([2, 3]).gathering(alongAxis: 1, indices: Tensor([[0.5], [1]]))
        },
        Misuse(name: "gathering at NaN", message: "gathering(alongAxis:indices:): index nan is not a whole number") {
            _ = Tensor.ones([2, 3]).gathering(alongAxis: 1, indices: Tensor([[.nan], [1]]))
        },
        Misuse(name: "gathering at an index out of range",
               message: "gathering(alongAxis:indices:): index 3 is out of range for shape [2, 3] along axis 1") {
            _ = Tensor.ones([2, 3]).gathering(alongAxis: 1, indices: Tensor([[0.0], [3]]))
        },
        Misuse(name: "gathering with indices of another rank",
               message: "gathering(alongAxis:indices:): indices of shape [2] do not fit a tensor of shape [2, 3] along axis 1") {
            _ = Tensor.ones([2, 3]).gathering(alongAxis: 1, indices: Tensor([0.0, 1]))
        },
        Misuse(name: "gathering with indices larger along another axis",
               message: "gathering(alongAxis:indices:): indices of shape [3, 1] do not fit a tensor of shape [2, 3] along axis 1") {
            _ = Tensor.ones([2, 3]).gathering(alongAxis: 1, indices: Tensor([[0.0], [1], [2]]))
        },
        Misuse(name: "gathering along an axis beyond the rank", message: "gathering(alongAxis:indices:): axis 2 is out of range for rank 2") {
            _ = Tensor.ones([2, 3]).gathering(alongAxis: 2, indices: Tensor([[0.0]]))
        },
        Misuse(name: "selecting an index out of range", message: "selecting(_:alongAxis:): index -1 is out of range for shape [2, 3] along axis 1") {
            _ = Tensor.ones([2, 3]).selecting([0, -1], alongAxis: 1)
        },
        Misuse(name: "selecting with a matrix of indices", message: "selecting(_:alongAxis:): indices must be a vector, got shape [1, 1]") {
            _ = Tensor.ones([2, 3]).selecting(Tensor([[0.0]]), alongAxis: 1)
        },
        Misuse(name: "scatter-adding values of another shape than the indices",
               message: "scatteringAdding(_:alongAxis:indices:): values of shape [2, 2] and indices of shape [2, 1] differ") {
            _ = Tensor.ones([2, 3]).scatteringAdding(Tensor.ones([2, 2]), alongAxis: 1, indices: Tensor([[0.0], [1]]))
        },
        Misuse(name: "scatter-adding at an index out of range",
               message: "scatteringAdding(_:alongAxis:indices:): index 2 is out of range for shape [2, 3] along axis 0") {
            _ = Tensor.ones([2, 3]).scatteringAdding(Tensor.ones([1, 1]), alongAxis: 0, indices: Tensor([[2.0]]))
        },
        Misuse(name: "a one-hot label out of range", message: "oneHot(_:classCount:dtype:): label 3 is out of range for 3 classes") {
            _ = Tensor.oneHot(Tensor([0.0, 3]), classCount: 3)
        },
        Misuse(name: "a one-hot label that is not a whole number", message: "oneHot(_:classCount:dtype:): index 1.5 is not a whole number") {
            _ = Tensor.oneHot(Tensor([1.5]), classCount: 3)
        },
    ]

    @Test("traps with a message naming the operation and the shape", arguments: misuses)
    func traps(_ misuse: Misuse) async {
        // The child process runs the misuse found by its name (closures cannot cross processes).
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [name = misuse.name as String] in
            IndexingTrapTests.misuses.first { $0.name == name }?.body()
        }
        #expect(standardError(of: result).contains(misuse.message), "\(standardError(of: result))")
    }
}
