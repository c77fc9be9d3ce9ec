// Einstein summation, lowered to differentiable ops with no rules of their own: a gather for a
// diagonal, sums, permutes, reshapes, elementwise products and `matmul` for every contraction.

// MARK: - einsum

/// Einstein summation over `operands` as `specification` says (`numpy.einsum`, `torch.einsum`):
/// `"ij,jk->ik"` is a matrix product, `"bij,bjk->bik"` a batched one, `"i,i->"` a dot product,
/// `"ii->i"` a diagonal, `"ij->ji"` a transpose. An index repeated within one operand takes its
/// diagonal; an index absent from the output is summed over. Without `->` the output is the
/// indices that appear once, sorted. An ellipsis `...` stands for the axes a term's letters
/// leave over, which broadcast across operands as NumPy's do (`"...ij,...jk->...ik"` is
/// `matmul`); without `->` they lead the output.
///
///     Y[out] = Σ_{indices not in out} Πₖ Xₖ[termₖ]
///
/// Operands are contracted pairwise from left to right, each contraction one (batched) `matmul`
/// on permuted and reshaped operands, so the rules are those of the ops it is built from.
/// Traps naming `einsum`, the specification and the shapes when the specification is malformed
/// (an unknown character, a second ellipsis in a term, a repeated output index, an output index
/// in no input) or does not fit the operands (their count, a rank, an index with two sizes, axes
/// under `...` that do not broadcast, or such axes with no `...` in an explicit output).
public func einsum(_ specification: String, _ operands: [Tensor]) -> Tensor {
    let parsed = EinsumSpecification(specification, shapes: operands.map(\.shape))
    let output = Set(parsed.output)
    var terms = zip(operands, parsed.inputs).map { EinsumTerm(tensor: $0, labels: $1) }
    for index in terms.indices {
        let elsewhere = parsed.inputs.indices.filter { $0 != index }.flatMap { parsed.inputs[$0] }
        terms[index] = terms[index].diagonal().summed(keeping: output.union(elsewhere))
    }
    var result = terms[0]
    for index in terms.indices.dropFirst() {
        result = result.contracted(with: terms[index], keeping: output.union(parsed.inputs[(index + 1)...].joined()))
    }
    return result.summed(keeping: output).arranged(as: parsed.output).tensor
}

/// Einstein summation over `operands`; see `einsum(_:_:)` with an array.
public func einsum(_ specification: String, _ operands: Tensor...) -> Tensor {
    einsum(specification, operands)
}

// MARK: - Labelled tensors

/// A tensor whose axes carry einsum's index labels.
private struct EinsumTerm {
    var tensor: Tensor
    var labels: [Character]

    /// The sizes of this tensor's axes labelled `labels` (1 where an axis under `...` broadcasts).
    func shape(_ labels: [Character]) -> [Int] { labels.map { tensor.shape[self.labels.firstIndex(of: $0)!] } }

    /// Each repeated label taken once, along the diagonal of its axes (a gather), in order of
    /// first appearance.
    func diagonal() -> EinsumTerm {
        var unique: [Character] = []
        for label in labels where !unique.contains(label) { unique.append(label) }
        guard unique.count < labels.count else { return self }
        let strides = contiguousStrides(tensor.shape)
        let diagonalStrides = unique.map { label in labels.indices.filter { labels[$0] == label }.map { strides[$0] }.reduce(0, +) }
        let shape = shape(unique)
        var offsets = [Int](repeating: 0, count: shape.reduce(1, *))
        forEachIndex(of: shape, strides: diagonalStrides, diagonalStrides) { position, offset, _ in offsets[position] = offset }
        return EinsumTerm(tensor: tensor.gathering(offsets: offsets, shape: shape), labels: unique)
    }

    /// The sum over the axes whose labels are not in `kept`.
    func summed(keeping kept: Set<Character>) -> EinsumTerm {
        let axes = labels.indices.filter { !kept.contains(labels[$0]) }
        guard !axes.isEmpty else { return self }
        return EinsumTerm(tensor: tensor.sum(alongAxes: axes), labels: labels.filter(kept.contains))
    }

    /// The axes permuted into the order of `order` (a permutation of the labels).
    func arranged(as order: [Character]) -> EinsumTerm {
        EinsumTerm(tensor: tensor.permuted(order.map { labels.firstIndex(of: $0)! }), labels: order)
    }

    /// The product with `other`, summed over the shared labels not in `kept` and keeping the
    /// rest: shared kept labels are batch axes, the summed ones the inner axis of one `matmul`
    /// (an elementwise product when none is summed). Each operand is permuted only when its
    /// axes are not already in an order the product reads, transposed or not. A summed label
    /// has one size on both sides: only the axes under `...` broadcast, and they are never
    /// summed (an explicit output must keep them).
    func contracted(with other: EinsumTerm, keeping kept: Set<Character>) -> EinsumTerm {
        let left = summed(keeping: kept.union(other.labels))
        let right = other.summed(keeping: kept.union(labels))
        let batch = left.labels.filter { right.labels.contains($0) && kept.contains($0) }
        let inner = left.labels.filter { right.labels.contains($0) && !kept.contains($0) }
        let leftOnly = left.labels.filter { !right.labels.contains($0) }
        let rightOnly = right.labels.filter { !left.labels.contains($0) }
        let resultLabels = batch + leftOnly + rightOnly
        guard !inner.isEmpty else {
            let ones = { (count: Int) in [Int](repeating: 1, count: count) }
            let l = left.arranged(as: batch + leftOnly).tensor.reshaped(to: left.shape(batch + leftOnly) + ones(rightOnly.count))
            let r = right.arranged(as: batch + rightOnly).tensor
                .reshaped(to: right.shape(batch) + ones(leftOnly.count) + right.shape(rightOnly))
            return EinsumTerm(tensor: l * r, labels: resultLabels)
        }
        let (rows, depth, columns) = (left.shape(leftOnly).reduce(1, *), left.shape(inner).reduce(1, *), right.shape(rightOnly).reduce(1, *))
        let transposingA = !leftOnly.isEmpty && left.labels == batch + inner + leftOnly
        let transposingB = !rightOnly.isEmpty && right.labels == batch + rightOnly + inner
        let a = left.arranged(as: transposingA ? batch + inner + leftOnly : batch + leftOnly + inner).tensor
            .reshaped(to: left.shape(batch) + (transposingA ? [depth, rows] : [rows, depth]))
        let b = right.arranged(as: transposingB ? batch + rightOnly + inner : batch + inner + rightOnly).tensor
            .reshaped(to: right.shape(batch) + (transposingB ? [columns, depth] : [depth, columns]))
        let product = matmul(a, b, transposingA: transposingA, transposingB: transposingB)
        let batchShape = Array(product.shape.dropLast(2))
        return EinsumTerm(tensor: product.reshaped(to: batchShape + left.shape(leftOnly) + right.shape(rightOnly)), labels: resultLabels)
    }
}
