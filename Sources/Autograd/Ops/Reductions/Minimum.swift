// Minima and arg-minima: the maxima of the negation, so they share the maximum's rule (ties
// share the derivative equally) and its kernel (the first index wins ties, the first NaN
// wins over numbers, as in NumPy).

// MARK: - Minimum

extension Tensor {
    /// The minimum along `axes` (negative axes count from the end); ties share the derivative
    /// equally, as for `max`. Reduced axes are removed, or kept with size 1 when `keepingDims`
    /// is true. A NaN wins (NumPy's `min`). Traps when one of `axes` is empty: the minimum of
    /// no elements is undefined (PyTorch raises too).
    ///
    ///     y = min_axes x = −max_axes(−x)   ∂y/∂xᵢ = 1/k at each of the k minimal elements, else 0
    public func min(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        reduced(alongAxes: axes, keepingDims: keepingDims, operation: "min(alongAxes:)") { reduced in
            -(-self).maximumKeepingDims(reduced, operation: "min(alongAxes:)")
        }
    }

    /// The minimum along the given axes; see `min(alongAxes:keepingDims:)`.
    public func min(alongAxes axes: Int..., keepingDims: Bool = false) -> Tensor {
        min(alongAxes: axes, keepingDims: keepingDims)
    }

    /// The smallest element, as a scalar. Traps when the tensor has no elements.
    public func min() -> Tensor {
        check(scalarCount > 0, "min(): the tensor of shape \(shape) has no elements; the minimum of no elements is undefined")
        return min(alongAxes: Array(0..<rank))
    }
}

// MARK: - Arg-minimum

extension Tensor {
    /// The index of the smallest element along `axis` (the first one on ties; the first NaN
    /// if there is one, as NumPy's `argmin`), with that axis removed. A float64 constant (whole
    /// numbers, exact); `argminIndices(alongAxis:)` gives the same as `[Int]`.
    public func argmin(alongAxis axis: Int) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, operation: "argmin(alongAxis:)")
        return indexTensor(argminIndices(alongAxis: axis), removingAxis: axis)
    }

    /// The indices of `argmin(alongAxis:)` as integers, in row-major order.
    public func argminIndices(alongAxis axis: Int) -> [Int] {
        let axis = normalizedAxis(axis, rank: rank, operation: "argminIndices(alongAxis:)")
        check(shape[axis] > 0, "argmin(alongAxis:): axis \(axis) of shape \(shape) is empty")
        return Kernels.argmax((-detached()).storage, shape: shape, axis: axis)
    }
}
