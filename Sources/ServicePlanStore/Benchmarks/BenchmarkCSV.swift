import ServicePlanDomain

/// One row of a national dataset: an authority's value for an indicator in a year.
public struct BenchmarkRow: Hashable, Sendable {
    public let authorityCode: String
    public let authorityName: String
    public let indicatorRef: String
    public let year: FinancialYear
    /// Nil: not published.
    public let value: Double?
    /// The line of the file the row starts on, for messages.
    public var line: Int = 0
}

/// Why a national dataset was refused: its bad rows, with their line numbers.
public struct BenchmarkFileError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let problems: [(line: Int, message: String)]
    /// Bad rows found beyond those kept in `problems`, which holds at most `keptProblems`, so
    /// that a file of millions of bad rows is refused in fixed memory.
    public var more = 0

    public init(file: String, problems: [(line: Int, message: String)], more: Int = 0) {
        self.file = file
        self.problems = problems
        self.more = more
    }

    static let keptProblems = 1_000

    public var description: String {
        let shown = problems.prefix(20).map { "\(file):\($0.line): \($0.message)" }
        let hidden = problems.count - min(problems.count, 20) + more
        return (shown + (hidden > 0 ? ["… and \(hidden) more bad rows"] : [])).joined(separator: "\n")
    }
}

/// Reads `authority_code,authority_name,indicator_ref,year,value` (header required; year as
/// `2007/08` or `2007-08`; an empty value means not published). RFC 4180 quoting.
public enum BenchmarkCSV {
    public static let header = ["authority_code", "authority_name", "indicator_ref", "year", "value"]

    public static func parse(_ text: String, file: String) throws(BenchmarkFileError) -> [BenchmarkRow] {
        var rows: [BenchmarkRow] = []
        var problems: [(line: Int, message: String)] = []
        var checker = BenchmarkRowChecker(units: [:])
        var seen = Set<String>()
        rows.reserveCapacity(text.utf8.count / 40)
        var reader = CSVRecordReader()
        func take(_ record: CSVRecordReader.Record) {
            let line = record.line
            switch checker.check(record) {
            case .skip: break
            case .problem(let message): problems.append((line, message))
            case .row(let row):
                let key = "\(row.authorityCode)\u{0}\(row.indicatorRef)\u{0}\(row.year.startYear)"
                guard seen.insert(key).inserted else {
                    problems.append((line, "repeats \(row.authorityCode) \(row.indicatorRef) \(row.year.label), given earlier in the file"))
                    return
                }
                rows.append(row)
            }
        }
        var text = text
        text.withUTF8 { reader.read($0, take) }
        reader.finish(take)
        if let problem = checker.finish() { problems.append(problem) }
        guard problems.isEmpty else { throw BenchmarkFileError(file: file, problems: problems) }
        return rows
    }

    /// Refuses values outside their indicator's unit (a percentage of 150), for the indicators a
    /// stored plan defines; others have no unit to check against.
    public static func check(_ rows: [BenchmarkRow], units: [String: IndicatorUnit], file: String) throws(BenchmarkFileError) {
        var problems: [(line: Int, message: String)] = []
        for row in rows {
            guard let value = row.value, let unit = units[row.indicatorRef] else { continue }
            if let problem = BenchmarkRowChecker.unitProblem(value, unit: unit, ref: row.indicatorRef) { problems.append((row.line, problem)) }
        }
        guard problems.isEmpty else { throw BenchmarkFileError(file: file, problems: problems) }
    }
}

/// Checks a national dataset one record at a time, as it is read: the header, then each row's
/// five fields, and each value against its indicator's unit where a stored plan defines one.
/// Repeated rows are not its business: it holds nothing from one row to the next, so that a
/// file of any size is checked in fixed memory.
struct BenchmarkRowChecker {
    enum Outcome {
        /// A blank line, or the header.
        case skip
        case row(BenchmarkRow)
        case problem(String)
    }

    let units: [String: IndicatorUnit]
    private var sawHeader = false
    /// The header was wrong: nothing after it can be read.
    private(set) var stopped = false

    init(units: [String: IndicatorUnit]) {
        self.units = units
    }

    mutating func check(_ record: CSVRecordReader.Record) -> Outcome {
        let (line, fields, header) = (record.line, record.fields, BenchmarkCSV.header)
        if stopped || fields == [""] { return .skip }
        if record.unclosedQuote {
            return .problem("a quoted field is not closed: the file ends inside its quotes")
        }
        if let field = record.invalidUTF8Field {
            if !sawHeader { (sawHeader, stopped) = (true, true) }
            return .problem("\(field < header.count ? header[field] + ": " : "")is not UTF-8 text (save the file as CSV UTF-8)")
        }
        if record.overlong {
            if !sawHeader { (sawHeader, stopped) = (true, true) }
            return .problem("has a field longer than \(CSVRecordReader.maximumFieldBytes) bytes or more than \(CSVRecordReader.maximumFields) fields")
        }
        if !sawHeader {
            sawHeader = true
            guard fields.map({ $0.lowercased() }) == header else {
                stopped = true
                return .problem("the header must be \(header.joined(separator: ",")), not \(fields.joined(separator: ","))")
            }
            return .skip
        }
        guard fields.count == 5 else {
            return .problem("has \(fields.count) fields; a row needs 5 (\(header.joined(separator: ",")))")
        }
        if record.hasNUL, let field = fields.firstIndex(where: { $0.utf8.contains(0) }) {
            return .problem("\(header[field]): contains a NUL character")
        }
        let code = fields[0]
        do throws(RuleViolation) { try Council.checkAuthorityCode(code) } catch {
            return .problem("authority_code: \(error)")
        }
        guard !fields[1].isEmpty else { return .problem("authority_name: is empty") }
        guard !fields[2].isEmpty else { return .problem("indicator_ref: is empty") }
        // The limits plans are held to: a ref is an identifier (64 characters, one line), a name one
        // line of visible text (it shows on the public benchmark page).
        if let broken = TextRules.violation(fields[2], .identifier, required: true) { return .problem("indicator_ref: \(broken)") }
        if let broken = TextRules.violation(fields[1], .line, required: true) { return .problem("authority_name: \(broken)") }
        guard let year = FinancialYear(fields[3]) else {
            return .problem("year: \"\(fields[3])\" is not a financial year (write 2007/08 or 2007-08)")
        }
        var value: Double?
        if !fields[4].isEmpty {
            guard let number = Figure.decimal(fields[4]) else {
                return .problem("value: \"\(fields[4])\" is not a number up to a trillion (leave it empty when not published)")
            }
            if let unit = units[fields[2]], let problem = Self.unitProblem(number, unit: unit, ref: fields[2]) { return .problem(problem) }
            value = number
        }
        return .row(BenchmarkRow(authorityCode: code, authorityName: fields[1], indicatorRef: fields[2], year: year, value: value, line: line))
    }

    /// The problem with an empty file, once every record has been read.
    func finish() -> (line: Int, message: String)? {
        sawHeader ? nil : (1, "the file is empty; it needs the header \(BenchmarkCSV.header.joined(separator: ","))")
    }

    static func unitProblem(_ value: Double, unit: IndicatorUnit, ref: String) -> String? {
        do throws(RuleViolation) { try unit.check(value) } catch { return "value: \(error) (\(ref))" }
        return nil
    }
}
