import AutogradTestSupport
import Testing
import Autograd

/// `solve` and `triangularSolve`: values against NumPy and SciPy, the typed singular errors, and
/// the shape traps. The derivative checks are in SolveGradientTests.swift.
@Suite("solve and triangularSolve")
struct SolveTests {
    // A non-symmetric A whose LU factorisation pivots (|3| > |0.5| in the first column), so a
    // transpose flag the wrong way round, or pivots applied wrongly, gives other numbers.
    static let a = [[0.5, 2.0, -1.0], [3.0, -1.0, 4.0], [1.5, 2.5, 0.25]]
    static let b = [[1.0, -2.0], [0.5, 4.0], [3.0, 1.0]]
    static let vector = [1.0, -1.0, 2.0]
    /// Weights w of the scalar Σ w·X whose gradients are checked.
    static let weights = [[1.0, 2.0], [-1.0, 0.5], [0.25, 3.0]]

    // NumPy 2.4.6: numpy.linalg.solve(A, B) and numpy.linalg.solve(A, b); the gradients of
    // sum(W * X) from the closed forms B̄ = numpy.linalg.solve(A.T, W), Ā = -B̄ @ X.T, and of
    // sum([1, 2, 3] * x) with b̄ = numpy.linalg.solve(A.T, [1, 2, 3]), ā = -numpy.outer(b̄, x).
    static let solution = [
        -2.551724137931032, -4.275862068965514, 2.4655172413793087, 2.482758620689654, 2.6551724137931014, 4.82758620689655,
    ]
    static let vectorSolution = [-1.8620689655172395, 1.7586206896551715, 1.5862068965517226]
    static let gradientB = [
        3.655172413793104, -2.5172413793103456, 1.1551724137931036, -0.017241379310344942, -2.862068965517242, 2.2068965517241383,
    ]
    static let gradientA = [
        -1.4363852556480419, -2.762187871581448, 2.4470868014268783, 2.8739595719381663, -2.8052913198573113,
        -2.9839476813317454, 2.1331747919143877, 1.5772889417360272, -3.0546967895362687,
    ]
    static let vectorGradientB = [-7.517241379310345, -1.5172413793103448, 6.206896551724138]
    static let vectorGradientA = [
        -13.997621878715801, 13.219976218787151, 11.923900118906053, -2.8252080856123634, 2.668252080856122,
        2.406658739595717, 11.557669441141487, -10.91557669441141, -9.845422116527933,
    ]

    @Test("solve matches numpy.linalg.solve for a matrix and a vector B, with the gradients of the closed forms")
    func solveReference() throws {
        let a = Tensor(Self.a), b = Tensor(Self.b), weights = Tensor(Self.weights)
        expectClose(try solve(a, b).scalars, Self.solution)
        let (gradientA, gradientB) = try gradient(at: a, b) { try (solve($0, $1) * weights).sum() }
        expectClose(gradientB.scalars, Self.gradientB)
        expectClose(gradientA.scalars, Self.gradientA)

        let vector = Tensor(Self.vector)
        let x = try solve(a, vector)
        #expect(x.shape == [3])
        expectClose(x.scalars, Self.vectorSolution)
        let (vectorGradientA, vectorGradientB) = try gradient(at: a, vector) { try (solve($0, $1) * Tensor([1.0, 2, 3])).sum() }
        expectClose(vectorGradientB.scalars, Self.vectorGradientB)
        expectClose(vectorGradientA.scalars, Self.vectorGradientA)
    }

    @Test("float32 solve and its gradients agree with NumPy's float64 values to float32 accuracy")
    func solveFloat32() throws {
        let a = Tensor(Self.a).converted(to: .float32), b = Tensor(Self.b).converted(to: .float32)
        let x = try solve(a, b)
        #expect(x.dtype == .float32)
        expectClose(x.scalars, Self.solution, tolerance: 1e-5)
        let (gradientA, gradientB) = try gradient(at: a, b) { try (solve($0, $1) * Tensor(Self.weights).converted(to: .float32)).sum() }
        #expect(gradientA.dtype == .float32 && gradientB.dtype == .float32)
        expectClose(gradientB.scalars, Self.gradientB, tolerance: 1e-5)
        expectClose(gradientA.scalars, Self.gradientA, tolerance: 1e-5)
    }

