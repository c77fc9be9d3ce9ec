import RealModule

extension Kernels {
    /// e^A of a row-major `n × n` matrix by scaling and squaring with a diagonal Padé approximant
    /// (Higham 2005, "The scaling and squaring method for the matrix exponential revisited",
    /// Algorithm 2.3): the lowest degree m ∈ {3, 5, 7, 9} with ‖A‖₁ ≤ θₘ, else degree 13 on
    /// A/2ˢ, s = ⌈log₂(‖A‖₁/θ₁₃)⌉, squared s times. θₘ are the double-precision values of that
    /// paper's Table 2.3, which bound the backward error of rₘ(A) by the unit roundoff 2⁻⁵³.
    ///
    /// A float32 matrix is exponentiated in float64 and rounded to float32: one set of thresholds
    /// (the float64 ones, checked against SciPy), an error of about one float32 rounding where
    /// float32 arithmetic would add the roundoff of every product and squaring, and the same
    /// degree and scaling choice for the 2n × 2n block matrices the derivative exponentiates.
    ///
    /// A matrix holding NaN or ±∞ gives NaN throughout: the norm that picks the degree and the
    /// scaling is not finite, and no approximant applies.
    static func matrixExponential(_ a: TensorStorage, size n: Int) -> TensorStorage {
        switch a {
        case .float32: .float64(matrixExponential(Double.values(of: a.converted(to: .float64)), size: n)).converted(to: .float32)
        case let .float64(values): .float64(matrixExponential(values, size: n))
        }
    }

    /// Table 2.3 of Higham 2005, double precision: θₘ for m = 3, 5, 7, 9, 13.
    private static let padeThresholds: [(degree: Int, theta: Double)] = [
        (3, 1.495585217958292e-2), (5, 2.539398330063230e-1), (7, 9.504178996162932e-1), (9, 2.097847961257068e0),
    ]
    /// θ₁₃ of the same table: degree 13 applies to A/2ˢ once ‖A/2ˢ‖₁ ≤ θ₁₃.
    private static let thetaThirteen = 5.371920351148152e0

    /// The coefficients b₀, …, bₘ of the degree-m Padé approximant's numerator (Higham 2005, eq. 2.6).
    private static func padeCoefficients(degree: Int) -> [Double] {
        switch degree {
        case 3: [120, 60, 12, 1]
        case 5: [30240, 15120, 3360, 420, 30, 1]
        case 7: [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1]
        case 9: [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1]
        default: [
            64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
            10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
        ]
        }
    }

    private static func matrixExponential(_ a: [Double], size n: Int) -> [Double] {
        guard n > 0 else { return a }
        checkFitsBLASInteger(n, in: "matrixExponential of a \(n) × \(n) matrix")
        BLASRuntime.prepare()
        let norm = (0..<n).map { column in (0..<n).reduce(0) { $0 + abs(a[$1 * n + column]) } }.max()!
        guard norm.isFinite else { return [Double](repeating: .nan, count: n * n) }
        if let (degree, _) = padeThresholds.first(where: { norm <= $0.theta }) {
            return padeApproximant(a, size: n, degree: degree)
        }
        let squarings = Swift.max(0, Int(Double.log2(norm / thetaThirteen).rounded(.up)))
        let scale = Double(sign: .plus, exponent: -squarings, significand: 1)
        var result = padeApproximant(a.map { $0 * scale }, size: n, degree: 13)
        for _ in 0..<squarings { result = product(result, result, size: n) }
        return result
    }

    /// rₘ(A) = (V − U)⁻¹·(V + U) with U = A·Σ b₂ₖ₊₁·A²ᵏ (odd terms) and V = Σ b₂ₖ·A²ᵏ (even
    /// terms), degree 13 grouped as in Higham 2005 (eq. 2.10) to take six products.
    private static func padeApproximant(_ a: [Double], size n: Int, degree: Int) -> [Double] {
        let b = padeCoefficients(degree: degree)
        let a2 = product(a, a, size: n)
        let odd: [Double], even: [Double]
        if degree == 13 {
            let a4 = product(a2, a2, size: n), a6 = product(a4, a2, size: n)
            let oddHigh = combination([(b[13], a6), (b[11], a4), (b[9], a2)], identity: 0, size: n)
            let evenHigh = combination([(b[12], a6), (b[10], a4), (b[8], a2)], identity: 0, size: n)
            odd = combination([(1, product(a6, oddHigh, size: n)), (b[7], a6), (b[5], a4), (b[3], a2)], identity: b[1], size: n)
            even = combination([(1, product(a6, evenHigh, size: n)), (b[6], a6), (b[4], a4), (b[2], a2)], identity: b[0], size: n)
        } else {
            // A², A⁴, …, A^(m−1).
            var powers = [a2]
            while powers.count < degree / 2 { powers.append(product(powers.last!, a2, size: n)) }
            odd = combination(powers.indices.map { (b[2 * $0 + 3], powers[$0]) }, identity: b[1], size: n)
            even = combination(powers.indices.map { (b[2 * $0 + 2], powers[$0]) }, identity: b[0], size: n)
        }
        let u = product(a, odd, size: n)
        var denominator = Swift.zip(even, u).map { $0 - $1 }
        var numerator = Swift.zip(even, u).map { $0 + $1 }
        var pivots = [Int32](repeating: 0, count: n)
        // V − U is nonsingular for ‖A‖₁ ≤ θₘ (Higham 2005, section 2); a zero pivot, impossible
        // for finite A, would show as ±∞ or NaN through getrs's division.
        _ = factorizeLU(&denominator, size: n, pivots: &pivots, operation: "matrixExponential") as Int
        let info = numerator.withUnsafeMutableBufferPointer { x in
            Double.getrs(false, n, n, denominator, pivots, x.baseAddress)
        }
        check(info == 0, "matrixExponential: LAPACK's getrs rejected argument \(-info) for a \(n) × \(n) matrix")
        return numerator
    }

    /// Σ cₖ·Xₖ + `identity`·I for `n × n` matrices Xₖ.
    private static func combination(_ terms: [(Double, [Double])], identity: Double, size n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n * n)
        for (coefficient, matrix) in terms {
            for index in result.indices { result[index] += coefficient * matrix[index] }
        }
        for index in 0..<n { result[index * n + index] += identity }
        return result
    }

    /// X·Y for row-major `n × n` matrices (`gemm`, through `matrixProduct`).
    private static func product(_ x: [Double], _ y: [Double], size n: Int) -> [Double] {
        Double.values(of: matrixProduct(
            .float64(x), rows: n, columns: n, transposed: false, .float64(y), rows: n, columns: n, transposed: false))
    }
}
