import Autograd
import AutogradNN
import Foundation
import Testing

// MARK: - Reference files

// Printed by `python3 scripts/references/safetensors_dtypes.py` (PyTorch's own safetensors
// writer); the value arrays are what PyTorch reads back, `tensor.float().tolist()`.

private let referenceFloat16: [UInt8] = [
    0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x77, 0x65, 0x69, 0x67, 0x68, 0x74,
    0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x31, 0x36, 0x22,
    0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x32, 0x2C, 0x34, 0x5D, 0x2C, 0x22,
    0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x30,
    0x2C, 0x31, 0x36, 0x5D, 0x7D, 0x7D, 0x20, 0x20, 0x66, 0x2E, 0x00, 0xC1, 0xFF, 0x7B, 0x02, 0x00,
    0x00, 0x80, 0x00, 0x7C, 0x00, 0xFC, 0x00, 0x7E,
]

private let referenceFloat16Values: [Double] = [0.0999755859375, -2.5, 65504.0, 1.1920928955078125e-07, -0.0, .infinity, -.infinity, .nan]

private let referenceBFloat16: [UInt8] = [
    0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x77, 0x65, 0x69, 0x67, 0x68, 0x74,
    0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x42, 0x46, 0x31, 0x36,
    0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x32, 0x2C, 0x34, 0x5D, 0x2C,
    0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B,
    0x30, 0x2C, 0x31, 0x36, 0x5D, 0x7D, 0x7D, 0x20, 0xCD, 0x3D, 0x20, 0xC0, 0x62, 0x7F, 0x01, 0x00,
    0x00, 0x80, 0x80, 0x7F, 0x80, 0xFF, 0xC0, 0x7F,
]

private let referenceBFloat16Values: [Double] = [0.10009765625, -2.5, 3.00405527047391e+38, 9.183549615799121e-41, -0.0, .infinity, -.infinity, .nan]

private let referenceMixed: [UInt8] = [
    0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x73, 0x63, 0x61, 0x6C, 0x65, 0x22,
    0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x36, 0x34, 0x22, 0x2C,
    0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31, 0x5D, 0x2C, 0x22, 0x64, 0x61, 0x74,
    0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x30, 0x2C, 0x38, 0x5D,
    0x7D, 0x2C, 0x22, 0x62, 0x69, 0x61, 0x73, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65,
    0x22, 0x3A, 0x22, 0x46, 0x33, 0x32, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A,
    0x5B, 0x31, 0x5D, 0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74,
    0x73, 0x22, 0x3A, 0x5B, 0x38, 0x2C, 0x31, 0x32, 0x5D, 0x7D, 0x2C, 0x22, 0x77, 0x65, 0x69, 0x67,
    0x68, 0x74, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x33,
    0x32, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31, 0x2C, 0x32, 0x5D,
    0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A,
    0x5B, 0x31, 0x32, 0x2C, 0x32, 0x30, 0x5D, 0x7D, 0x7D, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xD0, 0x3F, 0xCD, 0xCC, 0xCC, 0x3D, 0x00, 0x00, 0xC0, 0x3F,
    0x00, 0x00, 0x00, 0xC0,
]

// MARK: - Helpers

/// A bias-free 4 → 2 layer in `dtype`: one `[2, 4]` parameter named `weight`, as the F16 and
/// BF16 reference files hold.
private func weightOnly(_ dtype: DType, seed: UInt64 = 1) -> Linear {
    Linear(inputSize: 4, outputSize: 2, hasBias: false, seed: seed, dtype: dtype)
}

/// A safetensors file from a header written out by hand and raw data bytes.
private func rawFile(header: String, data: [UInt8]) -> [UInt8] {
    let length = UInt64(header.utf8.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + Array(header.utf8) + data
}

/// Whether `actual` holds `expected` bit for bit (so −0 differs from 0), NaN matching any NaN.
private func sameValues(_ actual: [Double], _ expected: [Double]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
        e.isNaN ? a.isNaN : a.bitPattern == e.bitPattern
    }
}

