import CLinearAlgebra
#if canImport(Glibc)
import Glibc
#endif

/// Chooses OpenBLAS's kernel set once, before the first BLAS call.
///
/// Distribution builds of OpenBLAS fall back to generic kernels ("Prescott") on CPUs newer
/// than themselves, which makes `dgemm` several times slower. When the user has not set
/// `OPENBLAS_CORETYPE`, and OpenBLAS runs a generic set on a CPU with AVX-512 or AVX2,
/// this selects the matching set ("SkylakeX" or "Haswell") through OpenBLAS's own
/// re-initialisation entry points. A user's `OPENBLAS_CORETYPE` always wins.
enum BLASRuntime {
    /// Kernel sets OpenBLAS uses when it does not recognise the CPU.
    static let genericCoreNames: Set<String> = ["prescott", "core2", "nehalem", "penryn", "dunnington", "atom"]

    /// The kernel set to switch to, or `nil` to keep the current one.
    static func preferredCoreType(current: String, userSetting: String?, cpuFlags: Set<String>) -> String? {
        guard userSetting == nil, genericCoreNames.contains(current.lowercased()) else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The CPU feature flags the kernel reports in /proc/cpuinfo (empty where unreadable).
    static func cpuFlags() -> Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            let text = String(cString: line!)
            if text.hasPrefix("flags"), let colon = text.firstIndex(of: ":") {
                return Set(text[text.index(after: colon)...].split(whereSeparator: \.isWhitespace).map(String.init))
            }
        }
        return []
    }

    private static let selection: Void = {
        let userSetting = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        guard let core = preferredCoreType(current: coreName, userSetting: userSetting, cpuFlags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        cla_openblas_reselect_kernels()
        unsetenv("OPENBLAS_CORETYPE")
    }()

    /// Runs the one-time kernel selection; cheap after the first call.
    @inline(__always)
    static func prepare() { _ = selection }

    /// The name of the kernel set OpenBLAS is using right now.
    static var coreName: String { String(cString: cla_openblas_corename()) }
}

/// Facts about the BLAS library doing the dense numerics.
public enum BLASBackend {
    /// The OpenBLAS kernel set in use (for example "SkylakeX" or "Haswell"), after the
    /// library's one-time selection of the best set for this CPU.
    public static var kernelSet: String {
        BLASRuntime.prepare()
        return BLASRuntime.coreName
    }
}
