import Autograd

/// An element type a safetensors file may store, by its name in the header, and how it is
/// read: F64 as float64, F32 as float32, and F16 and BF16 (what PyTorch and Hugging Face
/// checkpoints often hold) widened exactly to float32. Only F64 and F32 are written.
enum SafeTensorsDType: String, CaseIterable {
    /// IEEE 754 double precision.
    case f64 = "F64"
    /// IEEE 754 single precision.
    case f32 = "F32"
    /// IEEE 754 half precision: 5 exponent bits, 10 fraction bits.
    case f16 = "F16"
    /// bfloat16 (Google Brain): float32's 8 exponent bits, 7 fraction bits.
    case bf16 = "BF16"

    /// The type a tensor of `dtype` is written in.
    init(_ dtype: DType) {
        switch dtype {
        case .float64: self = .f64
        case .float32: self = .f32
        }
    }

    /// The bytes one element takes in the file.
    var byteCount: Int {
        switch self {
        case .f64: 8
        case .f32: 4
        case .f16, .bf16: 2
        }
    }

    /// The element type of the tensor read from the file.
    var tensorType: DType { self == .f64 ? .float64 : .float32 }

    /// The tensor of `shape` whose little-endian elements fill `bytes[range]`; the range must
    /// hold exactly `byteCount` bytes per element (the header check guarantees it).
    func tensor(shape: [Int], from bytes: [UInt8], in range: Range<Int>) -> Tensor {
        bytes.withUnsafeBytes { raw in
            let offsets = stride(from: range.lowerBound, to: range.upperBound, by: byteCount)
            func load<Bits: FixedWidthInteger>(_: Bits.Type, at offset: Int) -> Bits {
                Bits(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Bits.self))
            }
            switch self {
            case .f64:
                return Tensor(shape: shape, scalars: offsets.map { Double(bitPattern: load(UInt64.self, at: $0)) })
            case .f32:
                return Tensor(shape: shape, scalars: offsets.map { Float(bitPattern: load(UInt32.self, at: $0)) })
            case .f16:
                return Tensor(shape: shape, scalars: offsets.map { Float(Float16(bitPattern: load(UInt16.self, at: $0))) })
            case .bf16:
                // bfloat16 is the upper half of a float32: sign, the same 8-bit exponent, 7 fraction bits.
                return Tensor(shape: shape, scalars: offsets.map { Float(bitPattern: UInt32(load(UInt16.self, at: $0)) << 16) })
            }
        }
    }
}
