import Foundation

/// A calendar day, as the CET file writes it (YYYYMMDD).
public struct CalendarDay: Equatable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(_ text: Substring) {
        guard text.count == 8, text.allSatisfy(\.isASCII), let number = Int(text) else { return nil }
        (year, month, day) = (number / 10000, number / 100 % 100, number % 100)
        guard (1...12).contains(month), (1...CalendarDay.length(of: month, in: year)).contains(day) else {
            return nil
        }
    }

    private init(year: Int, month: Int, day: Int) { (self.year, self.month, self.day) = (year, month, day) }

    static func length(of month: Int, in year: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// The day after this one (Gregorian calendar, as the series uses throughout).
    public var next: CalendarDay {
        if day < CalendarDay.length(of: month, in: year) {
            return CalendarDay(year: year, month: month, day: day + 1)
        }
        return month < 12
            ? CalendarDay(year: year, month: month + 1, day: 1)
            : CalendarDay(year: year + 1, month: 1, day: 1)
    }

    /// Seconds from 1970-01-01 to this day's midnight (negative before 1970): the x value of a date
    /// axis in the figures, which gnuplot reads with `timefmt "%s"`.
    public var unixSeconds: Double {
        // Days from the civil date (proleptic Gregorian), counted from 1 March of year 0.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Double(era * 146_097 + dayOfEra - 719_468) * 86_400
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
}

/// The Met Office Hadley Centre daily Central England Temperature series as the book ships it
/// (`data/tdaily_cet.dat.txt`): one `YYYYMMDD value ` line per day, consecutive days, no final newline.
public struct DailyRecord: Sendable {
    public let days: [CalendarDay]
    /// Degrees Celsius, read in double precision as the book's Python `float()` reads them.
    public let values: [Double]

    public init(days: [CalendarDay], values: [Double]) {
        precondition(days.count == values.count)
        self.days = days
        self.values = values
    }

    public static func read(_ path: String) throws -> DailyRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkbookError.io("cannot read \(path) (is --data the folder holding tdaily_cet.dat.txt?)")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Reads the file's text; `file` names it in messages (`file:line: problem`). Every day must follow
    /// the one before it: a gap or a repeat is an error, not something to skip silently.
    public static func parse(_ text: String, file: String) throws -> DailyRecord {
        if let problem = ByteOrderMark.problem(in: text) {
            throw WorkbookError.badInput(file: file, line: 1, problem: problem)
        }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        guard !lines.isEmpty else {
            throw WorkbookError.badInput(file: file, line: 1, problem: "the file is empty")
        }
        var days: [CalendarDay] = [], values: [Double] = []
        days.reserveCapacity(lines.count)
        values.reserveCapacity(lines.count)
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2 else {
                throw WorkbookError.badInput(
                    file: file, line: number,
                    problem: fields.count < 2
                        ? "expected a date and a value, found '\(line.prefix(30))'"
                        : "expected 2 fields, found \(fields.count)")
            }
            guard let day = CalendarDay(fields[0]) else {
                throw WorkbookError.badInput(
                    file: file, line: number, problem: "'\(fields[0])' is not a date YYYYMMDD")
            }
            guard let value = Double(fields[1]), value.isFinite else {
                throw WorkbookError.badInput(
                    file: file, line: number, problem: "value '\(fields[1])' is not a number")
            }
            if let problem = PlausibleTemperature.problem(with: value, named: "value") {
                throw WorkbookError.badInput(file: file, line: number, problem: problem)
            }
            if let previous = days.last, day != previous.next {
                let problem =
                    day <= previous
                    ? "\(day) repeats or goes back from \(previous)"
                    : "\(day) follows \(previous): \(previous.next) is missing"
                throw WorkbookError.badInput(file: file, line: number, problem: problem)
            }
            days.append(day)
            values.append(value)
        }
        return DailyRecord(days: days, values: values)
    }
}
