// z = ‖X⁻¹‖_F for a random well-conditioned X: the engine's gradient against the closed
// form −(1/z)·X⁻ᵀ·Y·X⁻ᵀ (Y = X⁻¹), and the forward-mode directional derivative against a
// finite difference. Usage: InverseNorm [size], default 100.
import Autograd
import Foundation

let size = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100
check(size > 0, "usage: InverseNorm [size > 0]")

// 2·I plus a small random matrix: eigenvalues stay near 2, so X is well conditioned.
let matrix = 2 * Tensor.eye(size) + Tensor.randomNormal([size, size], standardDeviation: 0.5 / Double(size).squareRoot(), seed: 42)
func inverseNorm(_ x: Tensor) throws -> Tensor { try x.inverse().frobeniusNorm() }

do {
    let (z, engineGradient) = try valueWithGradient(at: matrix, of: inverseNorm)
    let y = try matrix.inverse()
    let closedForm = -(1 / z.scalar) * matmul(matmul(y.transposed(), y), y.transposed())
    let largestDifference = zip(engineGradient.scalars, closedForm.scalars).map { abs($0 - $1) }.max() ?? 0
    let largestEntry = closedForm.scalars.map(abs).max() ?? 1
    let relativeDifference = largestDifference / largestEntry

    let direction = Tensor.randomNormal([size, size], seed: 7)
    let directional = try jvp(at: matrix, tangent: direction, of: inverseNorm).tangent.scalar
    let step = 1e-6
    let finiteDifference = try (inverseNorm(matrix + step * direction).scalar - inverseNorm(matrix - step * direction).scalar) / (2 * step)

    print("X: \(size) × \(size), z = ‖X⁻¹‖_F = \(z.scalar)")
    print("gradient vs closed form −(1/z)·X⁻ᵀ·Y·X⁻ᵀ: max difference \(largestDifference), relative \(relativeDifference)",
          relativeDifference <= 1e-10 ? "(≤ 1e-10: ok)" : "(> 1e-10: FAILED)")
    print("directional derivative along a random V: jvp \(directional), central difference \(finiteDifference)")
    print("BLAS kernels: \(BLASBackend.kernelSet)")
    if relativeDifference > 1e-10 { exit(1) }
} catch {
    print("InverseNorm: \(error)")
    exit(1)
}
