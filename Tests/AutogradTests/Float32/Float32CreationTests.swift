import AutogradTestSupport
import Testing
import Autograd

/// Creating float32 tensors and reading their values back.
@Suite("Float32 creation and read-out")
struct Float32CreationTests {
    @Test("scalars(as: Float.self) returns float32 values unchanged and rounds float64 ones")
    func typedReadOut() {
        let values: [Float] = [0.1, 1 / 3, -.greatestFiniteMagnitude, .leastNonzeroMagnitude]
        let single = Tensor(values)
        #expect(single.scalars(as: Float.self).map(\.bitPattern) == values.map(\.bitPattern))
        let double = Tensor([0.1, 1 + 0x1p-24, 1 + 3 * 0x1p-24, 1e39])
        #expect(double.scalars(as: Float.self) == [Float(0.1), 1, 1 + 0x1p-22, .infinity])
        // Reading float64 as Double, or widening float32 to Double, is exact.
        #expect(double.scalars(as: Double.self) == double.scalars)
        #expect(single.scalars(as: Double.self) == values.map(Double.init))
    }

    @Test("scalars and scalar widen float32 exactly")
    func widenedReadOut() {
        let x = Tensor([Float(0.1), Float(Double(16_777_217))])  // 2²⁴ + 1 is not a Float: it rounds to 2²⁴
        #expect(x.scalars == [Double(Float(0.1)), 16_777_216])
        #expect(x.scalars[0] == 0.10000000149011612)
        #expect(Tensor(0.1, dtype: .float32).scalar == Double(Float(0.1)))
    }

    @Test("Tensor(shape:scalars:), Tensor([Float]) and Tensor([[Float]]) make float32 tensors")
    func initialisers() {
        let fromShape = Tensor(shape: [2, 2], scalars: [Float(1), 2, 3, 4])
        #expect(fromShape.dtype == .float32 && fromShape.shape == [2, 2] && fromShape.scalars == [1, 2, 3, 4])
        let vector = Tensor([Float(1), 2])
        #expect(vector.dtype == .float32 && vector.shape == [2])
        let matrix = Tensor([[Float(1), 2, 3], [4, 5, 6]])
        #expect(matrix.dtype == .float32 && matrix.shape == [2, 3] && matrix.scalars == [1, 2, 3, 4, 5, 6])
        let scalar = Tensor(0.1, dtype: .float32)
        #expect(scalar.dtype == .float32 && scalar.shape == [] && scalar.scalars(as: Float.self) == [0.1])
    }

    @Test("array literals and Double arrays stay float64")
    func literalsStayFloat64() {
        #expect(Tensor([1, 2]).dtype == .float64)
        #expect(Tensor([[1, 2], [3, 4]]).dtype == .float64)
        #expect(Tensor(shape: [2], scalars: [1, 2]).dtype == .float64)
        #expect(Tensor(0.1).dtype == .float64)
        #expect(Tensor([0.1]).scalars == [0.1])
    }

    @Test("zeros, ones, full and eye take dtype:")
    func constants() {
        let made = [Tensor.zeros([2, 3], dtype: .float32), .ones([2], dtype: .float32),
                    .full([3], value: 0.1, dtype: .float32), .eye(3, dtype: .float32)]
        #expect(made.allSatisfy { $0.dtype == .float32 })
        #expect(made[0].scalars == [0, 0, 0, 0, 0, 0] && made[1].scalars == [1, 1])
        #expect(made[2].scalars(as: Float.self) == [0.1, 0.1, 0.1])
        #expect(made[3].scalars == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Tensor.zeros([2]).dtype == .float64 && Tensor.eye(2).dtype == .float64)
    }

    @Test("randomNormal and randomUniform in float32 are the float64 draws rounded")
    func random() {
        let normal = Tensor.randomNormal([100], mean: 1, standardDeviation: 2, seed: 7, dtype: .float32)
        let normal64 = Tensor.randomNormal([100], mean: 1, standardDeviation: 2, seed: 7)
        #expect(normal.dtype == .float32)
        #expect(normal.scalars(as: Float.self) == normal64.scalars.map(Float.init))
        let uniform = Tensor.randomUniform([100], in: -1..<3, seed: 7, dtype: .float32)
        let uniform64 = Tensor.randomUniform([100], in: -1..<3, seed: 7)
        #expect(uniform.dtype == .float32)
        #expect(uniform.scalars(as: Float.self) == uniform64.scalars.map(Float.init))
        #expect(uniform.scalars.allSatisfy { (-1...3).contains($0) })
    }

    @Test("description prints float32 values as Floats: 0.1, not 0.10000000149011612")
    func description() {
        #expect(Tensor([Float(0.1), 2.5]).description == "[0.1, 2.5]")
        #expect(Tensor([[Float(0.1), 1], [-3, 0.25]]).description == "[[ 0.1 ,  1.  ],\n [-3.  ,  0.25]]")
        #expect(Tensor([0.1]).converted(to: .float32).description == "[0.1]")
        #expect(Tensor([Float(0.1)]).converted(to: .float64).description == "[0.1]")  // 8 digits after the point, as NumPy
    }
}