    @Test("mixed types promote to float64, and each gradient comes back in its operand's type")
    func mixedTypes() throws {
        let a = Tensor(Self.a).converted(to: .float32), b = Tensor(Self.b)
        let x = try solve(a, b)
        #expect(x.dtype == .float64)
        // The float32 rounding of A is exact here (every entry is a multiple of 1/4).
        expectClose(x.scalars, Self.solution)
        let (gradientA, gradientB) = try gradient(at: a, b) { try solve($0, $1).sum() }
        #expect(gradientA.dtype == .float32 && gradientB.dtype == .float64)
        let triangular = try triangularSolve(a, b.converted(to: .float32), lower: true)
        #expect(triangular.dtype == .float32)
    }

    @Test("a 0 × 0 system has an empty solution")
    func empty() throws {
        #expect(try solve(Tensor.zeros([0, 0]), Tensor.zeros([0])).shape == [0])
        #expect(try triangularSolve(Tensor.zeros([0, 0]), Tensor.zeros([0, 2]), lower: true).shape == [0, 2])
    }

    /// A triangular test matrix with nonzero entries in both triangles: only the named one may be read.
    static let triangular = [[2.0, 7.0, -3.0], [0.5, -1.5, 9.0], [1.0, -2.0, 4.0]]

    /// (lower, transposingA, unitDiagonal) and SciPy 1.17.1's
    /// `scipy.linalg.solve_triangular(T, B, lower=, trans=, unit_diagonal=)` for T = `triangular`, B = `b`.
    static let triangularCases: [(Bool, Bool, Bool, [Double])] = [
        (true, false, false, [0.5, -1.0, -0.16666666666666666, -3.0, 0.5416666666666667, -1.0]),
        (true, false, true, [1.0, -2.0, 0.0, 5.0, 2.0, 13.0]),
        (true, true, false, [0.4583333333333333, -0.375, -1.3333333333333333, -3.0, 0.75, 0.25]),
        (true, true, true, [-5.25, -6.0, 6.5, 6.0, 3.0, 1.0]),
        (false, false, false, [-12.958333333333332, 3.458333333333333, 4.166666666666666, -1.1666666666666665, 0.75, 0.25]),
        (false, false, true, [195.5, 36.0, -26.5, -5.0, 3.0, 1.0]),
        (false, true, false, [0.5, -1.0, 2.0, -7.333333333333333, -3.375, 16.0]),
        (false, true, true, [1.0, -2.0, -6.5, 18.0, 64.5, -167.0]),
    ]

    @Test("triangularSolve matches scipy.linalg.solve_triangular, reading only the named triangle",
          arguments: triangularCases, DType.allCases)
    func triangularReference(_ flags: (Bool, Bool, Bool, [Double]), dtype: DType) throws {
        let (lower, transposingA, unitDiagonal, expected) = flags
        let a = Tensor(Self.triangular).converted(to: dtype), b = Tensor(Self.b).converted(to: dtype)
        let x = try triangularSolve(a, b, lower: lower, transposingA: transposingA, unitDiagonal: unitDiagonal)
        #expect(x.dtype == dtype && x.shape == [3, 2])
        expectClose(x.scalars, expected, tolerance: dtype == .float32 ? 1e-5 : 1e-12)
        // Column by column, as vectors.
        for column in 0..<2 {
            let vector = Tensor(Self.b.map { $0[column] }).converted(to: dtype)
            let solution = try triangularSolve(a, vector, lower: lower, transposingA: transposingA, unitDiagonal: unitDiagonal)
            #expect(solution.shape == [3])
            expectClose(solution.scalars, [expected[column], expected[2 + column], expected[4 + column]],
                        tolerance: dtype == .float32 ? 1e-5 : 1e-12)
        }
    }

