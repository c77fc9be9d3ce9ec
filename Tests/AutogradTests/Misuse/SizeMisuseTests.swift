// The misuse suite: every kind of bad input, and where it is tested. Programmer errors trap with
// a message naming the operation and the shapes or values (exit tests, run against a release
// build too by scripts/test); bad files throw typed errors naming the file. Paths are under
// Tests/; "new" marks the kinds this folder (and AutogradNNTests/Misuse) added.
//
// Shapes, op by op
//  1. elementwise arithmetic, shapes that do not broadcast (+, −, ·, /) AutogradTests/TrapTests, MisuseTrapTests; · and / here (ArithmeticMisuseTests, new rows)
//  2. where / maximum / clamp misuse                 AutogradTests/Shaping/ShapingTrapTests
//  3. matmul inner sizes, ranks                      AutogradTests/TrapTests, MisuseTrapTests, Products/ProductTrapTests
//  4. batched matmul batch axes                      AutogradTests/Products/ProductTrapTests
//  5. einsum specifications                          AutogradTests/Products/ProductTrapTests
//  6. linear algebra on non-square / non-matrices    AutogradTests/LinearAlgebra/{Cholesky,Determinant,Eigen,SVD,QR,MatrixExponential,Diagonal}Tests
//  7. solves with right sides that do not fit        AutogradTests/LinearAlgebra/SolveTests, CholeskyTests, QRTests
//  8. convolution shapes, strides, groups            AutogradTests/Convolution/ConvolutionTrapTests
//  9. pooling kernels, padding, outputs              AutogradTests/Pooling/PoolingTrapTests
// 10. concatenate / stack shapes                     AutogradTests/TrapTests, MisuseTrapTests
// 11. reshape to another count, two −1s              AutogradTests/TrapTests, MisuseTrapTests
// 12. broadcast(to:) a shape that does not fit       AutogradTests/MisuseTrapTests
// 13. permute / transpose                            AutogradTests/MisuseTrapTests
// 14. squeeze / expand / flatten axes                AutogradTests/Shaping/ShapingTrapTests
// 15. split / chunk                                  AutogradTests/Shaping/ShapingTrapTests
// 16. pad / tile arguments                           AutogradTests/Shaping/ShapingTrapTests
// 17. construction: wrong count, ragged rows, literals AutogradTests/TrapTests, MisuseTrapTests, Conveniences/TensorLiteralTests
// Sizes
// 18. a negative size (creation, eye, random, broadcast, reshape, oneHot)  here (new)
// 19. sizes whose product overflows Int                                    here (new)
// 20. a tensor larger than physical memory                                 here (new)
// Axes and indices
// 21. an axis out of range (reductions, softmax, sort, cumulative, gather) AutogradTests/MisuseTrapTests, Reductions/*Tests, Indexing/IndexingTrapTests
// 22. a reduction over no elements (max, min, argmax)                      AutogradTests/EmptyReductionTests, Reductions/MinimumTests
// 23. an index out of range (subscripts, gather, scatter, select, oneHot)  AutogradTests/Indexing/IndexingTrapTests, MisuseTrapTests, TrapTests
// 24. topK with a bad k                                                    AutogradTests/Reductions/SortingTests
// 25. scalar of a tensor with several elements                             AutogradTests/TrapTests
// The graph
// 26. backward without a seed, a wrong seed, nothing requiring gradients   AutogradTests/TrapTests, MisuseTrapTests
// 27. backward through a freed graph                                       AutogradTests/TrapTests, Composition/CompositionRegressionTests
// 28. a leaf overwritten after recording (assign, add, convert, subscript) AutogradTests/TrapTests, InPlaceUpdateTests, Float32/ConversionTests, Indexing/ReplacingTests
// 29. writing to a result: assign, requiresGrad, convert                   AutogradTests/TrapTests, Float32/ConversionTests; requiresGrad here (GraphMisuseTests, new)
// 30. assigning another shape or element type                              AutogradTests/MisuseTrapTests, Float32/ConversionTests, InPlaceUpdateTests
// Transforms
// 31. cotangents / tangents / directions of the wrong shape or count       AutogradTests/TrapTests, MisuseTrapTests
// 32. gradient / hvp of a non-scalar function                              AutogradTests/TrapTests, MisuseTrapTests
// 33. checkGradients arguments                                             AutogradTests/MisuseTrapTests
// Custom rules
// 34. a rule returning the wrong shape or count                            AutogradTests/TrapTests, MisuseTrapTests, Composition/CompositionRegressionTests
// 35. a rule used in a mode it lacks, or beyond the order it supports      AutogradTests/TrapTests, Composition/CompositionRegressionTests, Implicit/ImplicitTrapTests
// 36. implicit functions whose F or T changes the shape                    AutogradTests/Implicit/ImplicitTrapTests
// Layers, losses, optimisers, data (AutogradNNTests)
// 37. a layer given an input of the wrong width or channels                Linear here (AutogradNNTests/Misuse/LayerMisuseTests, new); ConvolutionLayerTests, ConvolutionalLayerTrapTests
// 38. a layer created with bad sizes or settings (Linear, Dropout, Embedding, pooling, groups)  AutogradNNTests/Misuse/LayerMisuseTests (new), ConvolutionalLayerTrapTests, ConvolutionLayerTests
// 39. embedding indices out of range or not whole                          AutogradNNTests/ConvolutionalLayerTrapTests
// 40. losses with labels or targets that do not fit                        AutogradNNTests/FunctionTests
// 41. optimiser: parameters and gradients of other counts, shapes, types   AutogradNNTests/OptimizerTests; counts in AutogradNNTests/Misuse/OptimizerMisuseTests (new)
// 42. optimiser settings (negative learning rate, momentum, betas, L-BFGS, line search)  AutogradNNTests/Misuse/OptimizerMisuseTests (new), OptimizerTests, LBFGSTests, StrongWolfeLineSearchTests
// 43. data set misuse (batch size, subsets, labels)                        AutogradNNTests/DataTests
// Files (typed errors, never traps)
// 44. malformed checkpoints (truncated, bad header, offsets, dtypes, names) AutogradNNTests/CheckpointTests, CheckpointDTypeTests
// 45. a checkpoint that does not fit the model                             AutogradNNTests/CheckpointTests, CheckpointDTypeTests
// 46. malformed IDX and digits files                                       AutogradNNTests/IDXTests, DataTests
// 47. a path that is a directory or not a regular file (checkpoint, IDX, digits)  AutogradNNTests/Misuse/FileMisuseTests (new)

