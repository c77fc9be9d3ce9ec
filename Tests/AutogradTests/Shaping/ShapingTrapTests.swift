import AutogradTestSupport
import Testing
import Autograd

/// Misuse of the shape and selection ops traps with a message naming the op and the shapes
/// or values involved (checked in the child's standard error), one test per kind of misuse.
@Suite("Bad input traps: shaping and selection")
struct ShapingTrapTests {
    @Test("split sizes that do not add up to the axis")
    func splitSizes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 5]).split(sizes: [2, 2], alongAxis: 1)
        }
        #expect(standardError(of: result).contains("split(sizes:alongAxis:): sizes [2, 2] must be non-negative and add up to 5, the size of axis 1 of shape [2, 5]"))
    }

    @Test("split of a scalar")
    func splitScalar() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(1).split(sizes: [1])
        }
        #expect(standardError(of: result).contains("split(sizes:alongAxis:): needs at least one axis, got a scalar"))
    }

    @Test("chunked into no parts")
    func chunkCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([4]).chunked(0)
        }
        #expect(standardError(of: result).contains("chunked(_:alongAxis:): needs a count of at least 1, got 0 for shape [4]"))
    }

    @Test("chunked along an axis out of range")
    func chunkAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 2]).chunked(2, alongAxis: -3)
        }
        #expect(standardError(of: result).contains("chunked(_:alongAxis:): axis -3 is out of range for rank 2"))
    }

    @Test("squeezing an axis whose size is not 1")
    func squeezeSize() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([1, 3]).squeezed(axes: -1)
        }
        #expect(standardError(of: result).contains("squeezed(axes:): axis -1 of shape [1, 3] has size 3, not 1"))
    }

    @Test("squeezing one axis twice")
    func squeezeRepeated() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([1, 3]).squeezed(axes: 0, -2)
        }
        #expect(standardError(of: result).contains("squeezed(axes:): axes [0, -2] repeat an axis of shape [1, 3]"))
    }

    @Test("expanding at an axis beyond the result's rank")
    func expandAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).expandingShape(at: 3)
        }
        #expect(standardError(of: result).contains("expandingShape(at:): axis 3 is out of range for rank 3"))
    }

    @Test("expanding at one axis twice")
    func expandRepeated() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).expandingShape(at: 0, -4)
        }
        #expect(standardError(of: result).contains("expandingShape(at:): axes [0, -4] repeat an axis of the result for shape [2, 3]"))
    }

    @Test("flattening from an axis after the end axis")
    func flattenOrder() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3, 4]).flattened(startAxis: 2, endAxis: 1)
        }
        #expect(standardError(of: result).contains("flattened(startAxis:endAxis:): start axis 2 comes after end axis 1 for shape [2, 3, 4]"))
    }

    @Test("flattening a scalar from axis 1")
    func flattenScalar() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(1).flattened(startAxis: 1)
        }
        #expect(standardError(of: result).contains("flattened(startAxis:endAxis:): axes 1 and -1 are out of range for a scalar"))
    }

    @Test("tiling a negative number of times")
    func tileNegative() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([3]).tiled(2, -1)
        }
        #expect(standardError(of: result).contains("tiled(_:): multiples [2, -1] must not be negative, for shape [3]"))
    }

    @Test("padding with a pair of widths per axis missing")
    func padCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).padded([(1, 1)])
        }
        #expect(standardError(of: result).contains("padded(_:mode:): needs one pair of widths per axis of shape [2, 3], got [(1, 1)]"))
    }

    @Test("padding by a negative width")
    func padNegative() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).padded([(0, 0), (-1, 2)])
        }
        #expect(standardError(of: result).contains("padded(_:mode:): widths [(0, 0), (-1, 2)] must not be negative, for shape [2, 3]"))
    }

    @Test("reflecting by as much as the axis's size")
    func reflectTooWide() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).padded([(1, 1), (1, 3)], mode: .reflect)
        }
        #expect(standardError(of: result).contains("padded(_:mode:): reflected widths (1, 3) of axis 1 must be less than its size in shape [2, 3]"))
    }

    @Test("where with a condition that is not 0 or 1")
    func whereCondition() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.where(Tensor([1, 0.5, 0]), Tensor.ones([3]), Tensor.zeros([3]))
        }
        #expect(standardError(of: result).contains("where: the condition of shape [3] must hold only 0 and 1, found 0.5"))
    }

    @Test("where with shapes that do not broadcast")
    func whereShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.where(Tensor.ones([2, 3]), Tensor.ones([2, 3]), Tensor.zeros([2]))
        }
        #expect(standardError(of: result).contains("where: shapes [2, 3] and [2] do not broadcast"))
    }

    @Test("clamping with min above max")
    func clampOrder() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2]).clamped(min: 2, max: 1)
        }
        #expect(standardError(of: result).contains("clamped(min:max:): needs min ≤ max and no NaN, got min 2.0 and max 1.0"))
    }

    @Test("clamping with no bound")
    func clampNoBound() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2]).clamped()
        }
        #expect(standardError(of: result).contains("clamped(min:max:): needs at least one bound, got neither"))
    }

    @Test("maximum of shapes that do not broadcast")
    func maximumShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = maximum(Tensor.ones([2, 3]), Tensor.ones([2]))
        }
        #expect(standardError(of: result).contains("maximum: shapes [2, 3] and [2] do not broadcast"))
    }
}
