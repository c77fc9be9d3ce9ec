import RealModule

/// The element type of a tensor, chosen at run time as in PyTorch and MLX: one `Tensor`
/// class holds either type, so a graph may mix them and a checkpoint decides the type when
/// it loads.
///
/// `.float64` is the default everywhere. An operation on a float32 and a float64 tensor
/// computes in float64 (as PyTorch promotes), and a `Double` constant takes the tensor's type,
/// so `x * 0.5` stays float32.
public enum DType: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// IEEE 754 single precision (Swift's `Float`): 4 bytes, about 7 significant digits.
    case float32
    /// IEEE 754 double precision (Swift's `Double`): 8 bytes, about 16 significant digits.
    case float64

    /// The bytes one element takes.
    public var byteCount: Int {
        switch self {
        case .float32: 4
        case .float64: 8
        }
    }

    /// The type an operation on values of `self` and `other` computes in: the wider one.
    public func promoted(with other: DType) -> DType {
        self == .float64 || other == .float64 ? .float64 : .float32
    }

    /// The name, as PyTorch spells it without the `torch.` prefix (`float32`).
    public var description: String { rawValue }
}

/// A Swift type a tensor's elements can have: `Float` (`.float32`) and `Double` (`.float64`).
/// Other conformances are not supported; the protocol exists so that typed read-out and
/// creation can be generic (`x.scalars(as: Float.self)`).
public protocol TensorScalar: BinaryFloatingPoint, Sendable {
    /// The element type of tensors holding this type.
    static var dtype: DType { get }
}

/// `Float` is the element type of `.float32` tensors.
extension Float: TensorScalar {
    /// `.float32`.
    public static var dtype: DType { .float32 }
}

/// `Double` is the element type of `.float64` tensors.
extension Double: TensorScalar {
    /// `.float64`.
    public static var dtype: DType { .float64 }
}