import AutogradTestSupport
import Testing
@testable import Autograd

/// A misuse and the message it must trap with; exit tests find it again by name in the child
/// process, since closures cannot cross processes.
struct MisuseCase: Sendable, CustomTestStringConvertible {
    let name: String
    let message: String
    let body: @Sendable () -> Void
    var testDescription: String { name }
}

/// Every table of misuses, by name, so that the child process of an exit test (which can
/// capture only `Codable` values, not closures) finds its misuse again.
let misuseTables: [String: [MisuseCase]] = [
    "negativeSizes": SizeMisuseTests.negativeSizes, "overflowingSizes": SizeMisuseTests.overflowingSizes,
    "absurdSizes": SizeMisuseTests.absurdSizes, "arithmetic": ArithmeticMisuseTests.misuses,
]

/// Runs `misuse` (one of the table named `table`) in a child process and checks that it traps
/// with its message.
func expectTrap(_ misuse: MisuseCase, table: String) async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [name = misuse.name as String, table = table as String] in
        misuseTables[table]?.first { $0.name == name }?.body()
    }
    #expect(standardError(of: result).contains(misuse.message), "\(standardError(of: result))")
}

/// Sizes are validated once (ShapeValidation.swift), before any allocation: a negative size, a
/// product that overflows `Int`, and a tensor larger than physical memory each trap naming the
/// operation and the shape.
@Suite("Misuse: sizes")
struct SizeMisuseTests {
    static let negativeSizes: [MisuseCase] = [
        MisuseCase(name: "zeros", message: "zeros(_:dtype:): negative size in shape [-1]") { _ = Tensor.zeros([-1]) },
        MisuseCase(name: "ones", message: "ones(_:dtype:): negative size in shape [2, -3]") { _ = Tensor.ones([2, -3]) },
        MisuseCase(name: "full", message: "full(_:value:dtype:): negative size in shape [-2]") { _ = Tensor.full([-2], value: 1) },
        MisuseCase(name: "eye", message: "eye(_:dtype:): negative size in shape [-1, -1]") { _ = Tensor.eye(-1) },
        MisuseCase(name: "randomNormal", message: "randomNormal(_:mean:standardDeviation:seed:dtype:): negative size in shape [-1]") {
            _ = Tensor.randomNormal([-1], seed: 0)
        },
        MisuseCase(name: "randomUniform", message: "randomUniform(_:in:seed:dtype:): negative size in shape [3, -1]") {
            _ = Tensor.randomUniform([3, -1], seed: 0, dtype: .float32)
        },
        MisuseCase(name: "broadcast(to:)", message: "broadcast(to:): negative size in shape [-1]") { _ = Tensor(2).broadcast(to: [-1]) },
        MisuseCase(name: "oneHot", message: "oneHot(_:classCount:dtype:): negative size in shape [2, -1]") {
            _ = Tensor.oneHot(Tensor([0.0, 1]), classCount: -1)
        },
    ]

