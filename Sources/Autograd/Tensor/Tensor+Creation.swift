import Foundation

extension Tensor {
    /// A rank-0 tensor holding one value (rounded to the nearest `Float` for `.float32`).
    public convenience init(_ scalar: Double, dtype: DType = .float64) {
        self.init(shape: [], storage: TensorStorage(repeating: scalar, count: 1, dtype: dtype))
    }

    /// A float64 vector holding `vector`.
    public convenience init(_ vector: [Double]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    /// A float32 vector holding `vector`.
    @_disfavoredOverload
    public convenience init(_ vector: [Float]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    /// A float64 matrix whose rows are `rows`; traps when the rows differ in length.
    public convenience init(_ rows: [[Double]]) {
        self.init(shape: Tensor.matrixShape(rows), scalars: rows.flatMap { $0 })
    }

    /// A float32 matrix whose rows are `rows`; traps when the rows differ in length.
    @_disfavoredOverload
    public convenience init(_ rows: [[Float]]) {
        self.init(shape: Tensor.matrixShape(rows), scalars: rows.flatMap { $0 })
    }

    /// The shape of a matrix with these rows, trapping when their lengths differ.
    private static func matrixShape<Scalar: TensorScalar>(_ rows: [[Scalar]]) -> [Int] {
        let columns = rows.first?.count ?? 0
        check(
            rows.allSatisfy { $0.count == columns },
            "Tensor([[\(Scalar.self)]]): rows have different lengths \(rows.map(\.count))")
        return [rows.count, columns]
    }

    /// A tensor of `shape` with every value equal to `value`.
    ///
    /// Traps when a size is negative, the sizes overflow `Int`, or the tensor would not fit in
    /// this machine's physical memory (as every creation function does).
    public static func full(_ shape: [Int], value: Double, dtype: DType = .float64) -> Tensor {
        filled(shape, value: value, dtype: dtype, operation: "full(_:value:dtype:)")
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float64) -> Tensor {
        filled(shape, value: 0, dtype: dtype, operation: "zeros(_:dtype:)")
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float64) -> Tensor {
        filled(shape, value: 1, dtype: dtype, operation: "ones(_:dtype:)")
    }

    /// A tensor of `shape` filled with `value`, its size checked in the name of `operation`.
    private static func filled(_ shape: [Int], value: Double, dtype: DType, operation: String) -> Tensor {
        let count = elementCount(ofShape: shape, operation: operation, allocating: dtype)
        return Tensor(shape: shape, storage: TensorStorage(repeating: value, count: count, dtype: dtype))
    }

    /// The `size × size` identity matrix.
    public static func eye(_ size: Int, dtype: DType = .float64) -> Tensor {
        let count = elementCount(ofShape: [size, size], operation: "eye(_:dtype:)", allocating: dtype)
        var scalars = [Double](repeating: 0, count: count)
        for index in 0..<size { scalars[index * size + index] = 1 }
        return Tensor(shape: [size, size], scalars: scalars).converted(to: dtype)
    }

    /// Values drawn from the normal distribution N(mean, standardDeviation²), the same
    /// for the same seed on every machine (SplitMix64 and the Box–Muller transform). A float32
    /// tensor holds the float64 draws rounded, so the two types start from the same numbers.
    public static func randomNormal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, seed: UInt64, dtype: DType = .float64
    ) -> Tensor {
        let count = elementCount(ofShape: shape, operation: "randomNormal(_:mean:standardDeviation:seed:dtype:)", allocating: dtype)
        var generator = SplitMix64(seed: seed)
        return Tensor(shape: shape, scalars: (0..<count).map { _ in
            mean + standardDeviation * generator.nextNormal()
        }).converted(to: dtype)
    }

    /// Values drawn uniformly from `range` (lower bound included, upper excluded), the
    /// same for the same seed on every machine (SplitMix64); float32 as in `randomNormal`.
    public static func randomUniform(
        _ shape: [Int], in range: Range<Double> = 0..<1, seed: UInt64, dtype: DType = .float64
    ) -> Tensor {
        let count = elementCount(ofShape: shape, operation: "randomUniform(_:in:seed:dtype:)", allocating: dtype)
        var generator = SplitMix64(seed: seed)
        let width = range.upperBound - range.lowerBound
        return Tensor(shape: shape, scalars: (0..<count).map { _ in
            range.lowerBound + width * generator.nextUnitInterval()
        }).converted(to: dtype)
    }

    /// A tensor of this one's shape and type filled with `value`.
    func filled(with value: Double) -> Tensor { Tensor.full(shape, value: value, dtype: dtype) }
}

/// Sebastiano Vigna's SplitMix64: a small, fully specified generator, so seeded tensors
/// are identical on every platform (unlike the system generator).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in [0, 1) with 53 random bits.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal value by the Box–Muller transform (one draw per two uniforms).
    public mutating func nextNormal() -> Double {
        let u = 1 - nextUnitInterval()  // in (0, 1], so the logarithm is finite
        let v = nextUnitInterval()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * .pi * v)
    }
}
