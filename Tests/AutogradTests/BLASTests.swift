import Foundation
import AutogradTestSupport
import Testing
@testable import Autograd

@Suite("BLAS kernel selection", .serialized)
struct BLASTests {
    let avx512: Set<String> = ["avx2", "fma", "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"]

    @Test("a generic or older kernel set is upgraded to what the CPU supports")
    func upgrade() {
        #expect(BLASRuntime.preferredCoreType(current: "Prescott", userSetting: nil, cpuFlags: avx512) == "SkylakeX")
        #expect(BLASRuntime.preferredCoreType(current: "Haswell", userSetting: nil, cpuFlags: avx512) == "SkylakeX")
        #expect(BLASRuntime.preferredCoreType(current: "Prescott", userSetting: nil, cpuFlags: ["avx2", "fma"]) == "Haswell")
    }

    @Test("a matching set, an unknown set, an old CPU and a user's setting are left alone")
    func leftAlone() {
        #expect(BLASRuntime.preferredCoreType(current: "Cooperlake", userSetting: nil, cpuFlags: avx512) == nil)
        #expect(BLASRuntime.preferredCoreType(current: "Neoverse", userSetting: nil, cpuFlags: avx512) == nil)
        #expect(BLASRuntime.preferredCoreType(current: "Prescott", userSetting: nil, cpuFlags: ["sse3"]) == nil)
        #expect(BLASRuntime.preferredCoreType(current: "Prescott", userSetting: "Prescott", cpuFlags: avx512) == nil)
    }

    @Test("results after selection equal a plain triple loop to rounding")
    func resultsUnchanged() {
        let a = Tensor.randomNormal([64, 48], seed: 1), b = Tensor.randomNormal([48, 80], seed: 2)
        let product = matmul(a, b)
        var expected = [Double](repeating: 0, count: 64 * 80)
        for i in 0..<64 { for j in 0..<80 { for k in 0..<48 { expected[i * 80 + j] += a.scalars[i * 48 + k] * b.scalars[k * 80 + j] } } }
        expectClose(product.scalars, expected, tolerance: 1e-13)
        #expect(!BLASBackend.kernelSet.isEmpty)
    }

    @Test(
        "where OpenBLAS can re-select its kernels, the set in use afterwards is the best the CPU supports",
        .enabled(if: BLASRuntime.reselectKernels != nil && ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil))
    func selectionTakesEffect() async {
        await #expect(processExitsWith: .success) {
            let inUse = BLASBackend.kernelSet
            exit(BLASRuntime.preferredCoreType(current: inUse, userSetting: nil, cpuFlags: BLASRuntime.cpuFlags()) == nil ? 0 : 1)
        }
    }

    @Test("the kernel set is OpenBLAS's where OpenBLAS is loaded, and \"unknown\" where another BLAS is")
    func kernelSetIsHonest() {
        // OpenBLAS is loaded exactly when its configuration entry point is (the kernel set is
        // read through another one, `openblas_get_corename`). Scanning /proc/self/maps for the
        // library instead missed its line under load: that file is produced in chunks while
        // other tests map and unmap memory.
        let openBLASLoaded = dlsym(nil, "openblas_get_config") != nil
        #expect((BLASBackend.kernelSet != "unknown") == openBLASLoaded, "kernel set \(BLASBackend.kernelSet)")
    }

    @Test("the re-initialisation is found exactly where the process exports OpenBLAS's entry points")
    func reinitialisationFound() {
        let exported = dlsym(nil, "gotoblas_dynamic_quit") != nil && dlsym(nil, "gotoblas_dynamic_init") != nil
        #expect((BLASRuntime.reselectKernels != nil) == exported)
    }

    @Test("a user's OPENBLAS_CORETYPE wins", .enabled(if: BLASRuntime.reselectKernels != nil))
    func userSettingWins() async {
        let previous = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
        setenv("OPENBLAS_CORETYPE", "Sandybridge", 1)  // below every AVX2 CPU: would be upgraded if not the user's
        defer { if let previous { setenv("OPENBLAS_CORETYPE", previous, 1) } else { unsetenv("OPENBLAS_CORETYPE") } }
        await #expect(processExitsWith: .success) {
            _ = matmul(Tensor.ones([2, 2]), Tensor.ones([2, 2]))
            if BLASBackend.kernelSet != "Sandybridge" { exit(1) }
        }
    }
}
