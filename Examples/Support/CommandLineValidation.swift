import ArgumentParser
import Foundation

// Checks of an example's options, made in its `validate()` before any work starts. Each
// throws a `ValidationError`, which ArgumentParser prints to standard error with the usage
// before exiting with status 64.

/// Throws unless `value` lies in `range`, naming the option as `name` (`--epochs`, `<size>`).
public func requireInRange(_ value: Int, _ range: ClosedRange<Int>, name: String) throws {
    guard range.contains(value) else {
        throw ValidationError("\(name) must be in \(range.lowerBound)...\(range.upperBound), got \(value)")
    }
}

/// Throws unless `value` is finite and greater than zero (NaN and infinity are refused).
public func requirePositive(_ value: Double, name: String) throws {
    guard value.isFinite, value > 0 else {
        throw ValidationError("\(name) must be a finite number greater than 0, got \(value)")
    }
}

/// Throws unless a file can be written at `path`: `path` is not a folder, and its parent
/// exists, is a folder and is writable.
public func requireWritableFile(_ path: String) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        throw ValidationError("cannot write '\(path)': it is a folder")
    }
    try requireWritableFolder(parentFolder(of: path), holding: path)
}

/// Throws unless files can be written in the folder `path`: it is a writable folder, or it
/// does not exist yet and its parent is a writable folder (so it can be created).
public func requireWritableOutputFolder(_ path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        return try requireWritableFolder(parentFolder(of: path), holding: path)
    }
    guard isFolder.boolValue else { throw ValidationError("cannot use '\(path)' as the output folder: it is a file") }
    try requireWritableFolder(path, holding: path)
}

/// The folder that holds `path`: `.` for a bare name.
private func parentFolder(of path: String) -> String {
    let parent = (path as NSString).deletingLastPathComponent
    return parent.isEmpty ? "." : parent
}

/// Throws unless `folder` exists, is a folder and is writable, saying that `path` needs it.
private func requireWritableFolder(_ folder: String, holding path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
        throw ValidationError("cannot write '\(path)': the folder '\(folder)' does not exist")
    }
    guard isFolder.boolValue else { throw ValidationError("cannot write '\(path)': '\(folder)' is not a folder") }
    guard access(folder, W_OK) == 0 else {
        throw ValidationError("cannot write '\(path)': the folder '\(folder)' is not writable")
    }
}
