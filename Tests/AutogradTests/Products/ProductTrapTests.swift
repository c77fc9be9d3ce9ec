import AutogradTestSupport
import Testing
import Autograd

/// Misuse of `matmul` and `einsum` traps with a message naming the operation, the
/// specification and the shapes (checked in the child's standard error).
@Suite("Bad input traps: products")
struct ProductTrapTests {
    @Test("matmul of stacks whose batch axes do not broadcast")
    func batchAxes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.ones([2, 3, 4]), Tensor.ones([3, 4, 2]))
        }
        #expect(standardError(of: result).contains("matmul: batch axes [2] and [3] of shapes [2, 3, 4] and [3, 4, 2] do not broadcast"))
    }

    @Test("matmul of stacks with different inner sizes")
    func innerSizes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.ones([2, 3, 4]), Tensor.ones([2, 3, 2]), transposingA: true, transposingB: true)
        }
        #expect(standardError(of: result).contains("matmul: inner sizes differ: [2, 3, 4]ᵀ × [2, 3, 2]ᵀ (3 ≠ 2)"))
    }

    @Test("matmul of a scalar")
    func scalar() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor(2.0), Tensor.ones([2, 2]))
        }
        #expect(standardError(of: result).contains("matmul: needs vectors, matrices or stacks of matrices (and matrices where transposed), got shapes [] and [2, 2]"))
    }

    @Test("matmul transposing a vector")
    func transposedVector() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.ones([3]), Tensor.ones([3, 2]), transposingA: true)
        }
        #expect(standardError(of: result).contains("got shapes [3]ᵀ and [3, 2]"))
    }

    @Test("einsum with an unknown character")
    func unknownCharacter() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("i1,jk->ik", Tensor.ones([2, 3]), Tensor.ones([3, 4]))
        }
        #expect(standardError(of: result).contains("einsum: \"1\" is not an index letter in \"i1,jk->ik\" for operands of shapes [[2, 3], [3, 4]]"))
    }

    @Test("einsum with more operands than terms")
    func operandCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("ij->i", Tensor.ones([2, 3]), Tensor.ones([3]))
        }
        #expect(standardError(of: result).contains("einsum: 1 input terms for 2 operands in \"ij->i\" for operands of shapes [[2, 3], [3]]"))
    }

    @Test("einsum with a term whose length is not the operand's rank")
    func rank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("ijk,jk->i", Tensor.ones([2, 3]), Tensor.ones([3, 4]))
        }
        #expect(standardError(of: result).contains("einsum: term \"ijk\" has 3 indices for an operand of rank 2 in \"ijk,jk->i\""))
    }

    @Test("einsum with one index of two sizes")
    func inconsistentSizes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("ij,jk->ik", Tensor.ones([2, 3]), Tensor.ones([4, 2]))
        }
        #expect(standardError(of: result).contains("einsum: index j has sizes 3 and 4 in \"ij,jk->ik\" for operands of shapes [[2, 3], [4, 2]]"))
    }

    @Test("einsum with an output index in no input")
    func unknownOutputIndex() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("ij->iz", Tensor.ones([2, 3]))
        }
        #expect(standardError(of: result).contains("einsum: output index z is in no input in \"ij->iz\" for operands of shapes [[2, 3]]"))
    }

    @Test("einsum with a repeated output index")
    func repeatedOutputIndex() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("ij->ii", Tensor.ones([2, 3]))
        }
        #expect(standardError(of: result).contains("einsum: an output index repeats in \"ij->ii\""))
    }

    @Test("einsum with axes under the ellipsis that do not broadcast")
    func ellipsisBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("...i,...i->...", Tensor.ones([2, 3]), Tensor.ones([4, 3]))
        }
        #expect(standardError(of: result).contains("einsum: the axes under \"...\" do not broadcast in \"...i,...i->...\" for operands of shapes [[2, 3], [4, 3]]"))
    }

    @Test("einsum with axes under the ellipsis and an explicit output without one")
    func ellipsisMissingFromOutput() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("...i->i", Tensor.ones([2, 3]))
        }
        #expect(standardError(of: result).contains("einsum: the inputs have axes under \"...\" but the output has no \"...\" in \"...i->i\""))
    }

    @Test("einsum with two ellipses in one term")
    func twoEllipses() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("...i...->i", Tensor.ones([2, 3]))
        }
        #expect(standardError(of: result).contains("einsum: term \"...i...\" has more than one \"...\" in \"...i...->i\""))
    }

    @Test("einsum with no operands")
    func noOperands() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = einsum("->", [])
        }
        #expect(standardError(of: result).contains("einsum: no operands in \"->\" for operands of shapes []"))
    }
}
