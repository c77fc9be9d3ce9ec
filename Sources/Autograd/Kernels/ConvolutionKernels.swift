// Kernels that unfold sliding windows of an NCHW image into columns (im2col) and fold columns
// back by adding (col2im). Each is the other's transpose; a convolution is one GEMM on the
// columns. Each dispatches on the element type once (see `Kernels`).

/// Where a 2-D sliding window reads an NCHW input: the input's sizes, the kernel's, the
/// stride, the zero padding and the dilation of each spatial axis, as in PyTorch's `F.conv2d`.
struct WindowGeometry: Sendable {
    /// The input's sizes: batch, channels, height, width.
    var batch: Int, channels: Int, height: Int, width: Int
    /// The kernel's height and width.
    var kernelHeight: Int, kernelWidth: Int
    /// The step between windows along the height and the width.
    var stride: (height: Int, width: Int)
    /// The zeros added on each side of the height and of the width.
    var padding: (height: Int, width: Int)
    /// The step between a window's taps along the height and the width.
    var dilation: (height: Int, width: Int)

    /// The number of window positions along the height: ⌊(H + 2p − d·(k − 1) − 1) / s⌋ + 1.
    var outputHeight: Int {
        (height + 2 * padding.height - dilation.height * (kernelHeight - 1) - 1) / stride.height + 1
    }

    /// The number of window positions along the width: ⌊(W + 2p − d·(k − 1) − 1) / s⌋ + 1.
    var outputWidth: Int {
        (width + 2 * padding.width - dilation.width * (kernelWidth - 1) - 1) / stride.width + 1
    }

    /// The shape of the input, `[N, C, H, W]`.
    var inputShape: [Int] { [batch, channels, height, width] }

    /// The shape of the columns, `[C·kh·kw, N·outH·outW]`: one row per (channel, tap), one
    /// column per (example, window position), so one GEMM with a `[O, C·kh·kw]` weight
    /// convolves the whole batch.
    var columnsShape: [Int] {
        [channels * kernelHeight * kernelWidth, batch * outputHeight * outputWidth]
    }

    /// Visits every run of `outputWidth` column entries that share a row of the columns (one
    /// channel and tap), an example and a window row: `body(columnStart, inputRowStart,
    /// tapColumn)` when the input row they read lies inside the image (`inputRowStart` is its
    /// flat offset), `blank(columnStart)` when it lies in the padding.
    @inline(__always)
    fileprivate func forEachWindowRow(
        _ body: (_ columnStart: Int, _ inputRowStart: Int, _ tapColumn: Int) -> Void,
        blank: (_ columnStart: Int) -> Void
    ) {
        let positions = outputHeight * outputWidth
        let rowLength = batch * positions
        for channel in 0..<channels {
            for tapRow in 0..<kernelHeight {
                for tapColumn in 0..<kernelWidth {
                    let row = (channel * kernelHeight + tapRow) * kernelWidth + tapColumn
                    for example in 0..<batch {
                        let imageStart = (example * channels + channel) * height * width
                        for outputRow in 0..<outputHeight {
                            let inputRow = outputRow * stride.height - padding.height + tapRow * dilation.height
                            let columnStart = row * rowLength + example * positions + outputRow * outputWidth
                            if inputRow >= 0 && inputRow < height {
                                body(columnStart, imageStart + inputRow * width, tapColumn)
                            } else {
                                blank(columnStart)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The input column read by window column `outputColumn` at tap `tapColumn`, or `nil`
    /// in the padding.
    @inline(__always)
    fileprivate func inputColumn(_ outputColumn: Int, tapColumn: Int) -> Int? {
        let column = outputColumn * stride.width - padding.width + tapColumn * dilation.width
        return column >= 0 && column < width ? column : nil
    }
}

extension Kernels {
    /// The columns of `x` (of `geometry.inputShape`): entry `[(c, i, j), (n, p, q)]` is
    /// `x[n, c, p·s + i·d − pad, q·s + j·d − pad]`, or 0 in the padding.
    static func imageToColumns(_ x: TensorStorage, geometry: WindowGeometry) -> TensorStorage {
        switch x {
        case let .float32(values): .float32(imageToColumns(values, geometry: geometry))
        case let .float64(values): .float64(imageToColumns(values, geometry: geometry))
        }
    }

    private static func imageToColumns<T: KernelScalar>(_ x: [T], geometry: WindowGeometry) -> [T] {
        let outputWidth = geometry.outputWidth
        return x.withUnsafeBufferPointer { input in
            buffer(count: geometry.columnsShape.reduce(1, *)) { output in
                geometry.forEachWindowRow({ columnStart, inputRowStart, tapColumn in
                    for outputColumn in 0..<outputWidth {
                        output[columnStart + outputColumn] = geometry.inputColumn(outputColumn, tapColumn: tapColumn)
                            .map { input[inputRowStart + $0] } ?? 0
                    }
                }, blank: { columnStart in
                    for outputColumn in 0..<outputWidth { output[columnStart + outputColumn] = 0 }
                })
            }
        }
    }

    /// The image of `geometry.inputShape` to which every column entry of `columns` is added at
    /// the input position it was read from (`imageToColumns` transposed; entries in the
    /// padding are dropped).
    static func columnsToImage(_ columns: TensorStorage, geometry: WindowGeometry) -> TensorStorage {
        switch columns {
        case let .float32(values): .float32(columnsToImage(values, geometry: geometry))
        case let .float64(values): .float64(columnsToImage(values, geometry: geometry))
        }
    }

    private static func columnsToImage<T: KernelScalar>(_ columns: [T], geometry: WindowGeometry) -> [T] {
        let outputWidth = geometry.outputWidth
        return columns.withUnsafeBufferPointer { columns in
            buffer(count: geometry.inputShape.reduce(1, *)) { image in
                image.initialize(repeating: 0)
                geometry.forEachWindowRow({ columnStart, inputRowStart, tapColumn in
                    for outputColumn in 0..<outputWidth {
                        if let column = geometry.inputColumn(outputColumn, tapColumn: tapColumn) {
                            image[inputRowStart + column] += columns[columnStart + outputColumn]
                        }
                    }
                }, blank: { _ in })
            }
        }
    }
}
