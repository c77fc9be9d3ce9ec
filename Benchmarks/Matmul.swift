import Autograd
import CLinearAlgebra

/// C = A·B for 1024 × 1024 matrices of type `dtype`, then backward with a random seed (three
/// GEMMs), against the same three products as bare `cla_dgemm` or `cla_sgemm` calls into
/// preallocated buffers: the engine's cost around BLAS.
func benchmarkMatmul(dtype: DType) {
    let size = 1_024
    let a = Tensor.randomNormal([size, size], seed: 2, dtype: dtype).requiringGradient()
    let b = Tensor.randomNormal([size, size], seed: 3, dtype: dtype).requiringGradient()
    let seed = Tensor.randomNormal([size, size], seed: 4, dtype: dtype)
    let engineSeconds = medianSeconds(repetitions: 5) {
        a.zeroGrad()
        b.zeroGrad()
        matmul(a, b).backward(seed: seed)
    }
    let bareSeconds = switch dtype {
    case .float32: bareGEMMSeconds(a, b, seed, as: Float.self, gemm: cla_sgemm)
    case .float64: bareGEMMSeconds(a, b, seed, as: Double.self, gemm: cla_dgemm)
    }
    let flops = 3 * 2 * Double(size * size * size)
    emit([
        "benchmark": "matmul-\(dtype)", "framework": "swift-autograd", "size": size, "seconds": engineSeconds,
        "gflops": flops / engineSeconds / 1e9, "bareSeconds": bareSeconds, "ratioToBare": engineSeconds / bareSeconds,
    ])
}

/// A GEMM of the shim: C = α·op(A)·op(B) + β·C, row-major.
typealias GEMM<Scalar> = (
    Bool, Bool, Int, Int, Int, Scalar, UnsafePointer<Scalar>?, Int, UnsafePointer<Scalar>?, Int,
    Scalar, UnsafeMutablePointer<Scalar>?, Int
) -> Void

/// The median seconds of C = A·B, Ā = S·Bᵀ and B̄ = Aᵀ·S as three bare `gemm` calls on square matrices.
func bareGEMMSeconds<Scalar: TensorScalar>(
    _ a: Tensor, _ b: Tensor, _ seed: Tensor, as type: Scalar.Type, gemm: GEMM<Scalar>
) -> Double {
    let size = a.shape[0]
    let (aValues, bValues, seedValues) = (a.scalars(as: type), b.scalars(as: type), seed.scalars(as: type))
    var product = [Scalar](repeating: 0, count: size * size)
    var gradientA = product, gradientB = product
    return medianSeconds(repetitions: 5) {
        gemm(false, false, size, size, size, 1, aValues, size, bValues, size, 0, &product, size)
        gemm(false, true, size, size, size, 1, seedValues, size, bValues, size, 0, &gradientA, size)
        gemm(true, false, size, size, size, 1, aValues, size, seedValues, size, 0, &gradientB, size)
    }
}
