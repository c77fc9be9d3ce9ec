// Joining tensors of one shape along a new axis. A primitive with one input per part, so a
// stack of k parts costs O(n) for n elements in the result (concatenation, built from
// scatters, costs O(k·n)); Jacobians and Hessians are assembled with it.

// MARK: - Stack along a new first axis

extension Tensor {
    /// The parts, all of this shape, one after another along a new first axis.
    ///
    ///     y[i] = xᵢ        x̄ᵢ = ȳ[i]        ẏ = stack(ẋᵢ)   (a part without a tangent adds zeros)
    static func stackedAlongFirstAxis(_ parts: [Tensor]) -> Tensor {
        let partShape = parts[0].shape
        let partCount = parts[0].scalarCount
        return primitive(
            "stacked", shape: [parts.count] + partShape, storage: TensorStorage.joined(parts.map(\.storage)), inputs: parts,
            pullback: { g, _, isNeeded in
                parts.indices.map { index in
                    isNeeded(index) ? g.gathering(offsets: Array(index * partCount..<(index + 1) * partCount), shape: partShape) : nil
                }
            },
            differential: { tangents, _ in
                stackedAlongFirstAxis(zip(tangents, parts).map { tangent, part in tangent ?? part.filled(with: 0) })
            })
    }
}

// MARK: - Public stacking

/// The tensors, which must share one shape, joined along a new axis at position `axis`
/// (0 by default; negative values count from the end of the result's axes), as NumPy's
/// and PyTorch's `stack`.
///
///     y[…, i, …] = xᵢ        x̄ᵢ = the slice of ȳ at i        ẏ = stacked(ẋᵢ)
///
/// Traps when `tensors` is empty or the shapes differ. Mixed types promote (to float64).
/// - Complexity: O(n) for n elements in the result.
public func stacked(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
    check(!tensors.isEmpty, "stacked: needs at least one tensor")
    let partShape = tensors[0].shape
    check(tensors.allSatisfy { $0.shape == partShape }, "stacked: the tensors have different shapes \(tensors.map(\.shape))")
    let axis = normalizedAxis(axis, rank: partShape.count + 1, operation: "stacked")
    let dtype = tensors.map(\.dtype).reduce(tensors[0].dtype) { $0.promoted(with: $1) }
    let alongFirst = Tensor.stackedAlongFirstAxis(tensors.map { $0.converted(to: dtype) })
    // Axis `axis` of the result is the new first axis; the others keep their order.
    return alongFirst.permuted(Array(1..<(axis + 1)) + [0] + Array((axis + 1)..<(partShape.count + 1)))
}
