import Autograd
import Foundation

extension Dataset {
    /// The number of pixels of a digit image (8 × 8).
    static let digitPixelCount = 64
    /// The largest pixel value of a digit image.
    static let digitMaximumPixel = 16

    /// The 1,797 handwritten 8×8 digits bundled with the package (UCI "Optical Recognition
    /// of Handwritten Digits", as scikit-learn's `load_digits`): features `[1797, 64]`
    /// scaled to [0, 1] in float64, labels 0...9. See `Resources/digits-README.md` for the licence.
    ///
    /// - Throws: `DatasetError.unreadable` when the resource bundle is not beside the
    ///   executable (a copied binary); load the file with `digits(contentsOf:)` instead.
    public static func digits() throws(DatasetError) -> Dataset {
        // SwiftPM's `Bundle.module` stops the program when its bundle is missing, so look first.
        let bundleName = "swift-autograd_AutogradNN.resources"
        let bundlePath = Bundle.main.bundleURL.appendingPathComponent(bundleName).path
        guard Bundle(path: bundlePath) != nil,
              let url = Bundle.module.url(forResource: "digits", withExtension: "csv") else {
            throw .unreadable(path: "digits.csv", reason: "\(bundleName) is not beside the executable")
        }
        return try digits(contentsOf: url)
    }

    /// Digits from a file in the format of the bundled `digits.csv`: one example per line,
    /// 64 comma-separated integers 0...16 (an 8×8 image, row by row), then a label 0...9.
    /// Features are divided by 16, in float64 (`converted(to:)` gives float32). A final
    /// newline is optional.
    ///
    /// - Throws: `DatasetError.malformedLine` naming the first bad line, `.notARegularFile`
    ///   (checked before reading, so a FIFO never blocks), or `.unreadable`.
    public static func digits(contentsOf url: URL) throws(DatasetError) -> Dataset {
        if let kind = nonRegularFileKind(atPath: url.path) { throw .notARegularFile(path: url.path, kind: kind) }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var scalars = [Double]()
        scalars.reserveCapacity(lines.count * digitPixelCount)
        var labels = [Int]()
        labels.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let (pixels, label) = try parseDigitLine(line, number: index + 1)
            scalars.append(contentsOf: pixels.map { Double($0) / Double(digitMaximumPixel) })
            labels.append(label)
        }
        return Dataset(features: Tensor(shape: [labels.count, digitPixelCount], scalars: scalars), labels: labels)
    }

    /// The 64 pixels and the label of one line of a digits file, numbered `number` in errors.
    private static func parseDigitLine(_ line: Substring, number: Int) throws(DatasetError) -> (pixels: [Int], label: Int) {
        let fields = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == digitPixelCount + 1 else {
            throw .malformedLine(line: number, reason: "expected \(digitPixelCount + 1) comma-separated fields, found \(fields.count)")
        }
        var values = [Int]()
        values.reserveCapacity(fields.count)
        for (column, field) in fields.enumerated() {
            let range = column < digitPixelCount ? 0...digitMaximumPixel : 0...9
            guard let value = Int(field.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                throw .malformedLine(line: number, reason: "field \(column + 1) is '\(field)', not an integer in \(range)")
            }
            values.append(value)
        }
        return (pixels: Array(values.dropLast()), label: values[digitPixelCount])
    }
}
