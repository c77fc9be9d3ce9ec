// The diagonal of a matrix, the trace, and the diagonal matrix of a vector: compositions of the
// gather and scatter primitives (Ops/Indexing.swift), with no rules of their own.

extension Tensor {
    /// The main diagonal of a matrix, square or not, as a vector of min(rows, columns) values
    /// (`torch.diagonal`, `numpy.diagonal`).
    ///
    ///     yᵢ = Xᵢᵢ         X̄ = zeros with ȳ on the diagonal,   ẏ = the diagonal of Ẋ
    ///
    /// Traps when the tensor is not a matrix.
    /// - Complexity: O(min(rows, columns)).
    public func diagonal() -> Tensor {
        check(rank == 2, "diagonal: needs a matrix, got shape \(shape)")
        let count = Swift.min(shape[0], shape[1])
        return gathering(offsets: (0..<count).map { $0 * (shape[1] + 1) }, shape: [count])
    }

    /// The sum of a square matrix's diagonal (`torch.trace`).
    ///
    ///     y = Σᵢ Xᵢᵢ        X̄ = ȳ·I,   ẏ = tr(Ẋ)
    ///
    /// Traps when the tensor is not a square matrix.
    /// - Complexity: O(n).
    public func trace() -> Tensor {
        check(rank == 2 && shape[0] == shape[1], "trace: needs a square matrix, got shape \(shape)")
        return diagonal().sum()
    }

    /// The n × n matrix with `vector` on its diagonal and zeros elsewhere (`torch.diag(v)`,
    /// `torch.diag_embed`, `numpy.diag(v)`); `diagonal()` is its inverse.
    ///
    ///     Y = diag(v)        v̄ = the diagonal of Ȳ,   Ẏ = diag(v̇)
    ///
    /// Traps when `vector` is not a vector.
    /// - Complexity: O(n²) (the zeros are written).
    public static func diagonalMatrix(_ vector: Tensor) -> Tensor {
        check(vector.rank == 1, "diagonalMatrix: needs a vector, got shape \(vector.shape)")
        let n = vector.shape[0]
        return vector.scattering(offsets: (0..<n).map { $0 * (n + 1) }, into: [n, n])
    }
}
