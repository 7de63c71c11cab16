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

/// Why a national dataset was refused: every bad row, with its line number.
public struct BenchmarkFileError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let problems: [(line: Int, message: String)]

    public var description: String {
        let shown = problems.prefix(20).map { "\(file):\($0.line): \($0.message)" }
        let more = problems.count > 20 ? ["… and \(problems.count - 20) more bad rows"] : []
        return (shown + more).joined(separator: "\n")
    }
}

/// Reads `authority_code,authority_name,indicator_ref,year,value` (header required; year as
/// `2007/08` or `2007-08`; an empty value means not published). RFC 4180 quoting.
public enum BenchmarkCSV {
    public static let header = ["authority_code", "authority_name", "indicator_ref", "year", "value"]

    public static func parse(_ text: String, file: String) throws(BenchmarkFileError) -> [BenchmarkRow] {
        var rows: [BenchmarkRow] = []
        var problems: [(line: Int, message: String)] = []
        var sawHeader = false
        var seen = Set<String>()
        rows.reserveCapacity(text.utf8.count / 40)
        for record in records(text) {
            let (lineNumber, fields) = (record.line, record.fields)
            if fields == [""] { continue }
            if !sawHeader {
                sawHeader = true
                if fields.map({ $0.lowercased() }) != header {
                    problems.append((lineNumber, "the header must be \(header.joined(separator: ",")), not \(fields.joined(separator: ","))"))
                    break
                }
                continue
            }
            guard fields.count == 5 else {
                problems.append((lineNumber, "has \(fields.count) fields; a row needs 5 (\(header.joined(separator: ",")))"))
                continue
            }
            if let field = fields.firstIndex(where: { $0.unicodeScalars.contains { $0.value == 0 } }) {
                problems.append((lineNumber, "\(header[field]): contains a NUL character"))
                continue
            }
            let code = fields[0]
            do throws(RuleViolation) { try Council.checkAuthorityCode(code) } catch {
                problems.append((lineNumber, "authority_code: \(error)"))
                continue
            }
            guard !fields[1].isEmpty else { problems.append((lineNumber, "authority_name: is empty")); continue }
            guard !fields[2].isEmpty else { problems.append((lineNumber, "indicator_ref: is empty")); continue }
            guard let year = FinancialYear(fields[3]) else {
                problems.append((lineNumber, "year: \"\(fields[3])\" is not a financial year (write 2007/08 or 2007-08)"))
                continue
            }
            var value: Double?
            if !fields[4].isEmpty {
                guard let number = Figure.decimal(fields[4]) else {
                    problems.append((lineNumber, "value: \"\(fields[4])\" is not a number up to a trillion (leave it empty when not published)"))
                    continue
                }
                value = number
            }
            let key = "\(code)\u{0}\(fields[2])\u{0}\(year.startYear)"
            guard seen.insert(key).inserted else {
                problems.append((lineNumber, "repeats \(code) \(fields[2]) \(year.label), given earlier in the file"))
                continue
            }
            rows.append(BenchmarkRow(authorityCode: code, authorityName: fields[1], indicatorRef: fields[2], year: year, value: value,
                                     line: lineNumber))
        }
        if !sawHeader { problems.append((1, "the file is empty; it needs the header \(header.joined(separator: ","))")) }
        guard problems.isEmpty else { throw BenchmarkFileError(file: file, problems: problems) }
        return rows
    }

    /// Refuses values outside their indicator's unit (a percentage of 150), for the indicators a
    /// stored plan defines; others have no unit to check against.
    public static func check(_ rows: [BenchmarkRow], units: [String: IndicatorUnit], file: String) throws(BenchmarkFileError) {
        var problems: [(line: Int, message: String)] = []
        for row in rows {
            guard let value = row.value, let unit = units[row.indicatorRef] else { continue }
            do throws(RuleViolation) { try unit.check(value) } catch { problems.append((row.line, "value: \(error) (\(row.indicatorRef))")) }
        }
        guard problems.isEmpty else { throw BenchmarkFileError(file: file, problems: problems) }
    }

    /// The file's records (RFC 4180): fields split on commas, double quotes around a field that
    /// holds commas, quotes ("") or line breaks; lines end with LF or CRLF. Each record carries
    /// the line it starts on. Fields are trimmed of surrounding spaces.
    static func records(_ text: String) -> [(line: Int, fields: [String])] {
        var out: [(line: Int, fields: [String])] = []
        var fields: [String] = [], current = String.UnicodeScalarView()
        var line = 1, start = 1, quoted = false, wasQuoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endField() {
            let text = String(current)
            fields.append(wasQuoted ? text : text.trimmingSpaces)
            current = String.UnicodeScalarView()
            wasQuoted = false
        }
        while let c = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = scalars.next()
                    if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                } else {
                    if c == "\n" { line += 1 }
                    current.append(c)
                }
                continue
            }
            switch c {
            case "\"" where String(current).trimmingSpaces.isEmpty:
                quoted = true
                wasQuoted = true
                current = String.UnicodeScalarView()
            case ",":
                endField()
            case "\r":
                let next = scalars.next()
                if next != "\n" { pending = next }
                fallthrough
            case "\n":
                endField()
                out.append((start, fields))
                fields = []
                line += 1
                start = line
            default:
                if wasQuoted && c != " " && c != "\t" { current.append(c) } else if !wasQuoted { current.append(c) }
            }
        }
        if !current.isEmpty || !fields.isEmpty || wasQuoted {
            endField()
            out.append((start, fields))
        }
        return out
    }
}
