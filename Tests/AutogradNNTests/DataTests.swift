import Autograd
import AutogradNN
import AutogradTestSupport
import Foundation
import Testing

/// Ten examples whose single feature equals their label, so a row can be traced anywhere.
private func numbered(_ count: Int = 10) -> Dataset {
    Dataset(features: Tensor(shape: [count, 1], scalars: (0..<count).map(Double.init)), labels: Array(0..<count))
}

/// Whether every row of `dataset` still carries its own label as its feature.
private func rowsMatchLabels(_ dataset: Dataset) -> Bool {
    dataset.features.scalars == dataset.labels.map(Double.init)
}

/// `fields` joined by commas.
private func csvLine(_ fields: [String]) -> String { fields.joined(separator: ",") }

/// `count` fields "0".
private func zeros(_ count: Int) -> [String] { [String](repeating: "0", count: count) }

/// A fresh path in the temporary directory with extension `pathExtension`.
func temporaryFile(_ pathExtension: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("autograd-\(UUID().uuidString).\(pathExtension)")
}

@Suite("Dataset")
struct DatasetTests {
    @Test("subset picks rows and labels by index, in the given order")
    func subsetPicksRows() {
        let dataset = Dataset(features: Tensor([[0, 1], [10, 11], [20, 21]]), labels: [7, 8, 9])
        let picked = dataset.subset([2, 0, 2])
        #expect(picked.features.shape == [3, 2])
        #expect(picked.features.scalars == [20, 21, 0, 1, 20, 21])
        #expect(picked.labels == [9, 7, 9])
    }

    @Test("split is a seeded partition: sizes, no example lost or repeated, same seed same split")
    func splitIsDeterministicPartition() {
        let (train, test) = numbered().split(testFraction: 0.3, seed: 42)
        #expect(train.count == 7 && test.count == 3)
        #expect((train.labels + test.labels).sorted() == Array(0..<10))
        #expect(rowsMatchLabels(train) && rowsMatchLabels(test))
        let again = numbered().split(testFraction: 0.3, seed: 42)
        #expect(again.train.labels == train.labels && again.test.labels == test.labels)
        #expect(numbered().split(testFraction: 0.3, seed: 7).test.labels != test.labels)
    }

    @Test("unshuffled batches keep the order and keep the last partial batch")
    func batchesInOrder() {
        let batches = numbered().batches(of: 4, shuffledWith: nil)
        #expect(batches.map(\.labels) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        #expect(batches.allSatisfy(rowsMatchLabels))
    }

    @Test("seeded batches follow SplitMix64 Fisher–Yates exactly and repeat for the same seed")
    func batchesShuffledBySeed() {
        // Expected orders from an independent Python transcription of SplitMix64 and the
        // shuffle (for i = n−1 … 1: j = (next() · (i + 1)) >> 64; swap a[i], a[j]).
        let seed42 = [8, 3, 6, 5, 4, 0, 9, 2, 1, 7]
        let seed7 = [9, 5, 8, 6, 1, 2, 4, 7, 0, 3]
        let batches = numbered().batches(of: 3, shuffledWith: 42)
        #expect(batches.map(\.count) == [3, 3, 3, 1])
        #expect(batches.flatMap(\.labels) == seed42)
        #expect(batches.allSatisfy(rowsMatchLabels))
        #expect(numbered().batches(of: 3, shuffledWith: 42).flatMap(\.labels) == seed42)
        #expect(numbered().batches(of: 10, shuffledWith: 7).flatMap(\.labels) == seed7)
    }

    @Test("converted(to:) rounds the features and keeps the labels; subsets keep the type")
    func converted() {
        let dataset = Dataset(features: Tensor([[0.1, 2], [3, 0.7]]), labels: [1, 0]).converted(to: .float32)
        #expect(dataset.features.dtype == .float32)
        #expect(dataset.features.scalars(as: Float.self) == [0.1, 2, 3, 0.7])
        #expect(dataset.labels == [1, 0])
        #expect(dataset.batches(of: 1, shuffledWith: 3).allSatisfy { $0.features.dtype == .float32 })
    }

    @Test("programmer errors trap")
    func preconditionsTrap() async {
        await #expect(processExitsWith: .failure) { _ = numbered().batches(of: 0, shuffledWith: nil) }
        await #expect(processExitsWith: .failure) { _ = numbered().split(testFraction: 1, seed: 0) }
        await #expect(processExitsWith: .failure) { _ = Dataset(features: Tensor([[1], [2]]), labels: [0]) }
    }
}

