import ExampleSupport
import Foundation
import Testing

@Suite("Monthly means of a measurement file")
struct MonthlyMeansTests {
    @Test("Weekly values are averaged per calendar month, in order, skipping empty months")
    func averages() throws {
        let csv = """
            date,decimal_year,co2_ppm
            1958-03-29,1958.24,316.1
            1958-04-05,1958.26,317.3
            1958-04-12,1958.28,317.6
            1958-06-02,1958.42,315.0

            """
        let months = try monthlyMeans(csv: csv, valueColumn: "co2_ppm")
        #expect(months.map(\.year) == [1958, 1958, 1958] && months.map(\.month) == [3, 4, 6])
        #expect(months.map(\.count) == [1, 2, 1])
        #expect(months[0].mean == 316.1 && abs(months[1].mean - 317.45) <= 1e-12 && months[2].mean == 315.0)
        #expect(months[0].time == 1958 + 2.5 / 12)
    }

    @Test("The bundled Mauna Loa record gives 521 months, as pandas groups it")
    func bundledRecord() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/GaussianProcessCO2/co2-mauna-loa-weekly.csv")
        let months = try monthlyMeans(csvAt: file, valueColumn: "co2_ppm")
        // pandas 3.1.1: df.groupby([df.date.dt.year, df.date.dt.month]).co2_ppm.agg(["mean", "count"])
        // has 521 rows; 1958-04: 317.2 from 4 weeks; 2001-12: 371.02 from 5 weeks.
        #expect(months.count == 521)
        #expect(months[1].year == 1958 && months[1].month == 4 && months[1].count == 4 && abs(months[1].mean - 317.2) <= 1e-12)
        #expect(months.last!.year == 2001 && months.last!.month == 12 && months.last!.count == 5)
        #expect(abs(months.last!.mean - 371.02) <= 1e-12)
    }

    static let badFiles: [(csv: String, error: MeasurementFileError)] = [
        ("", .noMeasurements),
        ("date,co2_ppm\n", .noMeasurements),
        ("day,co2_ppm\n1958-03-29,316.1\n", .missingColumn("date", header: "day,co2_ppm")),
        ("date,ppm\n1958-03-29,316.1\n", .missingColumn("co2_ppm", header: "date,ppm")),
        ("date,co2_ppm\n1958-03-29,316.1\n1958-04-05\n", .malformedLine(line: 3, reason: "expected 2 comma-separated fields, found 1")),
        ("date,co2_ppm\n1958-13-01,316.1\n", .malformedLine(line: 2, reason: "'1958-13-01' is not a date YYYY-MM-DD")),
        ("date,co2_ppm\n29/03/1958,316.1\n", .malformedLine(line: 2, reason: "'29/03/1958' is not a date YYYY-MM-DD")),
        ("date,co2_ppm\n1958-03-29,nan\n", .malformedLine(line: 2, reason: "co2_ppm 'nan' is not a finite number")),
        ("date,co2_ppm\n1958-03-29,\n", .malformedLine(line: 2, reason: "co2_ppm '' is not a finite number")),
    ]

    @Test("A malformed file throws a typed error naming the problem", arguments: badFiles)
    func malformed(csv: String, error: MeasurementFileError) {
        #expect(throws: error) { try monthlyMeans(csv: csv, valueColumn: "co2_ppm") }
    }

    @Test("A missing file throws unreadable with its path")
    func missingFile() {
        #expect {
            try monthlyMeans(csvAt: URL(fileURLWithPath: "/no-such-folder/co2.csv"), valueColumn: "co2_ppm")
        } throws: { error in
            guard case MeasurementFileError.unreadable(let path, _) = error else { return false }
            return path == "/no-such-folder/co2.csv"
        }
    }
}
