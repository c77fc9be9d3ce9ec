import AutogradTestSupport
import Testing
import Autograd

/// split, chunked, squeezed, expandingShape, flattened, tiled and padded: values and
/// gradients against PyTorch/NumPy, edge cases (empty parts, size-1 axes, negative axes), and
/// every rule to second order against central differences, in float64 and float32.
@Suite("Shape ops")
struct ShapeOpTests {
    /// The tolerance of a comparison with float64 reference values.
    static func tolerance(_ dtype: DType) -> Double { dtype == .float32 ? 1e-6 : 1e-12 }

    /// 0, 1, …, count − 1 in `shape`, in `dtype`.
    static func counting(_ shape: [Int], _ dtype: DType) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map(Double.init)).converted(to: dtype)
    }

    @Test("split matches torch.split, an empty part included, and its gradient routes each part back", arguments: DType.allCases)
    func splitValues(dtype: DType) {
        let x = Self.counting([2, 5], dtype)
        let parts = x.split(sizes: [2, 0, 3], alongAxis: -1)
        // PyTorch 2.13.0: torch.split(torch.arange(10.).reshape(2, 5), [2, 0, 3], dim=-1).
        #expect(parts.map(\.shape) == [[2, 2], [2, 0], [2, 3]])
        #expect(parts.map(\.scalars) == [[0, 1, 5, 6], [], [2, 3, 4, 7, 8, 9]])
        #expect(parts.allSatisfy { $0.dtype == dtype })
        let weight = Tensor([1, -1, 3.0]).converted(to: dtype)
        let g = gradient(at: x) { x in
            let parts = x.split(sizes: [2, 0, 3], alongAxis: 1)
            return parts[0].sum() * 2 + (parts[2] * weight).sum()
        }
        // PyTorch 2.13.0: (parts[0].sum()*2 + (parts[2]*torch.tensor([1., -1, 3])).sum()).backward(); x.grad.
        #expect(g.scalars == [2, 2, 1, -1, 3, 2, 2, 1, -1, 3])
    }

    @Test("chunked matches torch.chunk for uneven and empty axes", arguments: DType.allCases)
    func chunkValues(dtype: DType) {
        // PyTorch 2.13.0: torch.chunk(torch.arange(10.).reshape(5, 2), 4, dim=0) has 3 chunks.
        let chunks = Self.counting([5, 2], dtype).chunked(4)
        #expect(chunks.map(\.shape) == [[2, 2], [2, 2], [1, 2]])
        #expect(chunks.map(\.scalars) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        // torch.chunk(torch.arange(7.), 3): sizes 3, 3, 1; torch.chunk(torch.empty(0, 2), 3): three empty chunks.
        #expect(Self.counting([7], dtype).chunked(3).map(\.shape) == [[3], [3], [1]])
        #expect(Tensor.zeros([0, 2], dtype: dtype).chunked(3).map(\.shape) == [[0, 2], [0, 2], [0, 2]])
        // Along the last axis by a negative index; one chunk is the tensor whole.
        #expect(Self.counting([2, 3], dtype).chunked(2, alongAxis: -1).map(\.scalars) == [[0, 1, 3, 4], [2, 5]])
        #expect(Self.counting([2, 3], dtype).chunked(1).map(\.scalars) == [[0, 1, 2, 3, 4, 5]])
    }

    @Test("squeezed, expandingShape and flattened give torch's and NumPy's shapes")
    func axisShapes() {
        let x = Self.counting([1, 3, 1, 2], .float64)
        // np.squeeze(x, axis=(0, -2)).shape == (3, 2); np.squeeze(x).shape == (3, 2).
        #expect(x.squeezed(axes: 0, -2).shape == [3, 2])
        #expect(x.squeezed(axes: 2).shape == [1, 3, 2])
        #expect(x.squeezed().shape == [3, 2] && x.squeezed().scalars == x.scalars)
        #expect(x.squeezed(axes: []).shape == x.shape)
        // torch.unsqueeze(zeros(2, 3), -1).shape == (2, 3, 1), dim -3 gives (1, 2, 3);
        // np.expand_dims(zeros((2, 3)), (0, -1)).shape == (1, 2, 3, 1).
        let m = Self.counting([2, 3], .float64)
        #expect(m.expandingShape(at: -1).shape == [2, 3, 1])
        #expect(m.expandingShape(at: -3).shape == [1, 2, 3])
        #expect(m.expandingShape(at: 0, -1).shape == [1, 2, 3, 1])
        #expect(Tensor(2).expandingShape(at: 0).shape == [1])
        // torch.flatten: whole tensor, a middle range, negative axes, a scalar (shape (1,)).
        let t = Self.counting([2, 3, 4, 5], .float64)
        #expect(t.flattened().shape == [120])
        #expect(t.flattened(startAxis: 1, endAxis: 2).shape == [2, 12, 5])
        #expect(t.flattened(startAxis: -2).shape == [2, 3, 20])
        #expect(t.flattened(startAxis: 2, endAxis: 2).shape == t.shape)
        #expect(Tensor(3).flattened().shape == [1] && Tensor(3).flattened().scalars == [3])
    }

    @Test("tiled matches torch.tile, with fewer and more multiples than axes", arguments: DType.allCases)
    func tileValues(dtype: DType) {
        let x = Self.counting([2, 3], dtype)
        // PyTorch 2.13.0: torch.tile(torch.arange(6.).reshape(2, 3), (2,)) and (2, 1, 2).
        #expect(x.tiled(2).shape == [2, 6])
        #expect(x.tiled(2).scalars == [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5])
        let deeper = x.tiled(2, 1, 2)
        #expect(deeper.shape == [2, 2, 6])
        #expect(deeper.scalars == [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5])
        // torch.tile(torch.tensor(2.), (0,)).shape == (0,).
        #expect(Tensor(2).tiled(0).shape == [0])
        let weight = (Self.counting([4, 6], dtype) * 0.5 - 3)
        // PyTorch 2.13.0: w = torch.arange(24.).reshape(4, 6)*0.5 − 3; (torch.tile(x, (2, 2))*w).sum().backward().
        #expect(gradient(at: x) { ($0.tiled(2, 2) * weight).sum() }.scalars == [3, 5, 7, 15, 17, 19])
    }

    @Test("padded matches np.pad (reflect, constant) and PyTorch's gradients", arguments: DType.allCases)
    func padValues(dtype: DType) {
        let x = Self.counting([3, 4], dtype)
        // NumPy 2.4.6: np.pad(np.arange(12.).reshape(3, 4), ((1, 2), (2, 1)), mode='reflect').
        let reflected = x.padded([(1, 2), (2, 1)], mode: .reflect)
        #expect(reflected.shape == [6, 7])
        #expect(reflected.scalars == [
            6, 5, 4, 5, 6, 7, 6, 2, 1, 0, 1, 2, 3, 2, 6, 5, 4, 5, 6, 7, 6, 10, 9, 8, 9, 10, 11, 10,
            6, 5, 4, 5, 6, 7, 6, 2, 1, 0, 1, 2, 3, 2,
        ])
        // np.pad(..., ((0, 1), (2, 0)), mode='constant', constant_values=7.5).
        let constant = x.padded([(0, 1), (2, 0)], mode: .constant(7.5))
        #expect(constant.shape == [4, 6])
        #expect(constant.scalars == [
            7.5, 7.5, 0, 1, 2, 3, 7.5, 7.5, 4, 5, 6, 7, 7.5, 7.5, 8, 9, 10, 11, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5,
        ])
        #expect(x.padded([(1, 0), (0, 0)]).scalars == [0, 0, 0, 0] + x.scalars)
        // PyTorch 2.13.0: (F.pad(x[None], (2, 1, 1, 2), mode='reflect')[0] * w).sum().backward(),
        // w = torch.arange(42.).reshape(6, 7)*0.25 − 2; mirrored copies add up.
        let reflectWeight = Self.counting([6, 7], dtype) * 0.25 - 2
        expectClose(gradient(at: x) { ($0.padded([(1, 2), (2, 1)], mode: .reflect) * reflectWeight).sum() }.scalars,
                    [7.5, 15, 24.5, 9, 6, 12, 21, 8.25, 3.75, 7.5, 12.25, 4.5])
        // (F.pad(x, (2, 0, 0, 1), value=7.5) * w).sum().backward(), w = torch.arange(24.).reshape(4, 6)*0.25 − 2.
        let constantWeight = Self.counting([4, 6], dtype) * 0.25 - 2
        expectClose(gradient(at: x) { ($0.padded([(0, 1), (2, 0)], mode: .constant(7.5)) * constantWeight).sum() }.scalars,
                    [-1.5, -1.25, -1, -0.75, 0, 0.25, 0.5, 0.75, 1.5, 1.75, 2, 2.25])
    }

    @Test("reflection may leave an axis of size 1 alone, and pads an axis of size 2 by 1")
    func padEdges() {
        // np.pad([[5., 6.]], ((0, 0), (1, 1)), mode='reflect') == [[6, 5, 6, 5]].
        #expect(Tensor([[5.0, 6]]).padded([(0, 0), (1, 1)], mode: .reflect).scalars == [6, 5, 6, 5])
    }

    /// The shape ops inside nonlinear functions, so that second derivatives are not zero.
    static let cases: [DifferentiableCase] = [
        .init("split, uneven, with an empty part", [sample([2, 5], seed: 1)]) { x in
            let parts = x[0].split(sizes: [2, 0, 3], alongAxis: -1)
            return concatenate([sin(parts[2]), parts[0] * parts[0], parts[1]], alongAxis: 1)
        },
        .init("chunked, uneven", [sample([5, 2], seed: 2)]) { x in
            let chunks = x[0].chunked(3)
            return concatenate([chunks[2], chunks[0] * chunks[1]])
        },
        .init("squeezed, expandingShape, flattened", [sample([1, 3, 1], seed: 3)]) { x in
            let reshaped = x[0].squeezed(axes: 0).expandingShape(at: -1, 0).flattened(startAxis: 1, endAxis: -2)
            return sin(reshaped) * x[0].squeezed().flattened()
        },
        .init("tiled", [sample([2, 3], seed: 4)]) { x in sin(x[0].tiled(2, 1, 3)) * x[0].tiled(3) },
        .init("padded, reflect", [sample([3, 4], seed: 5)]) { x in
            let padded = x[0].padded([(1, 2), (2, 1)], mode: .reflect)
            return padded * padded
        },
        .init("padded, constant", [sample([3, 4], seed: 6)]) { x in
            let padded = x[0].padded([(0, 1), (2, 0)], mode: .constant(7.5))
            return padded * sin(padded)
        },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases, DType.allCases)
    func gradientCheck(_ testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }
}
