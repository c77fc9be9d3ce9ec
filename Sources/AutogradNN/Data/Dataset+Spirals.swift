import Autograd
import Foundation

extension Dataset {
    /// The classic two interleaved spirals in the plane (Lang and Witbrock, 1988): class 0
    /// lies on the Archimedean spiral
    ///
    ///     θ = √u · turns · 2π  (u uniform in [0, 1)),   r = θ / (turns · 2π),   p = r·(cos θ, sin θ)
    ///
    /// and class 1 on its half-turn rotation −p, each point then moved by independent
    /// Gaussian noise N(0, noise²) per coordinate. Rows `0..<pointsPerClass` are class 0,
    /// the next `pointsPerClass` class 1; the same seed gives the same points everywhere.
    /// The features are float64 (`converted(to:)` gives float32).
    public static func twoSpirals(pointsPerClass: Int, noise: Double = 0.05, turns: Double = 1.75, seed: UInt64) -> Dataset {
        check(pointsPerClass > 0, "Dataset.twoSpirals: pointsPerClass must be positive, got \(pointsPerClass)")
        check(noise >= 0, "Dataset.twoSpirals: noise must be non-negative, got \(noise)")
        check(turns > 0, "Dataset.twoSpirals: turns must be positive, got \(turns)")
        var generator = SplitMix64(seed: seed)
        let largestAngle = turns * 2 * .pi
        var first = [Double](), second = [Double]()
        for _ in 0..<pointsPerClass {
            let angle = generator.nextUnitInterval().squareRoot() * largestAngle
            let radius = angle / largestAngle
            let x = radius * Foundation.cos(angle), y = radius * Foundation.sin(angle)
            first += [x + noise * generator.nextNormal(), y + noise * generator.nextNormal()]
            second += [-x + noise * generator.nextNormal(), -y + noise * generator.nextNormal()]
        }
        return Dataset(
            features: Tensor(shape: [2 * pointsPerClass, 2], scalars: first + second),
            labels: [Int](repeating: 0, count: pointsPerClass) + [Int](repeating: 1, count: pointsPerClass))
    }
}
