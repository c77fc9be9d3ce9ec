import Runtime

/// Where an operation was called: the return addresses of the calling thread, captured
/// cheaply (frame-pointer unwinding) and turned into names only when an anomaly is reported.
///
/// Captured only inside `withAnomalyDetection`, for each recorded node and each anomaly.
final class CallStack: Sendable {
    /// The raw addresses.
    private let backtrace: Backtrace?

    /// The deepest frames kept: enough for the library's own frames and a few of the caller's.
    private static let frameLimit = 48

    /// The call stack of the caller, at this point.
    init() {
        backtrace = try? Backtrace.capture(limit: Self.frameLimit, top: 0)
    }

    /// The mangled-name prefix of this library's own functions (`$s8Autograd`).
    private static let libraryPrefix: String = {
        let module = String(reflecting: Tensor.self).split(separator: ".")[0]
        return "$s\(module.utf8.count)\(module)"
    }()

    /// Prefixes of frames that are machinery, not the user's code: this library, the
    /// standard library (`$ss`) and the runtime module that captured the stack.
    private static let machineryPrefixes = [libraryPrefix, "$ss", "$s7Runtime"]

    /// The frames from the user's code outwards, as "function at file:line" (or the function
    /// alone without debug information): the frames of this library, the standard library and
    /// the capture itself on top are dropped, and thunks everywhere.
    ///
    /// In an optimised build, inlining can merge or remove frames; with debug information,
    /// inlined functions still appear.
    func userFrames(limit: Int = 8) -> [String] {
        guard let symbolicated = backtrace?.symbolicated(options: [.showInlineFrames, .showSourceLocations]) else { return [] }
        let frames = symbolicated.frames
            .drop { frame in
                guard let symbol = frame.symbol else { return true }
                return Self.machineryPrefixes.contains { symbol.rawName.hasPrefix($0) } || frame.isSwiftThunk
            }
            .filter { !$0.isSwiftThunk }
        return frames.prefix(limit).map { frame in
            guard let symbol = frame.symbol else { return "\(frame.captured.originalProgramCounter)" }
            guard let location = symbol.sourceLocation else { return symbol.name }
            return "\(symbol.name) at \(location.path):\(location.line)"
        }
    }
}
