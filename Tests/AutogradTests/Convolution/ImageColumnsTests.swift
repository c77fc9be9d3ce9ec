import AutogradTestSupport
import Testing
@testable import Autograd

/// im2col and col2im: hand-checked columns, each the other's transpose
/// (⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩), and their rules to second order.
@Suite("im2col and col2im")
struct ImageColumnsTests {
    static func geometry(_ input: [Int], kernel: (Int, Int), stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                         dilation: (Int, Int) = (1, 1)) -> WindowGeometry {
        WindowGeometry(batch: input[0], channels: input[1], height: input[2], width: input[3],
                       kernelHeight: kernel.0, kernelWidth: kernel.1, stride: stride, padding: padding, dilation: dilation)
    }

    static let geometries: [WindowGeometry] = [
        geometry([2, 2, 4, 5], kernel: (3, 3), stride: (2, 2), padding: (1, 1)),
        geometry([1, 3, 5, 6], kernel: (2, 3), stride: (1, 2), padding: (1, 2), dilation: (2, 2)),
        geometry([2, 1, 3, 3], kernel: (1, 1)),
        geometry([1, 2, 1, 7], kernel: (1, 3), stride: (1, 3), padding: (0, 2)),
    ]

    @Test("the columns of a 1×3×3 image under a padded 2×2 window, by hand")
    func handColumns() {
        // x = [[1 2 3] [4 5 6] [7 8 9]], kernel 2×2, stride 2, padding 1: windows start at
        // rows/columns −1 and 1, so the 2×2 output's windows are the padded image's corners.
        let x = Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map(Double.init))
        let columns = x.imageToColumns(Self.geometry([1, 1, 3, 3], kernel: (2, 2), stride: (2, 2), padding: (1, 1)))
        #expect(columns.shape == [4, 4])
        #expect(columns.scalars == [
            0, 0, 0, 5,  // tap (0, 0): x[−1, −1], x[−1, 1], x[1, −1], x[1, 1]
            0, 0, 4, 6,  // tap (0, 1)
            0, 2, 0, 8,  // tap (1, 0)
            1, 3, 7, 9,  // tap (1, 1)
        ])
    }

    @Test("im2col and col2im are each other's transpose", arguments: geometries, DType.allCases)
    func adjoint(geometry: WindowGeometry, dtype: DType) {
        let x = Tensor.randomNormal(geometry.inputShape, seed: 1, dtype: dtype)
        let c = Tensor.randomNormal(geometry.columnsShape, seed: 2, dtype: dtype)
        let left = (x.imageToColumns(geometry) * c).sum().scalar
        let right = (x * c.columnsToImage(geometry)).sum().scalar
        #expect(abs(left - right) <= (dtype == .float32 ? 1e-4 : 1e-12) * max(1, abs(left)))
    }

    @Test("the rules of im2col and col2im match central differences, to second order", arguments: geometries, DType.allCases)
    func gradientCheck(geometry: WindowGeometry, dtype: DType) {
        let x = Tensor.randomNormal(geometry.inputShape, seed: 3, dtype: dtype)
        let c = Tensor.randomNormal(geometry.columnsShape, seed: 4, dtype: dtype)
        for report in [
            checkGradients(at: x, order: 2) { x in x.imageToColumns(geometry) * x.imageToColumns(geometry) },
            checkGradients(at: c, order: 2) { c in c.columnsToImage(geometry) * c.columnsToImage(geometry) },
        ] {
            #expect(report.passed, "\(report)")
        }
    }
}