    static let overflowingSizes: [MisuseCase] = [
        MisuseCase(name: "zeros", message: "zeros(_:dtype:): the sizes of shape [\(Int.max), 2] multiply to more than Int.max") {
            _ = Tensor.zeros([Int.max, 2])
        },
        MisuseCase(name: "an empty shape whose other sizes overflow",
                   message: "zeros(_:dtype:): the sizes of shape [0, \(Int.max), 2] multiply to more than Int.max") {
            _ = Tensor.zeros([0, Int.max, 2])
        },
        MisuseCase(name: "Tensor(shape:scalars:)",
                   message: "Tensor(shape:scalars:): the sizes of shape [\(1 << 32), \(1 << 32)] multiply to more than Int.max") {
            _ = Tensor(shape: [1 << 32, 1 << 32], scalars: [Double]())
        },
        MisuseCase(name: "reshaped(to:)", message: "reshaped(to:): the sizes of shape [\(Int.max), 2, 1] multiply to more than Int.max") {
            _ = Tensor.ones([6]).reshaped(to: [Int.max, 2, -1])
        },
        MisuseCase(name: "tiled(_:)", message: "tiled(_:): the sizes of shape [\(Int.max), 2] multiply to more than Int.max") {
            _ = Tensor.ones([2]).tiled([Int.max])
        },
        MisuseCase(name: "eye", message: "eye(_:dtype:): the sizes of shape [\(1 << 32), \(1 << 32)] multiply to more than Int.max") {
            _ = Tensor.eye(1 << 32)
        },
    ]

    // 2⁴⁰ float64 values are 8 TiB, more than any machine these tests run on.
    static let absurdSizes: [MisuseCase] = [
        MisuseCase(name: "zeros", message: "zeros(_:dtype:): a float64 tensor of shape [1099511627776] has 1099511627776 elements of 8 bytes, more than this machine's") {
            _ = Tensor.zeros([1 << 40])
        },
        MisuseCase(name: "a byte count that overflows", message: "ones(_:dtype:): a float32 tensor of shape [\(Int.max)] has \(Int.max) elements of 4 bytes") {
            _ = Tensor.ones([Int.max], dtype: .float32)
        },
        MisuseCase(name: "randomNormal", message: "randomNormal(_:mean:standardDeviation:seed:dtype:): a float64 tensor of shape [1048576, 1048576]") {
            _ = Tensor.randomNormal([1 << 20, 1 << 20], seed: 0)
        },
        MisuseCase(name: "broadcast(to:)", message: "broadcast(to:): a float64 tensor of shape [1099511627776, 1]") {
            _ = Tensor.ones([1]).broadcast(to: [1 << 40, 1])
        },
        MisuseCase(name: "tiled(_:)", message: "tiled(_:): a float64 tensor of shape [1099511627776] has") {
            _ = Tensor.ones([1]).tiled([1 << 40])
        },
        MisuseCase(name: "padded(_:mode:)", message: "padded(_:mode:): a float64 tensor of shape [1099511627777]") {
            _ = Tensor.ones([1]).padded([(before: 1 << 40, after: 0)])
        },
        MisuseCase(name: "oneHot", message: "oneHot(_:classCount:dtype:): a float64 tensor of shape [2, 1099511627776]") {
            _ = Tensor.oneHot(Tensor([0.0, 1]), classCount: 1 << 40)
        },
        MisuseCase(name: "conv2d padding", message: "conv2d: a float64 tensor of shape [9, 1, 2097151, 2097151] has") {
            _ = conv2d(Tensor.ones([1, 1, 1, 1]), weight: Tensor.ones([1, 1, 3, 3]), padding: 1 << 20)
        },
    ]

    @Test("a negative size traps naming the operation and the shape", arguments: negativeSizes)
    func negativeSize(_ misuse: MisuseCase) async { await expectTrap(misuse, table: "negativeSizes") }

    @Test("sizes whose product overflows Int trap naming the operation and the shape", arguments: overflowingSizes)
    func overflowingSize(_ misuse: MisuseCase) async { await expectTrap(misuse, table: "overflowingSizes") }

    @Test("a tensor larger than physical memory traps naming the operation, the shape and the bytes", arguments: absurdSizes)
    func absurdSize(_ misuse: MisuseCase) async { await expectTrap(misuse, table: "absurdSizes") }

    @Test("the memory bound is this machine's physical memory, as /proc/meminfo's MemTotal bounds it")
    func memoryBound() throws {
        // MemTotal is the physical memory less what the kernel reserved, so it is at most the bound.
        let meminfo = try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)
        let line = try #require(meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") })
        let kibibytes = try #require(Int(line.split(separator: " ")[1]))
        #expect(largestTensorByteCount >= kibibytes * 1024)
        #expect(largestTensorByteCount < kibibytes * 1024 * 2)
    }

    @Test("an empty tensor with a huge size is fine when the other sizes fit")
    func emptyHugeSize() {
        #expect(Tensor.zeros([0, 1 << 40]).shape == [0, 1 << 40])
        #expect(Tensor.zeros([0, 1 << 40]).scalarCount == 0)
    }
}
