import Foundation

// Readers check what a path names before reading it, so that a directory or a device is
// reported as such (Foundation says "(NSCocoaErrorDomain error 256.)" for a directory and "You
// don't have permission" for a FIFO) and a FIFO is never opened, which could block.

/// What `path` names when that is not a regular file: "a directory", "a FIFO", "a character
/// device", "a block device", "a socket" or "a special file"; `nil` for a regular file, and for
/// a path that cannot be examined (a missing file), which reading it then reports. Symbolic
/// links are followed.
func nonRegularFileKind(atPath path: String) -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a directory"
    case S_IFIFO: return "a FIFO"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    default: return "a special file"
    }
}