    @Test("NaN in A gives NaN throughout the solution, in both types (float32 included, which sgetrf alone got wrong)",
          arguments: DType.allCases)
    func nanSolve(dtype: DType) throws {
        for matrix in [[[Double.nan, 1], [1, 1]], [[1, 1], [Double.nan, 1]]] {
            let a = Tensor(matrix).converted(to: dtype), b = Tensor([1.0, 2.0]).converted(to: dtype)
            let x = try solve(a, b)
            #expect(x.dtype == dtype && x.scalars.allSatisfy(\.isNaN), "\(matrix): \(x.scalars)")
            let (gradientA, gradientB) = try gradient(at: a, b) { try solve($0, $1).sum() }
            #expect(gradientA.dtype == dtype && gradientB.dtype == dtype)
            #expect(gradientB.scalars.allSatisfy { $0.isNaN }, "\(matrix): \(gradientB.scalars)")
        }
    }

    // MARK: - Singular matrices

    @Test("solve with a singular A throws singularMatrix naming U's zero pivot", arguments: DType.allCases)
    func singularSolve(dtype: DType) {
        let singular = Tensor([[1.0, 2.0], [2.0, 4.0]]).converted(to: dtype)
        #expect(throws: LinearAlgebraError.singularMatrix(operation: "solve", pivot: 2)) {
            try solve(singular, Tensor([1.0, 1.0]).converted(to: dtype))
        }
        #expect(throws: LinearAlgebraError.singularMatrix(operation: "solve", pivot: 1)) {
            try solve(Tensor.zeros([3, 3], dtype: dtype), Tensor.ones([3, 2], dtype: dtype))
        }
        #expect(throws: LinearAlgebraError.self) {
            try gradient(at: singular) { try solve($0, Tensor.ones([2, 1], dtype: dtype)).sum() }
        }
    }

    @Test("triangularSolve with a zero on the read diagonal throws naming its index, unless unitDiagonal",
          arguments: DType.allCases)
    func singularTriangular(dtype: DType) throws {
        let zeroSecond = Tensor([[1.0, 5.0, 5.0], [2.0, 0.0, 5.0], [1.0, 1.0, 3.0]]).converted(to: dtype)
        let b = Tensor.ones([3], dtype: dtype)
        for lower in [true, false] {
            for transposingA in [true, false] {
                #expect(throws: LinearAlgebraError.singularMatrix(operation: "triangularSolve", pivot: 2)) {
                    try triangularSolve(zeroSecond, b, lower: lower, transposingA: transposingA)
                }
                #expect(try triangularSolve(zeroSecond, b, lower: lower, transposingA: transposingA, unitDiagonal: true)
                    .scalars.allSatisfy(\.isFinite))
            }
        }
        #expect(throws: LinearAlgebraError.singularMatrix(operation: "triangularSolve", pivot: 3)) {
            try triangularSolve(Tensor([[1.0, 2.0, 3.0], [0.0, 1.0, 2.0], [0.0, 0.0, 0.0]]).converted(to: dtype),
                                Tensor.ones([3, 2], dtype: dtype), lower: false)
        }
    }

    // MARK: - Shape traps

    @Test("solve traps on a non-square A")
    func solveNonSquare() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? solve(Tensor.ones([2, 3]), Tensor.ones([2]))
        }
        #expect(standardError(of: result).contains("solve: needs a square matrix A, got A of shape [2, 3]"))
    }

    @Test("solve traps when B's first dimension is not A's order")
    func solveMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? solve(Tensor.eye(3), Tensor.ones([2, 4]))
        }
        #expect(standardError(of: result).contains("solve: B must have shape [3] or [3, k] for A of shape [3, 3], got [2, 4]"))
    }

    @Test("solve traps on a B of rank 3")
    func solveRank3() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? solve(Tensor.eye(2), Tensor.ones([2, 2, 2]))
        }
        #expect(standardError(of: result).contains("solve: B must have shape [2] or [2, k] for A of shape [2, 2], got [2, 2, 2]"))
    }

    @Test("triangularSolve traps on a non-square A")
    func triangularNonSquare() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? triangularSolve(Tensor.ones([3]), Tensor.ones([3]), lower: true)
        }
        #expect(standardError(of: result).contains("triangularSolve: needs a square matrix A, got A of shape [3]"))
    }

    @Test("triangularSolve traps when B's first dimension is not A's order")
    func triangularMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? triangularSolve(Tensor.eye(2), Tensor.ones([3]), lower: false, transposingA: true)
        }
        #expect(standardError(of: result).contains("triangularSolve: B must have shape [2] or [2, k] for A of shape [2, 2], got [3]"))
    }
}