@Suite("Standardizer")
struct StandardizerTests {
    @Test("standardizes with the population mean and deviation of each column")
    func matchesHandComputation() {
        // Column 0 = [0, 3, 3]: mean 2, variance (4 + 1 + 1)/3 = 2, deviation √2.
        // Column 1 = [0.1, 0.1, 0.1]: constant, so it is divided by 1 (its rounded mean
        // may differ from 0.1 by an ulp; that must not be blown up into ±1).
        let features = Tensor([[0, 0.1], [3, 0.1], [3, 0.1]])
        let standardizer = Standardizer(fitting: features)
        #expect(standardizer.mean.scalars[0] == 2)
        #expect(abs(standardizer.scale.scalars[0] - 2.0.squareRoot()) < 1e-15)
        #expect(standardizer.scale.scalars[1] == 1)
        let expected = [-2 / 2.0.squareRoot(), 0, 1 / 2.0.squareRoot(), 0, 1 / 2.0.squareRoot(), 0]
        for (value, want) in zip(standardizer(features).scalars, expected) { #expect(abs(value - want) < 1e-15) }
    }

    @Test("a zero-deviation column is divided by 1, not 0")
    func constantColumnIsShiftedOnly() {
        let standardizer = Standardizer(fitting: Tensor([[5, 1], [5, 3]]))
        #expect(standardizer(Tensor([[7, 2]])).scalars == [2, 0])
    }

    @Test("float32 features give float32 statistics and results; a constant float32 column is not inflated")
    func float32() {
        // As the float64 case by hand: column 0 → [−√2, 1/√2, 1/√2], column 1 (Float(0.9) three
        // times, whose float32 mean may be off by an ulp) → 0.
        let features = Tensor([[0, 0.9], [3, 0.9], [3, 0.9]] as [[Float]])
        let standardizer = Standardizer(fitting: features)
        #expect(standardizer.mean.dtype == .float32 && standardizer.scale.dtype == .float32)
        #expect(standardizer.scale.scalars[1] == 1)
        let standardized = standardizer(features)
        #expect(standardized.dtype == .float32)
        let root = 2.0.squareRoot()
        expectClose(standardized.scalars, [-2 / root, 0, 1 / root, 0, 1 / root, 0], tolerance: 1e-6)
    }

    @Test("new data is transformed with the fitted statistics, not its own")
    func usesFittedStatisticsOnly() {
        // Fitted on [0, 2]: mean 1, deviation 1. Test data [5, 9] would give its own
        // mean 7 and deviation 2; the fitted ones must be used instead.
        let standardizer = Standardizer(fitting: Tensor([[0], [2]]))
        #expect(standardizer(Tensor([[5], [9]])).scalars == [4, 8])
    }
}

@Suite("Two spirals")
struct TwoSpiralsTests {
    @Test("same seed gives the same points; another seed other points")
    func seeded() {
        let first = Dataset.twoSpirals(pointsPerClass: 50, seed: 3)
        #expect(first.features.shape == [100, 2])
        #expect(first.labels == [Int](repeating: 0, count: 50) + [Int](repeating: 1, count: 50))
        #expect(Dataset.twoSpirals(pointsPerClass: 50, seed: 3).features.scalars == first.features.scalars)
        #expect(Dataset.twoSpirals(pointsPerClass: 50, seed: 4).features.scalars != first.features.scalars)
    }

    @Test("without noise, class 0 lies on r = θ/(turns·2π) and class 1 is its negation")
    func classesAreTheTwoSpirals() {
        let turns = 1.5
        let spirals = Dataset.twoSpirals(pointsPerClass: 40, noise: 0, turns: turns, seed: 11)
        let points = spirals.features.scalars
        for i in 0..<40 {
            let (x, y) = (points[2 * i], points[2 * i + 1])
            #expect(points[80 + 2 * i] == -x && points[80 + 2 * i + 1] == -y)
            let radius = (x * x + y * y).squareRoot()
            let angle = radius * turns * 2 * .pi
            #expect(abs(x - radius * cos(angle)) < 1e-12 && abs(y - radius * sin(angle)) < 1e-12)
        }
    }
}

@Suite("Digits")
struct DigitsTests {
    @Test("the bundled digits have 1,797 rows of 64 features in [0, 1], as the file says")
    func bundledDigits() throws {
        let digits = try Dataset.digits()
        #expect(digits.features.shape == [1797, 64])
        // The file's first line starts 0,0,5,13,9,1,0,0 and ends with label 0.
        #expect(digits.labels[0] == 0)
        #expect(Array(digits.features.scalars[0..<8]) == [0, 0, 5, 13, 9, 1, 0, 0].map { $0 / 16.0 })
        #expect(digits.features.scalars.allSatisfy { (0...1).contains($0) })
        // Per-class counts from the file, counted with Python's collections.Counter.
        let counts = (0...9).map { digit in digits.labels.count { $0 == digit } }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(counts.reduce(0, +) == 1797)
    }

    @Test("malformed lines throw naming the line", arguments: [
        ("too few fields", csvLine(zeros(63) + ["3"])),
        ("pixel above 16", csvLine(["17"] + zeros(63) + ["3"])),
        ("label above 9", csvLine(zeros(64) + ["10"])),
        ("not a number", csvLine(["x"] + zeros(63) + ["3"])),
        ("empty line", ""),
    ])
    func malformedFileThrows(reason: String, badLine: String) throws {
        let url = temporaryFile("csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try [csvLine(zeros(64) + ["9"]), badLine, csvLine(zeros(64) + ["1"])].joined(separator: "\n")
            .write(to: url, atomically: false, encoding: .utf8)
        let error = #expect(throws: DatasetError.self) { try Dataset.digits(contentsOf: url) }
        guard case let .malformedLine(line, _) = error else {
            Issue.record("expected malformedLine, got \(String(describing: error))")
            return
        }
        #expect(line == 2)
    }

    @Test("a well-formed file parses, with or without a final newline")
    func parsesAnyWellFormedFile() throws {
        let url = temporaryFile("csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let line = csvLine([String](repeating: "8", count: 63) + ["16", "4"])
        try (line + "\n" + line).write(to: url, atomically: false, encoding: .utf8)
        let digits = try Dataset.digits(contentsOf: url)
        #expect(digits.labels == [4, 4])
        #expect(digits.features.scalars[62...64] == [0.5, 1, 0.5])
    }

    @Test("a missing file throws unreadable")
    func missingFileThrows() {
        let url = URL(fileURLWithPath: "/nonexistent/digits.csv")
        let error = #expect(throws: DatasetError.self) { try Dataset.digits(contentsOf: url) }
        guard case let .unreadable(path, _) = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
    }
}
