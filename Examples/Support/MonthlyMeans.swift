import Foundation

/// The mean of one calendar month's measurements.
public struct MonthlyMean: Sendable, Equatable {
    /// The year, such as 1958.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The mean of the month's values.
    public let mean: Double
    /// How many measurements the month had.
    public let count: Int

    /// The middle of the month in years: year + (month − ½)/12.
    public var time: Double { Double(year) + (Double(month) - 0.5) / 12 }
}

/// A measurement file that cannot be read or is not in the expected form.
public enum MeasurementFileError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The header line lacks a column the reader needs.
    case missingColumn(String, header: String)
    /// A line (numbered from 1, the header being line 1) is not a valid measurement.
    case malformedLine(line: Int, reason: String)
    /// The file has a header but no measurement.
    case noMeasurements

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
        case .missingColumn(let column, let header): "the header '\(header)' has no '\(column)' column"
        case .malformedLine(let line, let reason): "line \(line): \(reason)"
        case .noMeasurements: "the file holds no measurement"
        }
    }
}

/// The monthly means of the measurements in a CSV file whose header names a `date` column
/// (ISO `YYYY-MM-DD`) and a `valueColumn`, in calendar order; months without a
/// measurement are left out. Other columns are ignored; a final newline is optional.
///
/// - Throws: `MeasurementFileError` naming the first problem.
public func monthlyMeans(csvAt url: URL, valueColumn: String) throws(MeasurementFileError) -> [MonthlyMean] {
    let text: String
    do {
        text = try String(contentsOf: url, encoding: .utf8)
    } catch {
        throw .unreadable(path: url.path, reason: error.localizedDescription)
    }
    return try monthlyMeans(csv: text, valueColumn: valueColumn)
}

/// The monthly means of the measurements in CSV `text`; see `monthlyMeans(csvAt:valueColumn:)`.
public func monthlyMeans(csv text: String, valueColumn: String) throws(MeasurementFileError) -> [MonthlyMean] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    if lines.last?.isEmpty == true { lines.removeLast() }
    guard let header = lines.first else { throw .noMeasurements }
    let columns = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    guard let dateIndex = columns.firstIndex(of: "date") else { throw .missingColumn("date", header: header) }
    guard let valueIndex = columns.firstIndex(of: valueColumn) else { throw .missingColumn(valueColumn, header: header) }
    var sums: [Int: (sum: Double, count: Int)] = [:]  // keyed by 12·year + month − 1
    for (offset, line) in lines.enumerated().dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count == columns.count else {
            throw .malformedLine(line: offset + 1, reason: "expected \(columns.count) comma-separated fields, found \(fields.count)")
        }
        guard let (year, month) = yearAndMonth(ofISODate: fields[dateIndex]) else {
            throw .malformedLine(line: offset + 1, reason: "'\(fields[dateIndex])' is not a date YYYY-MM-DD")
        }
        guard let value = Double(fields[valueIndex]), value.isFinite else {
            throw .malformedLine(line: offset + 1, reason: "\(valueColumn) '\(fields[valueIndex])' is not a finite number")
        }
        sums[12 * year + month - 1, default: (0, 0)].sum += value
        sums[12 * year + month - 1, default: (0, 0)].count += 1
    }
    guard !sums.isEmpty else { throw .noMeasurements }
    return sums.keys.sorted().map { key in
        let (sum, count) = sums[key]!
        return MonthlyMean(year: key / 12, month: key % 12 + 1, mean: sum / Double(count), count: count)
    }
}

/// The year and month of `YYYY-MM-DD`, or `nil` when `text` is not such a date.
private func yearAndMonth(ofISODate text: String) -> (year: Int, month: Int)? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
          (1...12).contains(month), (1...31).contains(day) else { return nil }
    return (year, month)
}