/// Writes `bytes` to a fresh temporary file, runs `body` with its URL, then deletes it.
private func withFile<Result>(_ bytes: [UInt8], _ body: (URL) throws -> Result) throws -> Result {
    let url = temporaryFile("safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data(bytes).write(to: url)
    return try body(url)
}

/// A header with one `[2, 4]` "weight" entry of `dtype` spanning `0..<end`.
private func weightHeader(_ dtype: String, end: Int) -> String {
    #"{"weight":{"dtype":"\#(dtype)","shape":[2,4],"data_offsets":[0,\#(end)]}}"#
}

// MARK: - Tests

@Suite("Checkpoints in float32, float16 and bfloat16")
struct CheckpointDTypeTests {
    @Test("a float32 model round-trips bit-exactly through F32, special values included")
    func float32RoundTrip() throws {
        let source = weightOnly(.float32, seed: 1)
        source.weight.assign(Tensor([[-0.0, .infinity, .nan, .leastNonzeroMagnitude], [0.1, -2.5, 3e38, 1]] as [[Float]]))
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(source, to: url)
        #expect(try SafeTensors.read(contentsOf: url).map(\.tensor.dtype) == [.float32])
        let target = weightOnly(.float32, seed: 2)
        try Checkpoint.load(into: target, from: url)
        #expect(target.weight.dtype == .float32)
        #expect(target.weight.scalars(as: Float.self).map(\.bitPattern) == source.weight.scalars(as: Float.self).map(\.bitPattern))
    }

    @Test("mixed F64 and F32 tensors are written as PyTorch writes them, F64 first, and read back in their types")
    func mixedTypes() throws {
        let tensors = [
            ("weight", Tensor([[1.5, -2]] as [[Float]])), ("bias", Tensor([0.1] as [Float])), ("scale", Tensor([0.25])),
        ]
        #expect([UInt8](SafeTensors.encode(tensors)) == referenceMixed)
        let read = try SafeTensors.decode(Data(referenceMixed)).tensors
        #expect(read.map(\.name) == ["scale", "bias", "weight"])
        #expect(read.map(\.tensor.dtype) == [.float64, .float32, .float32])
        // Float(0.1) widened: 0.100000001490116…, as PyTorch's float32 0.1.
        #expect(read.map(\.tensor.scalars) == [[0.25], [Double(Float(0.1))], [1.5, -2]])
    }

    @Test("F16 and BF16 are widened to float32 as PyTorch reads them: subnormals, signed zero, infinities, NaN", arguments: [
        (referenceFloat16, referenceFloat16Values), (referenceBFloat16, referenceBFloat16Values),
    ])
    func readsHalfPrecision(file: [UInt8], expected: [Double]) throws {
        let tensors = try SafeTensors.decode(Data(file)).tensors
        #expect(tensors.map(\.name) == ["weight"])
        #expect(tensors[0].tensor.shape == [2, 4] && tensors[0].tensor.dtype == .float32)
        #expect(sameValues(tensors[0].tensor.scalars, expected), "read \(tensors[0].tensor.scalars)")
    }

    @Test("F16 loads into a float32 model as it is; into a float64 model only when asked to convert")
    func halfPrecisionIntoModels() throws {
        try withFile(referenceFloat16) { url in
            let single = weightOnly(.float32)
            try Checkpoint.load(into: single, from: url)
            #expect(sameValues(single.weight.scalars, referenceFloat16Values))

            let double = weightOnly(.float64)
            let before = double.weight.scalars
            #expect(throws: CheckpointError.dtypeMismatch(tensor: "weight", stored: "F16", expected: .float64)) {
                try Checkpoint.load(into: double, from: url)
            }
            #expect(double.weight.scalars == before, "nothing is loaded when a type differs")
            try Checkpoint.load(into: double, from: url, dtypeMismatch: .convert)
            #expect(double.weight.dtype == .float64)
            #expect(sameValues(double.weight.scalars, referenceFloat16Values))
        }
    }

    @Test("a float64 checkpoint loads into a float32 model only when asked, rounded to nearest")
    func narrowingNeedsConsent() throws {
        let source = Sequential { Linear(inputSize: 3, outputSize: 2, seed: 4) }
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(source, to: url)
        let target = Sequential { Linear(inputSize: 3, outputSize: 2, seed: 5, dtype: .float32) }
        #expect(throws: CheckpointError.dtypeMismatch(tensor: "0.weight", stored: "F64", expected: .float32)) {
            try Checkpoint.load(into: target, from: url)
        }
        try Checkpoint.load(into: target, from: url, dtypeMismatch: .convert)
        #expect(target.parameterTypes == [.float32])
        #expect(target.parameters.map { $0.scalars(as: Float.self) } == source.parameters.map { $0.scalars.map { Float($0) } })
    }

    @Test("F16, BF16 and F32 entries whose bytes do not fit their shape throw, and nothing traps", arguments: [
        // (dtype, end of the entry's data, bytes in the data section, error)
        ("F16", 15, 15, CheckpointError.byteCountMismatch(tensor: "weight", shape: [2, 4], expected: 16, found: 15)),
        ("BF16", 17, 17, .byteCountMismatch(tensor: "weight", shape: [2, 4], expected: 16, found: 17)),
        ("BF16", 8, 8, .byteCountMismatch(tensor: "weight", shape: [2, 4], expected: 16, found: 8)),
        ("F32", 16, 16, .byteCountMismatch(tensor: "weight", shape: [2, 4], expected: 32, found: 16)),
        ("F16", 16, 15, .truncated(tensor: "weight", end: 16, dataByteCount: 15)),
    ])
    func wrongByteCounts(dtype: String, end: Int, dataByteCount: Int, expected: CheckpointError) throws {
        let file = rawFile(header: weightHeader(dtype, end: end), data: [UInt8](repeating: 0x3C, count: dataByteCount))
        try withFile(file) { url in
            let target = weightOnly(.float32)
            let before = target.weight.scalars
            #expect(throws: expected) { try Checkpoint.load(into: target, from: url) }
            #expect(target.weight.scalars == before)
        }
    }

    @Test("a type mismatch reads as a sentence naming the tensor and both types")
    func mismatchMessage() {
        #expect(CheckpointError.dtypeMismatch(tensor: "0.weight", stored: "F64", expected: .float32).description
            == "tensor '0.weight' is stored as F64, the model's parameter is float32; load with dtypeMismatch: .convert to convert it")
        #expect(CheckpointError.dtypeMismatch(tensor: "weight", stored: "BF16", expected: .float64).description
            == "tensor 'weight' is stored as BF16 (read as float32), the model's parameter is float64; "
            + "load with dtypeMismatch: .convert to convert it")
        #expect(CheckpointError.unsupportedDtype(tensor: "0.bias", dtype: "I64").description
            == "tensor '0.bias' has dtype I64; only F64, F32, F16 and BF16 are supported")
    }
}
