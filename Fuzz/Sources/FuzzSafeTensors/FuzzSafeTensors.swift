import Autograd
import AutogradNN
import Foundation

/// libFuzzer's entry point: decodes the `count` bytes at `start` as a safetensors file and
/// loads them into a small model. Decoding either throws a `CheckpointError` or returns tensors
/// that encode and decode back to the same names, shapes, types and bits; loading either
/// throws or succeeds. Anything else traps, which libFuzzer reports as a crash with the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    if let (tensors, metadata) = try? SafeTensors.decode(data) {
        checkRoundTrip(tensors, metadata: metadata)
    }
    // The model of the seed checkpoints (Fuzz/Corpus/SafeTensors), so mutations of them reach
    // the name, shape and type checks of `Checkpoint.load`.
    let model = Sequential {
        Linear(inputSize: 2, outputSize: 3, seed: 1)
        Linear(inputSize: 3, outputSize: 1, seed: 2)
    }
    try? Checkpoint.load(into: model, from: data, dtypeMismatch: count % 2 == 0 ? .reject : .convert)
    return 0
}

/// Traps unless `tensors` and `metadata`, encoded, decode back to the same metadata and the
/// same tensors by name: shape, type and the bits of every value (F16 and BF16, read as
/// float32, come back as F32).
private func checkRoundTrip(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) {
    let decoded: (tensors: [(name: String, tensor: Tensor)], metadata: [String: String])
    do {
        decoded = try SafeTensors.decode(SafeTensors.encode(tensors, metadata: metadata))
    } catch {
        fatalError("SafeTensors: a decoded file did not decode again once encoded: \(error)")
    }
    let again = Dictionary(uniqueKeysWithValues: decoded.tensors.map { ($0.name, $0.tensor) })
    guard decoded.metadata == metadata, again.count == tensors.count else {
        fatalError("SafeTensors round trip changed the metadata or the tensor count")
    }
    for (name, tensor) in tensors {
        guard let copy = again[name], copy.shape == tensor.shape, copy.dtype == tensor.dtype, bits(copy) == bits(tensor) else {
            fatalError("SafeTensors round trip changed tensor '\(name)' of shape \(tensor.shape)")
        }
    }
}

/// The bit patterns of `tensor`'s values in its own type, so NaN payloads compare too.
private func bits(_ tensor: Tensor) -> [UInt64] {
    switch tensor.dtype {
    case .float64: tensor.scalars(as: Double.self).map(\.bitPattern)
    case .float32: tensor.scalars(as: Float.self).map { UInt64($0.bitPattern) }
    }
}
