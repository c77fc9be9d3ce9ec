import Autograd
import Foundation

/// Saves and loads a model's parameters as a safetensors file keyed by PyTorch's
/// `state_dict()` names (`0.weight`, `0.bias`, …), so the same file loads into an
/// equivalent PyTorch model with `model.load_state_dict(load_file(path))`.
public enum Checkpoint {
    /// Writes every parameter of `model` to `url`, atomically replacing any file there.
    public static func save(_ model: some Layer, to url: URL) throws(CheckpointError) {
        try SafeTensors.write(model.namedParameters, to: url)
    }

    /// Overwrites every parameter of `model` with the tensor of the same name in the file at
    /// `url`. The whole file is checked first: on any error no parameter has changed.
    ///
    /// - Throws: a `CheckpointError`: the file's own problems (see `SafeTensors.decode(_:)`),
    ///   or `.missingTensor`, `.unexpectedTensor` or `.shapeMismatch` against the model.
    public static func load(into model: some Layer, from url: URL) throws(CheckpointError) {
        let stored = try SafeTensors.read(contentsOf: url)
        let storedByName = Dictionary(uniqueKeysWithValues: stored.map { ($0.name, $0.tensor) })
        let parameters = model.namedParameters
        var assignments = [(parameter: Tensor, value: Tensor)]()
        for (name, parameter) in parameters {
            guard let value = storedByName[name] else { throw .missingTensor(name) }
            guard value.shape == parameter.shape else {
                throw .shapeMismatch(tensor: name, expected: parameter.shape, found: value.shape)
            }
            assignments.append((parameter, value))
        }
        let parameterNames = Set(parameters.map(\.name))
        if let extra = stored.first(where: { !parameterNames.contains($0.name) }) {
            throw .unexpectedTensor(extra.name)
        }
        for (parameter, value) in assignments { parameter.assign(value) }
    }
}
