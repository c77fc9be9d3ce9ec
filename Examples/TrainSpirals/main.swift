// No data needed: a small MLP learns to separate two interleaved spirals, and the decision
// regions it found are drawn as an SVG file (spirals.svg in the current folder, or the
// path given as the argument).
import ArgumentParser
import Autograd
import AutogradNN
import ExampleSupport
import Foundation

/// The command line, parsed and checked (the output path too) before any training.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "TrainSpirals",
        abstract: "Train a 2-32-32-2 MLP to separate two spirals and draw its decision regions as SVG.")

    @Argument(help: "The SVG file to write; its folder must exist and be writable.")
    var output = "spirals.svg"

    @Option(help: "Adam steps over the 400 points (1...100000).")
    var steps = 3_000

    @Option(help: "Adam's initial learning rate, halved every 1,000 steps.")
    var learningRate = 0.02

    func validate() throws {
        try requireInRange(steps, 1...100_000, name: "--steps")
        try requirePositive(learningRate, name: "--learning-rate")
        try requireWritableFile(output)
    }
}
let options = Options.parseOrExit()

let data = Dataset.twoSpirals(pointsPerClass: 200, noise: 0.04, seed: 7)
let model = Sequential {
    Linear(inputSize: 2, outputSize: 32, initialization: .glorot, seed: 1)
    Activation.tanh
    Linear(inputSize: 32, outputSize: 32, initialization: .glorot, seed: 2)
    Activation.tanh
    Linear(inputSize: 32, outputSize: 2, initialization: .glorot, seed: 3)
}
let optimizer = Adam(learningRate: .step(initial: options.learningRate, factor: 0.5, every: 1_000))

for step in 1...options.steps {
    let (loss, gradients) = valueWithGradient(at: model) { model in
        crossEntropy(logits: model(data.features), labels: data.labels)
    }
    do { try requireFiniteLoss(loss.scalar, at: "step \(step)") } catch { Options.exit(withError: error) }
    optimizer.update(model, along: gradients)
    if step % 500 == 0 || step == 1 || step == options.steps {
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
do {
    try plot.svg().write(to: URL(fileURLWithPath: options.output), atomically: true, encoding: .utf8)
} catch {
    Options.exit(withError: error)  // the folder was writable when checked, but can change since
}
print("decision regions written to \(options.output)")
