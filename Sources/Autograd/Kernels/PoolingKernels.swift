// Index arithmetic for pooling: where each window of a pooling op reads its input.

extension Kernels {
    /// The flat offsets of every pooling window's taps in a contiguous `[planes, height, width]`
    /// input, ordered `[plane, outputRow, outputColumn, rowTap, columnTap]`.
    ///
    /// `rowTaps[o·k + j]` is the input row of tap `j` of output row `o` (`k` taps per window), or
    /// −1 when it falls in the padding; `columnTaps` likewise. A tap in the padding reads `outside`.
    static func windowOffsets(
        planeCount: Int, height: Int, width: Int, rowTaps: [Int], rowTapCount: Int,
        columnTaps: [Int], columnTapCount: Int, outside: Int
    ) -> [Int] {
        let outputRows = rowTaps.count / Swift.max(rowTapCount, 1)
        let outputColumns = columnTaps.count / Swift.max(columnTapCount, 1)
        let count = planeCount * rowTaps.count * columnTaps.count
        return [Int](unsafeUninitializedCapacity: count) { offsets, initialized in
            var index = 0
            for plane in 0..<planeCount {
                let planeStart = plane * height * width
                for outputRow in 0..<outputRows {
                    for outputColumn in 0..<outputColumns {
                        for rowTap in 0..<rowTapCount {
                            let row = rowTaps[outputRow * rowTapCount + rowTap]
                            for columnTap in 0..<columnTapCount {
                                let column = columnTaps[outputColumn * columnTapCount + columnTap]
                                offsets[index] = row < 0 || column < 0 ? outside : planeStart + row * width + column
                                index += 1
                            }
                        }
                    }
                }
            }
            initialized = count
        }
    }
}
