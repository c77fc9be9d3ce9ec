// Closed forms for the composition matrix. Every function the matrix builds is a transform
// tower over sin applied elementwise, so each result is an elementwise derivative of sin,
// sin⁽ᵏ⁾(x) = sin(x + kπ/2), times constants, laid out as a scalar sum, a vector, or a
// diagonal of rank 2 or 3. Each transform changes that description in a way derived by hand
// below, so the expected value of any nesting is known without differentiating anything.
import Foundation

/// The closed form of a function of a vector x of n elements:
/// aᵢ = multiplierᵢ · sin⁽ᵏ⁾(xᵢ) with k = `order`, laid out by `rank`: 0 is Σᵢ aᵢ,
/// 1 is the vector a, 2 is diag(a), 3 is the rank-3 diagonal T[i, i, i] = aᵢ.
struct ClosedForm: Sendable {
    var rank: Int
    var order: Int
    var multiplier: [Double]

    /// The function's values at `x`, in row-major order.
    func values(at x: [Double]) -> [Double] {
        let a = x.indices.map { multiplier[$0] * Foundation.sin(x[$0] + Double(order) * .pi / 2) }
        guard rank > 0 else { return [a.reduce(0, +)] }
        let n = x.count
        var result = [Double](repeating: 0, count: Int(pow(Double(n), Double(rank))))
        for i in 0..<n { result[i * diagonalStride(n: n)] = a[i] }
        return result
    }

    /// The shape of the function's values for an input of n elements.
    func shape(n: Int) -> [Int] { Array(repeating: n, count: rank) }

    /// The flat-index step between diagonal entries (i, …, i) and (i+1, …, i+1).
    func diagonalStride(n: Int) -> Int { (0..<rank).reduce(0) { stride, _ in stride * n + 1 } }

    // MARK: - How each kind of transform changes the closed form

    /// ⟨F(x), C⟩ for a constant C of F's shape: the sum of multiplierᵢ · C[i, …, i] · sin⁽ᵏ⁾(xᵢ)
    /// (C's off-diagonal entries meet zeros of F).
    func innerProduct(with c: [Double]) -> ClosedForm {
        let n = multiplier.count
        let diagonal = (0..<n).map { rank == 0 ? c[0] : c[$0 * diagonalStride(n: n)] }
        return ClosedForm(rank: 0, order: order, multiplier: zip(multiplier, diagonal).map(*))
    }

    /// The directional derivative along v: same layout, aᵢ′ · vᵢ.
    func differentiated(along v: [Double]) -> ClosedForm {
        ClosedForm(rank: rank, order: order + 1, multiplier: zip(multiplier, v).map(*))
    }

    /// The Jacobian: one more axis, along the diagonal (each aᵢ depends on xᵢ only).
    func jacobian() -> ClosedForm { ClosedForm(rank: rank + 1, order: order + 1, multiplier: multiplier) }
}
