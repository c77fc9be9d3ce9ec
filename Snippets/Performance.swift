// The code of the article "Performance" (Sources/Autograd/Autograd.docc/Performance.md): the
// BLAS backend, threads, element types and the engine's per-operation cost, each measured in
// this run. Run it with `swift run -c release Performance` for meaningful times.

// snippet.hide
import Autograd
// snippet.show

// snippet.backend
// The OpenBLAS kernel set in use after the library's one-time selection, and the threads
// each BLAS call may use.
print("kernel set:", BLASBackend.kernelSet)
print("BLAS threads:", BLASBackend.threadCount)
// snippet.end

// snippet.threads
// An application that runs matrix products on threads of its own: one BLAS thread each, so
// the application's threads and OpenBLAS's pool do not compete for the cores. Set it while
// no BLAS call runs; it applies to the whole process.
let blasThreads = BLASBackend.threadCount
BLASBackend.threadCount = 1
// ... the parallel phase ...
BLASBackend.threadCount = blasThreads
// snippet.end

// snippet.time
// The median of `repetitions` timings of `body`, in milliseconds.
func medianMilliseconds(repetitions: Int = 5, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let times = (0..<repetitions).map { _ in
        let duration = clock.measure(body)
        return Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) * 1e-15
    }
    return times.sorted()[repetitions / 2]
}
// snippet.end

// snippet.dtypes
// The same product in float32 and float64: forward and backward, timed in this run.
let size = 256
for dtype in [DType.float64, .float32] {
    let a = Tensor.randomNormal([size, size], seed: 1, dtype: dtype)
    let b = Tensor.randomNormal([size, size], seed: 2, dtype: dtype)
    let milliseconds = medianMilliseconds {
        _ = gradient(at: a, b) { a, b in matmul(a, b).sum() }
    }
    print("\(dtype) matmul \(size) × \(size), value + gradient: \(milliseconds) ms")
}
// snippet.end

// snippet.accuracy
// float32 carries about 7 significant digits, float64 about 16: the float32 product of the
// same numbers differs from the float64 one in the 7th digit or so.
let a64 = Tensor.randomNormal([size, size], seed: 1)
let b64 = Tensor.randomNormal([size, size], seed: 2)
let product64 = matmul(a64, b64)
let product32 = matmul(a64.converted(to: .float32), b64.converted(to: .float32))
let difference = (product32.converted(to: .float64) - product64).frobeniusNorm().scalar
print("float32 vs float64 relative difference:", difference / product64.frobeniusNorm().scalar)

// The gradient checker's default tolerance follows the inputs' type.
let check64 = checkGradients(at: a64[..<4, ..<4]) { $0.frobeniusNorm() }
let check32 = checkGradients(at: a64[..<4, ..<4].converted(to: .float32)) { $0.frobeniusNorm() }
print("tolerance float64:", check64.tolerance, "float32:", check32.tolerance)
// snippet.end

// snippet.overhead
// The engine's cost per operation: a chain of 1,000 small operations, forward and backward,
// against the same chain with nothing recorded.
let x = Tensor.randomNormal([2, 2], seed: 3)
func chain(_ x: Tensor) -> Tensor {
    var y = x
    for _ in 0..<333 { y = tanh(y * 1.0001 + 0.5) }
    return y.sum()
}
let recorded = medianMilliseconds { _ = gradient(at: x, of: chain) }
let unrecorded = medianMilliseconds { _ = withoutGradients { chain(x) } }
print("µs per operation, forward + backward: \(recorded), forward without recording: \(unrecorded)")
// snippet.end
