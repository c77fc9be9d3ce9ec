#if canImport(Glibc)
import Glibc
#endif

/// Chooses OpenBLAS's kernel set once, before the first BLAS call.
///
/// Distribution builds of OpenBLAS fall back to older kernels on CPUs newer than
/// themselves: Debian's 0.3.21 runs "Prescott" (SSE3) on some AVX-512 machines and
/// "Haswell" (AVX2) on an AMD EPYC with AVX-512, where "SkylakeX" makes a
/// 1024 × 1024 `dgemm` 1.6 times faster. When the user has not set `OPENBLAS_CORETYPE`
/// and OpenBLAS runs a set below what the CPU supports, this selects the matching set
/// ("SkylakeX" for AVX-512, "Haswell" for AVX2) through OpenBLAS's own re-initialisation
/// entry points. A user's `OPENBLAS_CORETYPE` always wins.
///
/// The selection sets and unsets the environment variable around the re-initialisation, once,
/// on the first BLAS call; glibc's `setenv` is not safe against another thread's `getenv` at
/// that moment, so a program that reads its environment from other threads should make one
/// small BLAS call (or read `BLASBackend.kernelSet`) at start-up.
///
/// OpenBLAS's entry points for this are looked up at run time, not linked by name: other BLAS
/// libraries (the reference BLAS, BLIS) lack them all, and OpenBLAS built without DYNAMIC_ARCH
/// lacks the re-initialisation. Where they are missing, nothing is selected.
enum BLASRuntime {
    /// The instruction-set tier of OpenBLAS kernel sets this library knows (lower-cased):
    /// 0 for SSE-era generic sets, 1 for AVX, 2 for AVX2, 3 for AVX-512.
    static let kernelTiers: [String: Int] = [
        "prescott": 0, "core2": 0, "penryn": 0, "dunnington": 0, "nehalem": 0, "atom": 0, "barcelona": 0,
        "sandybridge": 1, "bulldozer": 1, "piledriver": 1, "steamroller": 1,
        "haswell": 2, "zen": 2, "excavator": 2,
        "skylakex": 3, "cooperlake": 3, "sapphirerapids": 3,
    ]

    /// The kernel set to switch to, or `nil` to keep the current one: the best set the CPU
    /// supports, when it is a higher tier than the current one and the user chose none.
    static func preferredCoreType(current: String, userSetting: String?, cpuFlags: Set<String>) -> String? {
        guard userSetting == nil, let currentTier = kernelTiers[current.lowercased()] else { return nil }
        let best: (name: String, tier: Int)? =
            if cpuFlags.isSuperset(of: ["avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"]) { ("SkylakeX", 3) }
            else if cpuFlags.isSuperset(of: ["avx2", "fma"]) { ("Haswell", 2) }
            else { nil }
        guard let best, best.tier > currentTier else { return nil }
        return best.name
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

    /// The C function `name` of the process's libraries, or `nil` where none exports it.
    private static func function<Function>(named name: String, as type: Function.Type) -> Function? {
        // A null handle is RTLD_DEFAULT: the global scope, which holds the BLAS library the package links.
        dlsym(nil, name).map { unsafeBitCast($0, to: type) }
    }

    /// OpenBLAS's `openblas_get_corename`, or `nil` where the BLAS library is not OpenBLAS.
    private static let coreNameFunction = function(
        named: "openblas_get_corename", as: (@convention(c) () -> UnsafeMutablePointer<CChar>?).self)

    /// OpenBLAS's kernel-set re-initialisation (`gotoblas_dynamic_quit`, then `gotoblas_dynamic_init`,
    /// which reads OPENBLAS_CORETYPE), or `nil` where the library has no DYNAMIC_ARCH.
    static let reselectKernels: (@Sendable () -> Void)? = {
        typealias Entry = @convention(c) () -> Void
        guard let quit = function(named: "gotoblas_dynamic_quit", as: Entry.self),
              let initialise = function(named: "gotoblas_dynamic_init", as: Entry.self) else { return nil }
        return { quit(); initialise() }
    }()

    private static let selection: Void = {
        guard let reselectKernels, let current = coreName else { return }
        let userSetting = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        guard let core = preferredCoreType(current: current, userSetting: userSetting, cpuFlags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        reselectKernels()
        unsetenv("OPENBLAS_CORETYPE")
    }()

    /// Runs the one-time kernel selection; cheap after the first call.
    @inline(__always)
    static func prepare() { _ = selection }

    /// The name of the kernel set OpenBLAS is using right now, or `nil` where the BLAS library
    /// is not OpenBLAS.
    static var coreName: String? { coreNameFunction?().map { String(cString: $0) } }

    /// OpenBLAS's `openblas_get_num_threads` and `openblas_set_num_threads`, or `nil` where the
    /// BLAS library is not OpenBLAS.
    static let threadCountFunctions: (get: @convention(c) () -> Int32, set: @convention(c) (Int32) -> Void)? = {
        guard let get = function(named: "openblas_get_num_threads", as: (@convention(c) () -> Int32).self),
              let set = function(named: "openblas_set_num_threads", as: (@convention(c) (Int32) -> Void).self)
        else { return nil }
        return (get, set)
    }()
}

/// Facts about the BLAS library doing the dense numerics.
public enum BLASBackend {
    /// The OpenBLAS kernel set in use (for example "SkylakeX" or "Haswell"), after the
    /// library's one-time selection of the best set for this CPU; "unknown" where the package
    /// was linked against a BLAS other than OpenBLAS (the reference BLAS, BLIS), which has no
    /// kernel sets to report.
    public static var kernelSet: String {
        BLASRuntime.prepare()
        return BLASRuntime.coreName ?? "unknown"
    }

    /// The number of threads each BLAS call may use (OpenBLAS's `openblas_get_num_threads` /
    /// `openblas_set_num_threads`); process-wide.
    ///
    /// OpenBLAS starts with one thread per core (or `OPENBLAS_NUM_THREADS`). An application
    /// that calls BLAS from several threads of its own should set 1: eight application threads
    /// each running matmuls on top of OpenBLAS's own pool of one thread per core fight over the
    /// cores. Set it at start-up or between parallel phases, while no BLAS call is running.
    /// OpenBLAS caps a larger count at the number it was built for; reading the setting back
    /// gives the count in effect. A count below 1 traps. The library's own elementwise loops
    /// do not follow it: they use `OPENBLAS_NUM_THREADS` as read at start-up, else every core.
    ///
    /// Where the package was linked against a BLAS other than OpenBLAS (the reference BLAS,
    /// BLIS), which has no such entry points, the setting reports 1 and setting it does nothing
    /// (beyond the check of the count).
    public static var threadCount: Int {
        get {
            BLASRuntime.prepare()
            return BLASRuntime.threadCountFunctions.map { Int($0.get()) } ?? 1
        }
        set {
            check(newValue >= 1, "BLASBackend.threadCount: needs a count of at least 1, got \(newValue)")
            BLASRuntime.prepare()
            BLASRuntime.threadCountFunctions?.set(Int32(clamping: newValue))
        }
    }
}
