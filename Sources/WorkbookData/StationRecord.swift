import Foundation

/// One month of a station record; `value` is nil where the file has the missing-value mark.
public struct MonthlyReading: Equatable, Sendable {
    public let year: Int
    /// 1 to 12.
    public let month: Int
    /// Degrees Celsius, read in double precision as the book's Python `float()` reads it.
    public let value: Double?
}

/// A NASA GISS station export (`data/station.csv`): a header row, then one row per year with the
/// year, twelve monthly means, four seasonal means and an annual mean; 999.9 marks a missing value.
/// Only the twelve month columns are read, in order, as the book's `get_data` does.
public struct StationRecord: Sendable {
    /// Every month of every year row, in order, missing ones included.
    public let readings: [MonthlyReading]

    public static let missingMark = 999.9

    /// The months that have a value, in order.
    public var valid: [MonthlyReading] { readings.filter { $0.value != nil } }
    /// The months the file marks as missing.
    public var missing: [MonthlyReading] { readings.filter { $0.value == nil } }

    public static func read(_ path: String) throws -> StationRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkbookError.io("cannot read \(path) (is --data the folder holding station.csv?)")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Reads a station file's text; `file` names it in messages (`file:line: problem`).
    public static func parse(_ text: String, file: String) throws -> StationRecord {
        if let problem = ByteOrderMark.problem(in: text) {
            throw WorkbookError.badInput(file: file, line: 1, problem: problem)
        }
        // "\r\n" is one Character in Swift, and a newline like "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let header = lines.first else {
            throw WorkbookError.badInput(file: file, line: 1, problem: "the file is empty")
        }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        guard columns.count >= 13, columns[0] == "YEAR", Array(columns[1...12]) == months else {
            throw WorkbookError.badInput(
                file: file, line: 1,
                problem: "expected a header starting YEAR,JAN,...,DEC, found '\(header.prefix(40))'")
        }
        guard lines.count > 1 else {
            throw WorkbookError.badInput(file: file, line: 1, problem: "no year rows after the header")
        }
        var readings: [MonthlyReading] = []
        var previousYear: Int?
        for (offset, line) in lines.enumerated().dropFirst() {
            let number = offset + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == columns.count else {
                throw WorkbookError.badInput(
                    file: file, line: number,
                    problem: "expected \(columns.count) comma-separated fields, found \(fields.count)")
            }
            guard let year = Int(fields[0]) else {
                throw WorkbookError.badInput(
                    file: file, line: number, problem: "YEAR '\(fields[0])' is not a year")
            }
            if let previousYear, year <= previousYear {
                throw WorkbookError.badInput(
                    file: file, line: number,
                    problem: "year \(year) comes after \(previousYear): years must increase")
            }
            // A year left out would join the months either side of it as if they were consecutive.
            if let previousYear, year > previousYear + 1 {
                let gap =
                    year == previousYear + 2
                    ? "\(previousYear + 1) has" : "\(previousYear + 1) to \(year - 1) have"
                throw WorkbookError.badInput(
                    file: file, line: number,
                    problem: "year \(year) follows \(previousYear): \(gap) no row; give each missing year "
                        + "a row with \(missingMark) in every month, so that its months count as missing")
            }
            previousYear = year
            for (index, name) in months.enumerated() {
                guard let value = Double(fields[index + 1]), value.isFinite else {
                    throw WorkbookError.badInput(
                        file: file, line: number,
                        problem: "\(name) value '\(fields[index + 1])' is not a number")
                }
                if value != missingMark,
                    let problem = PlausibleTemperature.problem(with: value, named: "\(name) value")
                {
                    throw WorkbookError.badInput(
                        file: file, line: number, problem: problem + "; \(missingMark) marks a missing month")
                }
                readings.append(
                    MonthlyReading(year: year, month: index + 1, value: value == missingMark ? nil : value))
            }
        }
        return StationRecord(readings: readings)
    }
}
