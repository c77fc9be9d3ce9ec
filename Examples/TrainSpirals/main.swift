// No data needed: a small MLP learns to separate two interleaved spirals, and the decision
// regions it found are drawn as an SVG file (spirals.svg in the current folder, or the
// path given as the first argument).
import Autograd
import AutogradNN
import ExampleSupport
import Foundation

let data = Dataset.twoSpirals(pointsPerClass: 200, noise: 0.04, seed: 7)
let model = Sequential {
    Linear(inputSize: 2, outputSize: 32, initialization: .glorot, seed: 1)
    Activation.tanh
    Linear(inputSize: 32, outputSize: 32, initialization: .glorot, seed: 2)
    Activation.tanh
    Linear(inputSize: 32, outputSize: 2, initialization: .glorot, seed: 3)
}
let optimizer = Adam(learningRate: .step(initial: 0.02, factor: 0.5, every: 1_000))

for step in 0...3_000 {
    let (loss, gradients) = valueWithGradient(at: model) { model in
        crossEntropy(logits: model(data.features), labels: data.labels)
    }
    optimizer.update(model, along: gradients)
    if step % 500 == 0 {
        let predictions = withoutGradients { model(data.features).argmaxIndices(alongAxis: 1) }
        let correct = zip(predictions, data.labels).filter { $0 == $1 }.count
        print("step \(step)  loss \(String(format: "%.4f", loss.scalar))  accuracy \(correct)/\(data.count)")
    }
}

// Classify the centre of every cell of a grid over the plane, in one batch.
let grid = RegionGrid(x: -1.2...1.2, y: -1.2...1.2, columns: 120, rows: 120)
let centres = Tensor(shape: [grid.columns * grid.rows, 2], scalars: grid.cellCenters.flatMap { [$0.x, $0.y] })
let regions = withoutGradients { model(centres).argmaxIndices(alongAxis: 1) }
let coordinates = data.features.scalars
let points: [(x: Double, y: Double, label: Int)] = data.labels.enumerated().map { row, label in
    (x: coordinates[2 * row], y: coordinates[2 * row + 1], label: label)
}
let plot = DecisionRegionPlot(title: "Two spirals: decision regions of a 2-32-32-2 MLP", grid: grid,
                              cellClasses: regions, points: points)
let path = CommandLine.arguments.dropFirst().first ?? "spirals.svg"
try plot.svg().write(to: URL(fileURLWithPath: path), atomically: true, encoding: .utf8)
print("decision regions written to \(path)")
