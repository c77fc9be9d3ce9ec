import AutogradTestSupport
import Testing
import Autograd

/// `description` against NumPy 2.4.6's `np.array2string(a, separator=", ")` (NumPy's `repr`
/// without `array(`), every expected string printed by this script:
///
///     import numpy as np
///     cases = {
///      "matrix": np.array([[1, 2], [3, 4]], dtype=np.float64),
///      "half": np.array([1.0, 2.5]),
///      "thirds": np.array([1/3, 2/3, -1.0]),
///      "sum": np.array([0.1 + 0.2, 100.0]),
///      "ratio": np.array([1.0, 1e4]),
///      "small": np.array([1.5e-5, 1.0]),
///      "large": np.array([1e8, 1.5]),
///      "roundsci": np.array([1.23456789012e10, -1.0]),
///      "exp3": np.array([1e100, 1e-100, 0.0]),
///      "nonfinite": np.array([np.nan, 1.5, -np.inf]),
///      "allnonfinite": np.array([np.nan, np.inf]),
///      "scinan": np.array([np.nan, 1e-5, 2.0]),
///      "zeros": np.array([-0.0, 0.0]),
///      "tie": np.array([0.001953125, 1.0]),
///      "f32": np.array([0.1, 2.5], dtype=np.float32),
///      "f32third": np.array([1/3, 1e-5], dtype=np.float32),
///      "f32mat": np.array([[0.1, 1], [-3, 0.25]], dtype=np.float32),
///      "f32widened": np.array([np.float32(0.1)]).astype(np.float64),
///      "wrap": np.arange(30.0),
///      "cube": np.arange(8.0).reshape(2, 2, 2),
///      "summary": np.arange(1001.0),
///      "summary2d": np.arange(1200.0).reshape(10, 120) / 7,
///      "summary3d": np.arange(2 * 10 * 60.0).reshape(2, 10, 60),
///      "zeros100": np.zeros((100, 100)),
///      "scalar": np.array(2.5),
///      "scalar2": np.array(2.0),
///      "empty": np.zeros((2, 0)),
///     }
///     for name, a in cases.items():
///         print(name, repr(np.array2string(a, separator=", ")))
@Suite("description prints like NumPy")
struct TensorDescriptionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let tensor: @Sendable () -> Tensor
        let numpy: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "matrix", tensor: { [[1, 2], [3, 4]] }, numpy: "[[1., 2.],\n [3., 4.]]"),
        Case(name: "half", tensor: { [1.0, 2.5] }, numpy: "[1. , 2.5]"),
        Case(name: "thirds", tensor: { Tensor([1.0 / 3, 2.0 / 3, -1]) }, numpy: "[ 0.33333333,  0.66666667, -1.        ]"),
        Case(name: "sum", tensor: { Tensor([0.1 + 0.2, 100]) }, numpy: "[  0.3, 100. ]"),
        Case(name: "ratio", tensor: { [1.0, 1e4] }, numpy: "[1.e+00, 1.e+04]"),
        Case(name: "small", tensor: { [1.5e-5, 1.0] }, numpy: "[1.5e-05, 1.0e+00]"),
        Case(name: "large", tensor: { [1e8, 1.5] }, numpy: "[1.0e+08, 1.5e+00]"),
        Case(name: "roundsci", tensor: { [1.23456789012e10, -1.0] }, numpy: "[ 1.23456789e+10, -1.00000000e+00]"),
        Case(name: "exp3", tensor: { [1e100, 1e-100, 0.0] }, numpy: "[1.e+100, 1.e-100, 0.e+000]"),
        Case(name: "nonfinite", tensor: { Tensor([.nan, 1.5, -.infinity]) }, numpy: "[ nan,  1.5, -inf]"),
        Case(name: "allnonfinite", tensor: { Tensor([.nan, .infinity]) }, numpy: "[nan, inf]"),
        Case(name: "scinan", tensor: { Tensor([.nan, 1e-5, 2]) }, numpy: "[   nan, 1.e-05, 2.e+00]"),
        Case(name: "zeros", tensor: { Tensor([-0.0, 0.0]) }, numpy: "[-0.,  0.]"),
        Case(name: "tie", tensor: { [0.001953125, 1.0] }, numpy: "[0.00195312, 1.        ]"),
        Case(name: "f32", tensor: { Tensor([0.1, 2.5] as [Float]) }, numpy: "[0.1, 2.5]"),
        Case(name: "f32third", tensor: { Tensor([1.0 / 3, 1e-5] as [Float]) }, numpy: "[3.3333334e-01, 9.9999997e-06]"),
        Case(name: "f32mat", tensor: { Tensor([[0.1, 1], [-3, 0.25]] as [[Float]]) }, numpy: "[[ 0.1 ,  1.  ],\n [-3.  ,  0.25]]"),
        Case(name: "f32widened", tensor: { Tensor([Float(0.1)]).converted(to: .float64) }, numpy: "[0.1]"),
        Case(name: "wrap", tensor: { Tensor((0..<30).map(Double.init)) },
             numpy: "[ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13., 14.,\n 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27., 28., 29.]"),
        Case(name: "cube", tensor: { Tensor(shape: [2, 2, 2], scalars: (0..<8).map(Double.init)) },
             numpy: "[[[0., 1.],\n  [2., 3.]],\n\n [[4., 5.],\n  [6., 7.]]]"),
        Case(name: "summary", tensor: { Tensor((0...1000).map(Double.init)) }, numpy: "[   0.,    1.,    2., ...,  998.,  999., 1000.]"),
        Case(name: "summary2d", tensor: { Tensor(shape: [10, 120], scalars: (0..<1200).map(Double.init)) / 7 },
             numpy: "[[0.00000000e+00, 1.42857143e-01, 2.85714286e-01, ..., 1.67142857e+01,\n  1.68571429e+01, 1.70000000e+01],\n [1.71428571e+01, 1.72857143e+01, 1.74285714e+01, ..., 3.38571429e+01,\n  3.40000000e+01, 3.41428571e+01],\n [3.42857143e+01, 3.44285714e+01, 3.45714286e+01, ..., 5.10000000e+01,\n  5.11428571e+01, 5.12857143e+01],\n ...,\n [1.20000000e+02, 1.20142857e+02, 1.20285714e+02, ..., 1.36714286e+02,\n  1.36857143e+02, 1.37000000e+02],\n [1.37142857e+02, 1.37285714e+02, 1.37428571e+02, ..., 1.53857143e+02,\n  1.54000000e+02, 1.54142857e+02],\n [1.54285714e+02, 1.54428571e+02, 1.54571429e+02, ..., 1.71000000e+02,\n  1.71142857e+02, 1.71285714e+02]]"),
        Case(name: "summary3d", tensor: { Tensor(shape: [2, 10, 60], scalars: (0..<1200).map(Double.init)) },
             numpy: "[[[0.000e+00, 1.000e+00, 2.000e+00, ..., 5.700e+01, 5.800e+01, 5.900e+01],\n  [6.000e+01, 6.100e+01, 6.200e+01, ..., 1.170e+02, 1.180e+02, 1.190e+02],\n  [1.200e+02, 1.210e+02, 1.220e+02, ..., 1.770e+02, 1.780e+02, 1.790e+02],\n  ...,\n  [4.200e+02, 4.210e+02, 4.220e+02, ..., 4.770e+02, 4.780e+02, 4.790e+02],\n  [4.800e+02, 4.810e+02, 4.820e+02, ..., 5.370e+02, 5.380e+02, 5.390e+02],\n  [5.400e+02, 5.410e+02, 5.420e+02, ..., 5.970e+02, 5.980e+02, 5.990e+02]],\n\n [[6.000e+02, 6.010e+02, 6.020e+02, ..., 6.570e+02, 6.580e+02, 6.590e+02],\n  [6.600e+02, 6.610e+02, 6.620e+02, ..., 7.170e+02, 7.180e+02, 7.190e+02],\n  [7.200e+02, 7.210e+02, 7.220e+02, ..., 7.770e+02, 7.780e+02, 7.790e+02],\n  ...,\n  [1.020e+03, 1.021e+03, 1.022e+03, ..., 1.077e+03, 1.078e+03, 1.079e+03],\n  [1.080e+03, 1.081e+03, 1.082e+03, ..., 1.137e+03, 1.138e+03, 1.139e+03],\n  [1.140e+03, 1.141e+03, 1.142e+03, ..., 1.197e+03, 1.198e+03, 1.199e+03]]]"),
        Case(name: "zeros100", tensor: { Tensor.zeros([100, 100]) },
             numpy: "[[0., 0., 0., ..., 0., 0., 0.],\n [0., 0., 0., ..., 0., 0., 0.],\n [0., 0., 0., ..., 0., 0., 0.],\n ...,\n [0., 0., 0., ..., 0., 0., 0.],\n [0., 0., 0., ..., 0., 0., 0.],\n [0., 0., 0., ..., 0., 0., 0.]]"),
        Case(name: "scalar", tensor: { Tensor(2.5) }, numpy: "2.5"),
        Case(name: "scalar2", tensor: { Tensor(2) }, numpy: "2."),
        Case(name: "empty", tensor: { Tensor.zeros([2, 0]) }, numpy: "[]"),
    ]

    @Test("as NumPy prints the same array", arguments: cases)
    func numpy(_ c: Case) {
        #expect(c.tensor().description == c.numpy)
    }

    /// Wrapped as NumPy's `repr` wraps `array(` (the rows aligned under the first), with
    /// `Tensor(` in its place and the shape and type after the values.
    @Test("debugDescription adds the shape and the element type")
    func debugDescription() {
        let matrix: Tensor = [[1, 2], [3, 4]]
        #expect(matrix.debugDescription == "Tensor([[1., 2.],\n        [3., 4.]], shape: [2, 2], dtype: float64)")
        #expect(Tensor.zeros([2, 0], dtype: .float32).debugDescription == "Tensor([], shape: [2, 0], dtype: float32)")
    }
}
