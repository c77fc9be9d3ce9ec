import AutogradTestSupport
import Foundation
import Testing
import Autograd
import AutogradNN

/// `Conv2D` and `Conv1D`: PyTorch's parameter names, layout and initialisation bounds, and
/// outputs with weights copied from PyTorch.
@Suite("Convolution layers")
struct ConvolutionLayerTests {
    /// x with x[i] = sin(0.37·i + 0.1) in row-major order, as torch builds it below.
    static func input(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { sin(0.37 * Double($0) + 0.1) })
    }

    @Test("parameters are named, shaped and typed as nn.Conv2d's, within U(±1/√fanIn)", arguments: DType.allCases)
    func conv2dParameters(dtype: DType) {
        let layer = Conv2D(inputChannels: 4, outputChannels: 6, kernelSize: (3, 2), groups: 2, seed: 5, dtype: dtype)
        #expect(layer.namedParameters.map(\.name) == ["weight", "bias"])
        #expect(layer.weight.shape == [6, 2, 3, 2] && layer.bias?.shape == [6])
        #expect(layer.parameterTypes == [dtype] && layer.inputChannels == 4 && layer.outputChannels == 6)
        let bound = 1 / Double(2 * 3 * 2).squareRoot()  // fanIn = inputChannels/groups · kh · kw
        for parameter in layer.parameters {
            #expect(parameter.requiresGrad && parameter.scalars.allSatisfy { abs($0) <= bound })
            #expect(parameter.scalars.max()! > bound / 2 && parameter.scalars.min()! < -bound / 2)
        }
        #expect(Conv2D(inputChannels: 1, outputChannels: 2, kernelSize: 3, hasBias: false, seed: 0).namedParameters.map(\.name) == ["weight"])
    }

    @Test("Conv1D's parameters are named and shaped as nn.Conv1d's, within U(±1/√fanIn)")
    func conv1dParameters() {
        let layer = Conv1D(inputChannels: 3, outputChannels: 2, kernelSize: 5, seed: 1)
        #expect(layer.namedParameters.map(\.name) == ["weight", "bias"])
        #expect(layer.weight.shape == [2, 3, 5] && layer.bias?.shape == [2])
        let bound = 1 / Double(3 * 5).squareRoot()
        #expect(layer.parameters.allSatisfy { $0.scalars.allSatisfy { abs($0) <= bound } })
    }

    @Test("weights copied from nn.Conv2d give PyTorch's output", arguments: DType.allCases)
    func conv2dFromPyTorch(dtype: DType) {
        // PyTorch 2.13.0, float64: torch.manual_seed(0); c = nn.Conv2d(2, 3, 2, stride=2, padding=1);
        // c.weight, c.bias and c(x) for x = sin(0.37·i + 0.1) of shape [1, 2, 3, 3], flattened.
        let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 2, stride: 2, padding: 1, seed: 0, dtype: dtype)
        layer.weight.assign(Tensor(shape: [3, 2, 2, 2], scalars: [
            0.33237766509450606, 0.14695083538235879, -0.028720596346419144, 0.2975135406111735, 0.1025475387744194,
            0.20587264888886248, -0.22725975294703013, -0.10528280845802769, 0.05751671598388709, -0.14973983668244764,
            -0.03332675656129206, -0.22853724670405878, -0.10234185664138773, 0.08620002800352641, -0.012835118896634322,
            -0.041860368568592904, -0.06556182750784398, -0.20828636803915915, 0.11669961322758787, 0.2014362667948752,
            -0.20480182964417423, 0.12497343090184003, -0.2759588439441051, 0.016795242270472036,
        ]).converted(to: dtype))
        layer.bias!.assign(Tensor([-0.19373297241037815, 0.041184073558516894, 0.061892322464770104]).converted(to: dtype))
        let y = layer(Self.input([1, 2, 3, 3]).converted(to: dtype))
        #expect(y.shape == [1, 3, 2, 2] && y.dtype == dtype)
        expectClose(y.scalars, [
            -0.1340860413389554, 0.24402435414756835, 0.02108166870781942, 0.060614228735464945, 0.030274584546152616,
            -0.10038209339199701, -0.32640999194147424, -0.04703030512250197, 0.07722539446548299, 0.41920494815321147,
            -0.11854482179754194, 0.03921204263921346,
        ], tolerance: dtype == .float32 ? 1e-6 : 1e-14)
    }

    @Test("weights copied from nn.Conv1d give PyTorch's output", arguments: DType.allCases)
    func conv1dFromPyTorch(dtype: DType) {
        // PyTorch 2.13.0, float64: torch.manual_seed(0); c = nn.Conv1d(2, 2, 3, padding=1);
        // c.weight, c.bias and c(x) for x = sin(0.37·i + 0.1) of shape [1, 2, 4], flattened.
        let layer = Conv1D(inputChannels: 2, outputChannels: 2, kernelSize: 3, padding: 1, seed: 0, dtype: dtype)
        layer.weight.assign(Tensor(shape: [2, 2, 3], scalars: [
            0.38379666882986474, 0.16968420873129048, -0.03316368806378336, 0.3435390455188394, 0.11841169823228925,
            0.23772125850953216, -0.2624169590798714, -0.1215701156085642, 0.06641458291240093, -0.17290467003404353,
            -0.038482423743758196, -0.2638920818088885,
        ]).converted(to: dtype))
        layer.bias!.assign(Tensor([-0.11817419696254262, 0.09953521874397855]).converted(to: dtype))
        let y = layer(Self.input([1, 2, 4]).converted(to: dtype))
        #expect(y.shape == [1, 2, 4] && y.dtype == dtype)
        expectClose(y.scalars, [
            0.22298673348709375, 0.5998852478902158, 0.6605477937292249, 0.6296014606558975, -0.16614919449651538,
            -0.3341410871472637, -0.35165940274288143, -0.3530146404922649,
        ], tolerance: dtype == .float32 ? 1e-6 : 1e-14)
    }

    @Test("an input with the wrong channels traps, naming the layer and the shape")
    func wrongChannels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv2D(inputChannels: 3, outputChannels: 2, kernelSize: 3, seed: 0)(Tensor.ones([1, 1, 5, 5]))
        }
        #expect(standardError(of: result).contains("Conv2D: expects input of shape [batch, 3, height, width], got [1, 1, 5, 5]"))
    }

    @Test("channels not divisible by the groups trap at creation")
    func indivisibleGroups() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Conv1D(inputChannels: 3, outputChannels: 4, kernelSize: 3, groups: 2, seed: 0)
        }
        #expect(standardError(of: result).contains(
            "Conv1D: channels and kernel size must be positive and the channels divisible by groups, got inputChannels 3, outputChannels 4, kernelSize 3, groups 2"))
    }
}
