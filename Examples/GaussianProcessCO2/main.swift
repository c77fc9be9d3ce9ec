// Fits an exact Gaussian-process regression to the monthly means of the Mauna Loa CO2 record
// (1958–2001) with the composite kernel of Rasmussen & Williams, "Gaussian Processes for
// Machine Learning", section 5.4.3, by minimising the negative log marginal likelihood with
// L-BFGS: every gradient goes through `cholesky`, `choleskySolve` and the log-determinant
// from the factor's diagonal. Prints the hyperparameters and the log marginal likelihood
// before and after, and draws the data, the posterior mean and a ±2σ band to a forecast year.
import ArgumentParser
import Autograd
import AutogradNN
import ExampleSupport
import Foundation

struct GaussianProcessCO2: ParsableCommand {
    /// The covariance function: change the terms or their starting values here. Amplitudes and
    /// lengths are in ppm and years; the starting values are scikit-learn's example's.
    static let kernel = CompositeKernel([
        .squaredExponential(name: "long-term trend", amplitude: 50, lengthScale: 50),
        .decayingPeriodic(name: "seasonal", amplitude: 2, decay: 100, smoothness: 1, period: 1),
        .rationalQuadratic(name: "medium term", amplitude: 0.5, lengthScale: 1, shape: 1),
        .squaredExponential(name: "short term", amplitude: 0.1, lengthScale: 0.1),
        .whiteNoise(name: "noise", deviation: 0.1),
    ])

    static let configuration = CommandConfiguration(
        commandName: "GaussianProcessCO2",
        abstract: "Fit a Gaussian process to the Mauna Loa CO2 record with L-BFGS and forecast it.")

    @Option(help: "A CSV file with 'date' (YYYY-MM-DD) and 'co2_ppm' columns; by default the bundled weekly record.")
    var data: String?

    @Option(help: "The SVG file to write (data, posterior mean, ±2σ band); its folder must exist and be writable.")
    var output = "GaussianProcessCO2.svg"

    @Option(help: "The year to forecast to, through its December (2002...2100).")
    var forecastTo = 2010

    @Option(help: "The most L-BFGS iterations (1...10000).")
    var maxIterations = 200

    /// Checks every option and the files before any work.
    func validate() throws {
        try requireInRange(forecastTo, 2002...2100, name: "--forecast-to")
        try requireInRange(maxIterations, 1...10_000, name: "--max-iterations")
        try requireWritableFile(output)
        if let data, !FileManager.default.fileExists(atPath: data) {
            throw ValidationError("--data: the file '\(data)' does not exist")
        }
    }

    func run() throws {
        let months = try monthlyMeans(csvAt: try dataURL(), valueColumn: "co2_ppm")
        guard let lastYear = months.last?.year, forecastTo >= lastYear else {
            throw ValidationError("--forecast-to \(forecastTo) is before the data's last year, \(months.last?.year ?? 0)")
        }
        let times = months.map(\.time), values = months.map(\.mean)
        let offset = values.reduce(0, +) / Double(values.count)
        print(String(format: "%d monthly means, %d-%02d to %d-%02d, mean %.2f ppm (subtracted)", months.count,
                     months.first!.year, months.first!.month, months.last!.year, months.last!.month, offset))
        let kernel = Self.kernel
        let process = GaussianProcess(kernel: kernel, x: Tensor(times), y: Tensor(values.map { $0 - offset }))
        let logParameters = kernel.initialLogParameters.map { Tensor($0) }

        // scikit-learn 1.9.1's GaussianProcessRegressor, set up as in its example "Forecasting of
        // CO2 level on Mona Loa dataset using Gaussian process regression" (this kernel, these
        // starting values, centred targets, L-BFGS-B) and run on the same 521 monthly means of this
        // file, reports a log marginal likelihood of −380.276 at the start and −115.050 after its fit
        // (the fitted kernel its documentation prints, to three digits):
        // 44.8² RBF(51.6) + 2.64² RBF(91.5)·ExpSineSquared(1.48, 1) + 0.536² RQ(α 2.89, ℓ 0.968)
        // + 0.188² RBF(0.122) + White(0.0367), and forecasts 383.43 ± 3.06 ppm (2σ) for December 2010.
        let before = try process.negativeLogMarginalLikelihood(logParameters: logParameters).scalar
        print(String(format: "log marginal likelihood at the starting hyperparameters: %.3f", -before))

        let clock = ContinuousClock()
        let start = clock.now
        let result = try LBFGS(gradientTolerance: 1e-3, maxIterations: maxIterations).minimize(logParameters) {
            do {
                return try process.negativeLogMarginalLikelihood(logParameters: logParameters)
            } catch is LinearAlgebraError {
                return Tensor(Double.nan)  // K not positive definite at this trial: L-BFGS shortens the step
            }
        }
        let seconds = (clock.now - start) / .seconds(1)
        print(String(format: "fitted in %.2f s: ", seconds) + result.description)
        print(String(format: "log marginal likelihood after the fit: %.3f\n", -result.loss))
        printHyperparameters(logParameters)

        let forecastTimes = (0..<(12 * (forecastTo + 1 - months.first!.year) - months.first!.month + 1)).map {
            months.first!.time + Double($0) / 12
        }
        let (mean, deviation) = try process.predict(at: Tensor(forecastTimes), logParameters: logParameters)
        let chart = LineChart(
            title: "Mauna Loa CO2: Gaussian-process posterior, forecast to \(forecastTo)", xLabel: "year", yLabel: "CO2 (ppm)",
            series: [.init(name: "monthly mean", points: Array(zip(times, values))),
                     .init(name: "posterior mean", points: zip(forecastTimes, mean).map { ($0, $1 + offset) })],
            bands: [.init(name: "±2σ", points: forecastTimes.indices.map {
                (forecastTimes[$0], mean[$0] + offset - 2 * deviation[$0], mean[$0] + offset + 2 * deviation[$0])
            })],
            width: 900, height: 460)
        try chart.svg().write(toFile: output, atomically: true, encoding: .utf8)
        print(String(format: "\nforecast for December %d: %.2f ± %.2f ppm (2σ)", forecastTo, mean.last! + offset, 2 * deviation.last!))
        print("chart: \(output)")
    }

    /// The `--data` file, or the record bundled with the example.
    func dataURL() throws -> URL {
        if let data { return URL(fileURLWithPath: data) }
        // SwiftPM's `Bundle.module` stops the program when its bundle is missing, so look first.
        let bundleName = "swift-autograd_GaussianProcessCO2.resources"
        guard Bundle(path: Bundle.main.bundleURL.appendingPathComponent(bundleName).path) != nil,
              let url = Bundle.module.url(forResource: "co2-mauna-loa-weekly", withExtension: "csv") else {
            throw MeasurementFileError.unreadable(
                path: "co2-mauna-loa-weekly.csv", reason: "\(bundleName) is not beside the executable; pass --data")
        }
        return url
    }

    /// One line per hyperparameter: its value (not the logarithm).
    func printHyperparameters(_ logParameters: [Tensor]) {
        print("fitted hyperparameters:")
        let kernel = Self.kernel
        let width = kernel.parameterNames.map(\.count).max() ?? 0
        for (name, logValue) in zip(kernel.parameterNames, logParameters) {
            print("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "  %.4g", Foundation.exp(logValue.scalar)))
        }
    }
}

GaussianProcessCO2.main()
