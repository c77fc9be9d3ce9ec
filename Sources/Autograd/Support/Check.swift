// Swift drops the message of `precondition` in optimised builds (`-O` prints only
// "precondition failure"). Every programmer-error trap in this package goes through these
// two functions instead, which call `fatalError`, whose message survives `-c release`.

/// Traps with `message` when `condition` is false, in debug and release builds alike.
///
/// Use it for programmer errors (shapes that do not fit, misuse of an API); data-dependent
/// failures throw typed errors instead.
@inline(__always)
package func check(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if _slowPath(!condition()) { checkFailed(message(), file: file, line: line) }
}

/// Traps with `message`, in debug and release builds alike.
package func checkFailed(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}
