import Foundation

extension Tensor {
    /// A rank-0 tensor holding one value.
    public convenience init(_ scalar: Double) {
        self.init(shape: [], scalars: [scalar])
    }

    /// A vector holding `vector`.
    public convenience init(_ vector: [Double]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    /// A matrix whose rows are `rows`; traps when the rows differ in length.
    public convenience init(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        check(
            rows.allSatisfy { $0.count == columns },
            "Tensor([[Double]]): rows have different lengths \(rows.map(\.count))")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// A tensor of `shape` with every value equal to `value`.
    public static func full(_ shape: [Int], value: Double) -> Tensor {
        Tensor(shape: shape, scalars: [Double](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { full(shape, value: 0) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { full(shape, value: 1) }

    /// The `size × size` identity matrix.
    public static func eye(_ size: Int) -> Tensor {
        var scalars = [Double](repeating: 0, count: size * size)
        for index in 0..<size { scalars[index * size + index] = 1 }
        return Tensor(shape: [size, size], scalars: scalars)
    }

    /// Values drawn from the normal distribution N(mean, standardDeviation²), the same
    /// for the same seed on every machine (SplitMix64 and the Box–Muller transform).
    public static func randomNormal(
        _ shape: [Int], mean: Double = 0, standardDeviation: Double = 1, seed: UInt64
    ) -> Tensor {
        var generator = SplitMix64(seed: seed)
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<count).map { _ in
            mean + standardDeviation * generator.nextNormal()
        })
    }

    /// Values drawn uniformly from `range` (lower bound included, upper excluded), the
    /// same for the same seed on every machine (SplitMix64).
    public static func randomUniform(_ shape: [Int], in range: Range<Double> = 0..<1, seed: UInt64) -> Tensor {
        var generator = SplitMix64(seed: seed)
        let count = shape.reduce(1, *)
        let width = range.upperBound - range.lowerBound
        return Tensor(shape: shape, scalars: (0..<count).map { _ in
            range.lowerBound + width * generator.nextUnitInterval()
        })
    }

    /// A tensor of this one's shape filled with `value`.
    func filled(with value: Double) -> Tensor { Tensor.full(shape, value: value) }
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
