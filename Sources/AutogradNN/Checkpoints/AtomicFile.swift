import Foundation

import Glibc

/// Replaces files atomically: the bytes go to a uniquely named temporary file in the same
/// directory, which is flushed to disk (`fsync`) and then renamed over the destination
/// (POSIX `rename` is atomic within a file system). A crash or failure at any point leaves
/// either the old file or the new one, never a mixture, and no temporary file behind.
enum AtomicFile {
    /// Writes `data` to `url`, replacing any file there atomically.
    static func write(_ data: Data, to url: URL) throws(CheckpointError) {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let temporaryPath = directory + "/." + url.lastPathComponent + "." + UUID().uuidString + ".tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, step: "create temporary file") }
        var renamed = false
        defer { if !renamed { unlink(temporaryPath) } }
        do {
            defer { close(descriptor) }
            try writeAll(data, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure(path, step: "fsync") }
        }
        guard rename(temporaryPath, path) == 0 else { throw failure(path, step: "rename") }
        renamed = true
        syncDirectory(directory)
    }

    /// Writes every byte of `data`, retrying short writes and interruptions.
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(CheckpointError) {
        let failed: Bool = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return true }
                offset += written
            }
            return false
        }
        if failed { throw failure(path, step: "write") }
    }

    /// Flushes the directory entry of the rename. Best effort: some file systems refuse
    /// `fsync` on a directory, and the rename has already happened.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// The error for `step` on `path`, with the system's reason for the current `errno`.
    private static func failure(_ path: String, step: String) -> CheckpointError {
        .writeFailed(path: path, step: step, reason: String(cString: strerror(errno)))
    }
}
