// z = ‖X⁻¹‖_F for a random well-conditioned X: the engine's gradient against the closed
// form −(1/z)·X⁻ᵀ·Y·X⁻ᵀ (Y = X⁻¹), and the forward-mode directional derivative against a
// finite difference.
import ArgumentParser
import Autograd
import ExampleSupport
import Foundation

/// The command line, parsed and checked before any work starts.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "InverseNorm",
        abstract: "The gradient of z = ‖X⁻¹‖_F against its closed form, and jvp against a finite difference.")

    @Argument(help: "The size n of the random n × n matrix X (1...2000).")
    var size = 100

    func validate() throws { try requireInRange(size, 1...2_000, name: "<size>") }
}
let size = Options.parseOrExit().size

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
    if relativeDifference > 1e-10 { Options.exit(withError: ExitCode.failure) }
} catch {
    Options.exit(withError: error)  // prints "Error: …" to standard error, exit status 1
}
