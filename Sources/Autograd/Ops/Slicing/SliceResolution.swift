// From the entries of a subscript to the strided region of the tensor's values they select.
// Every bad subscript (an index outside its axis, too many indices, two ellipses, a zero
// step) traps here, naming the operation and the shape.

extension Tensor {
    /// The region of this tensor's values that `indices` select, in the shape of the result.
    ///
    /// Traps when an index or a range bound is outside its axis, a range is reversed, a stride
    /// is zero, more axes are indexed than the tensor has, or two ellipses appear.
    func region(selectedBy indices: [TensorIndex], operation: String) -> StridedRegion {
        let ellipsisCount = indices.count { if case .ellipsis = $0.kind { true } else { false } }
        check(ellipsisCount <= 1, "\(operation): \(ellipsisCount) ellipses in one subscript of a tensor of shape \(shape); at most one is allowed")
        let namedCount = indices.count {
            switch $0.kind {
            case .element, .range: true
            case .ellipsis, .newAxis: false
            }
        }
        check(namedCount <= rank, "\(operation): too many indices (\(namedCount)) for a tensor of shape \(shape)")
        let inputStrides = contiguousStrides(shape)
        var region = StridedRegion(start: 0, strides: [], shape: [])
        var axis = 0
        func keepWholeAxes(upTo end: Int) {
            while axis < end {
                region.shape.append(shape[axis])
                region.strides.append(inputStrides[axis])
                axis += 1
            }
        }
        for index in indices {
            switch index.kind {
            case let .element(position):
                let size = shape[axis]
                let resolved = position < 0 ? position + size : position
                check((0..<size).contains(resolved), "\(operation): index \(position) is out of range for axis \(axis) of shape \(shape)")
                region.start += resolved * inputStrides[axis]
                axis += 1
            case let .range(lower, upper, isClosed, stride):
                let (start, step, count) = resolvedRange(
                    lower: lower, upper: upper, isClosed: isClosed, stride: stride, axis: axis, operation: operation)
                region.start += start * inputStrides[axis]
                region.strides.append(step * inputStrides[axis])
                region.shape.append(count)
                axis += 1
            case .ellipsis:
                keepWholeAxes(upTo: axis + rank - namedCount)
            case .newAxis:
                region.strides.append(0)
                region.shape.append(1)
            }
        }
        keepWholeAxes(upTo: rank)
        return region
    }

    /// The first element, the step and the count of a range's elements along `axis`.
    private func resolvedRange(
        lower: Int?, upper: Int?, isClosed: Bool, stride: Int, axis: Int, operation: String
    ) -> (start: Int, step: Int, count: Int) {
        let size = shape[axis]
        check(stride != 0, "\(operation): a range's stride must not be zero (axis \(axis) of shape \(shape))")
        func resolved(_ bound: Int, valid: Range<Int>) -> Int {
            let position = bound < 0 ? bound + size : bound
            check(valid.contains(position), "\(operation): range bound \(bound) is out of range for axis \(axis) of shape \(shape)")
            return position
        }
        let low = lower.map { resolved($0, valid: 0..<size + 1) } ?? 0
        // A closed range's upper bound is an element, which must exist; a half-open one may be the end.
        let high = upper.map { isClosed ? resolved($0, valid: 0..<size) + 1 : resolved($0, valid: 0..<size + 1) } ?? size
        check(low <= high, "\(operation): the range from \(low) to \(high) is reversed for axis \(axis) of shape \(shape)")
        let count = (high - low + Swift.abs(stride) - 1) / Swift.abs(stride)
        return stride > 0 ? (low, stride, count) : (high - 1, stride, count)
    }
}
