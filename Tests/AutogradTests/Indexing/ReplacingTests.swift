import AutogradTestSupport
import Testing
@testable import Autograd

/// `replacing(_:with:)` (JAX's `x.at[...].set`) and assignment through a subscript on leaves.
@Suite("Slicing: replacing a slice and assigning through a subscript")
struct ReplacingTests {
    @Test("replacing matches NumPy's assignment into a copy, in both element types", arguments: DType.allCases)
    func values(_ dtype: DType) {
        let x = SlicingTests.block(dtype)
        // y = x.copy(); y[0, 1:3] = [-1, -2, -3, -4] (broadcast over the two rows), NumPy 2.4.6.
        let row = Tensor([-1.0, -2, -3, -4]).converted(to: dtype)
        let y = x.replacing(0, 1..<3, with: row)
        #expect(y.dtype == dtype && y.shape == [2, 3, 4])
        #expect(y.scalars == [0, 1, 2, 3, -1, -2, -3, -4, -1, -2, -3, -4] + (12..<24).map(Double.init))
        // y = x.copy(); y[..., 1] = 0, NumPy 2.4.6.
        #expect(x.replacing(.ellipsis, 1, with: Tensor(0, dtype: dtype)).scalars
            == [0, 0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12, 0, 14, 15, 16, 0, 18, 19, 20, 0, 22, 23])
        #expect(x.scalars == (0..<24).map(Double.init), "the input is unchanged")
        // Mixed types promote.
        #expect(x.replacing(..., 0, with: Tensor(1.0)).dtype == .float64)
    }

    @Test("gradients in x (slice zeroed) and in broadcast values (summed), against PyTorch", arguments: DType.allCases)
    func gradients(_ dtype: DType) {
        let x = SlicingTests.block(dtype)
        let v = Tensor([10.0, 20, 30, 40]).converted(to: dtype)
        let w = Tensor(shape: [2, 3, 4], scalars: (1...24).map(Double.init)).converted(to: dtype)
        // PyTorch 2.13: y = x.clone(); y[0, 1:3] = v; (y * w).sum().backward() gives x.grad, v.grad.
        let (gx, gv) = gradient(at: x, v) { x, v in (x.replacing(0, 1..<3, with: v) * w).sum() }
        #expect(gx.scalars == [1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0] + (13...24).map(Double.init))
        #expect(gv.scalars == [14, 16, 18, 20])
        // By hand: the tangent is ẋ outside the slice and v̇ inside it.
        let tangent = jvp(at: [x, v], tangents: [x.filled(with: 1), v.filled(with: 5)]) { $0[0].replacing(1, 2, with: $0[1]) }.tangent
        #expect(tangent.scalars == [Double](repeating: 1, count: 20) + [5, 5, 5, 5])
    }

    @Test("second order in x and values, float64 and float32", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = Tensor.randomNormal([3, 4], seed: 41, dtype: dtype)
        let v = Tensor.randomNormal([4], seed: 42, dtype: dtype)
        let functions: [(String, ([Tensor]) -> Tensor)] = [
            ("sin(x.replacing(1..., ::2, with: v²[:2]))", { sin($0[0].replacing(1..., .range(..., stride: 2), with: $0[1][..<2] * $0[1][..<2])) }),
            ("x.replacing(0, with: exp v) · x", { $0[0].replacing(0, with: exp($0[1])) * $0[0] }),
            ("x.replacing(..., ::-1 of 1, with: v[1:3] broadcast)", { x in
                let y = x[0].replacing(..., .range(1..<3, stride: -1), with: x[1][1..<3].reshaped(to: [1, 2]))
                return y * y
            }),
        ]
        for (name, f) in functions {
            let report = checkGradients(at: [x, v], order: 2, of: f)
            #expect(report.passed, "\(name), \(dtype): \(report)")
        }
    }

    @Test("assigning through a subscript writes into a leaf and bumps its version")
    func subscriptAssignment() {
        let x = SlicingTests.block().requiringGradient()
        x[..., 1] = Tensor([-1.0, -2, -3, -4])
        #expect(x.version == 1)
        // y = np.arange(24.).reshape(2, 3, 4); y[:, 1] = [-1, -2, -3, -4], NumPy 2.4.6.
        #expect(x.scalars == [0, 1, 2, 3, -1, -2, -3, -4, 8, 9, 10, 11, 12, 13, 14, 15, -1, -2, -3, -4, 20, 21, 22, 23])
        x[1, -1, .range(..., stride: 2)] = Tensor(7.0)
        #expect(x.version == 2)
        #expect(x[1, -1].scalars == [7, 21, 7, 23])
        #expect(x.requiresGrad && gradient(at: x) { $0[0, 0, 0] * 3 }.scalars == [3] + [Double](repeating: 0, count: 23))
    }
}

/// Assignment through a subscript traps on results of operations and invalidates older graphs.
@Suite("Slicing: subscript assignment traps")
struct SubscriptAssignmentTrapTests {
    @Test("assigning into the result of an operation")
    func nonLeaf() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let y = Tensor.ones([2, 3]).requiringGradient() * 2
            y[0] = Tensor.zeros([3])
        }
        #expect(standardError(of: result).contains("subscript assignment: only a leaf can be overwritten; this tensor of shape [2, 3] is the result of '*'"))
    }

    @Test("backward through a graph recorded before a subscript assignment")
    func staleGraph() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1.0, 2, 3]).requiringGradient()
            let loss = (w * w).sum()
            w[1...] = Tensor(0.0)
            loss.backward()
        }
        #expect(standardError(of: result).contains("was overwritten (assign(_:), add(_:scaledBy:) or convert(to:)) after the operation was recorded"))
    }

    @Test("assigning a value of another element type")
    func dtypeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor.ones([2, 3], dtype: .float32)
            w[0] = Tensor.zeros([3])
        }
        #expect(standardError(of: result).contains("subscript assignment: a float64 value cannot be written into a float32 tensor of shape [2, 3]"))
    }

    @Test("assigning a value that does not broadcast to the slice")
    func shapeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor.ones([2, 3])
            w[..., 1...] = Tensor.zeros([3])
        }
        #expect(standardError(of: result).contains("subscript assignment: values of shape [3] do not broadcast to the slice's shape [2, 2] of a tensor of shape [2, 3]"))
    }
}
