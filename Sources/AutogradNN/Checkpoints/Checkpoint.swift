import Autograd
import Foundation

/// Saves and loads a model's parameters and buffers (its `state_dict()`) as a safetensors file keyed by PyTorch's
/// `state_dict()` names (`0.weight`, `0.bias`, …), so the same file loads into an
/// equivalent PyTorch model with `model.load_state_dict(load_file(path))`.
public enum Checkpoint {
    /// What `load(into:from:dtypeMismatch:)` does with a tensor whose type differs from its
    /// parameter's.
    public enum DTypeMismatchPolicy: Sendable {
        /// Throw `CheckpointError.dtypeMismatch`, naming the tensor and both types (the default,
        /// so no value changes precision without the caller asking).
        case reject
        /// Convert the tensor to the parameter's type (narrowing rounds to nearest, as
        /// PyTorch's `load_state_dict` copies).
        case convert
    }

    /// Writes every parameter and buffer of `model` to `url` in its own type (F64 or F32),
    /// atomically replacing any file there.
    public static func save(_ model: some Layer, to url: URL) throws(CheckpointError) {
        try SafeTensors.write(model.namedParameters + model.namedBuffers, to: url)
    }

    /// Overwrites every parameter and buffer of `model` with the tensor of the same name in the
    /// file at `url`. The whole file is checked first: on any error no parameter has changed.
    ///
    /// A tensor is read in the type it is stored in (F16 and BF16 widened to float32); when
    /// that differs from its parameter's type, `dtypeMismatch` decides: `.reject` (the
    /// default) throws, `.convert` converts it to the parameter's type.
    ///
    /// - Throws: a `CheckpointError`: `.notARegularFile` when `url` names a directory, a FIFO
    ///   or a device (checked before reading), the file's own problems (see `SafeTensors.decode(_:)`),
    ///   or `.missingTensor`, `.unexpectedTensor`, `.shapeMismatch` or `.dtypeMismatch`
    ///   against the model.
    public static func load(
        into model: some Layer, from url: URL, dtypeMismatch: DTypeMismatchPolicy = .reject
    ) throws(CheckpointError) {
        try assign(SafeTensors.readStored(contentsOf: url), to: model, dtypeMismatch: dtypeMismatch)
    }

    /// `load(into:from:dtypeMismatch:)` from the bytes of a safetensors file already in
    /// memory (downloaded, embedded, or fed by a fuzzer) instead of a file.
    ///
    /// - Throws: a `CheckpointError`, as `load(into:from:dtypeMismatch:)` with a URL does.
    public static func load(
        into model: some Layer, from data: Data, dtypeMismatch: DTypeMismatchPolicy = .reject
    ) throws(CheckpointError) {
        try assign(SafeTensors.decodeStored(data).tensors, to: model, dtypeMismatch: dtypeMismatch)
    }

    /// Overwrites every parameter and buffer of `model` with the `stored` tensor of the same
    /// name, after checking them all (names, shapes, types under `dtypeMismatch`).
    private static func assign(
        _ stored: [SafeTensors.StoredTensor], to model: some Layer, dtypeMismatch: DTypeMismatchPolicy
    ) throws(CheckpointError) {
        let storedByName = Dictionary(uniqueKeysWithValues: stored.map { ($0.name, $0) })
        let parameters = model.namedParameters + model.namedBuffers
        var assignments = [(parameter: Tensor, value: Tensor)]()
        for (name, parameter) in parameters {
            guard let entry = storedByName[name] else { throw .missingTensor(name) }
            let value = entry.tensor
            guard value.shape == parameter.shape else {
                throw .shapeMismatch(tensor: name, expected: parameter.shape, found: value.shape)
            }
            guard value.dtype == parameter.dtype || dtypeMismatch == .convert else {
                throw .dtypeMismatch(tensor: name, stored: entry.storedType.rawValue, expected: parameter.dtype)
            }
            assignments.append((parameter, value.converted(to: parameter.dtype)))
        }
        let parameterNames = Set(parameters.map(\.name))
        if let extra = stored.first(where: { !parameterNames.contains($0.name) }) {
            throw .unexpectedTensor(extra.name)
        }
        for (parameter, value) in assignments { parameter.assign(value) }
    }
}
