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
        var stop = false
        forEachRecord(text) { lineNumber, fields in
            if stop || fields == [""] { return }
            if !sawHeader {
                sawHeader = true
                if fields.map({ $0.lowercased() }) != header {
                    problems.append((lineNumber, "the header must be \(header.joined(separator: ",")), not \(fields.joined(separator: ","))"))
                    stop = true
                    return
                }
                return
            }
            guard fields.count == 5 else {
                problems.append((lineNumber, "has \(fields.count) fields; a row needs 5 (\(header.joined(separator: ",")))"))
                return
            }
            if let field = fields.firstIndex(where: { $0.unicodeScalars.contains { $0.value == 0 } }) {
                problems.append((lineNumber, "\(header[field]): contains a NUL character"))
                return
            }
            let code = fields[0]
            do throws(RuleViolation) { try Council.checkAuthorityCode(code) } catch {
                problems.append((lineNumber, "authority_code: \(error)"))
                return
            }
            guard !fields[1].isEmpty else { problems.append((lineNumber, "authority_name: is empty")); return }
            guard !fields[2].isEmpty else { problems.append((lineNumber, "indicator_ref: is empty")); return }
            guard let year = FinancialYear(fields[3]) else {
                problems.append((lineNumber, "year: \"\(fields[3])\" is not a financial year (write 2007/08 or 2007-08)"))
                return
            }
            var value: Double?
            if !fields[4].isEmpty {
                guard let number = Figure.decimal(fields[4]) else {
                    problems.append((lineNumber, "value: \"\(fields[4])\" is not a number up to a trillion (leave it empty when not published)"))
                    return
                }
                value = number
            }
            let key = "\(code)\u{0}\(fields[2])\u{0}\(year.startYear)"
            guard seen.insert(key).inserted else {
                problems.append((lineNumber, "repeats \(code) \(fields[2]) \(year.label), given earlier in the file"))
                return
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
    /// the line it starts on. Fields are trimmed of surrounding spaces. Read over UTF-8 bytes
    /// and handed over one record at a time, so a 700,000-row file is never held twice.
    static func forEachRecord(_ text: String, _ body: (_ line: Int, _ fields: [String]) -> Void) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var fields: [String] = []
        var current: [UInt8] = []
        var line = 1, start = 1, quoted = false, wasQuoted = false, pendingQuote = false, any = false
        func endField() {
            let text = String(decoding: current, as: UTF8.self)
            fields.append(wasQuoted ? text : text.trimmingSpaces)
            current.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            body(start, fields)
            fields.removeAll(keepingCapacity: true)
            any = false
        }
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                i += 1
                if quoted {
                    if pendingQuote {
                        pendingQuote = false
                        if c == quote { current.append(quote); continue }
                        quoted = false   // the quote before closed the field; read `c` as unquoted
                    } else if c == quote {
                        pendingQuote = true
                        continue
                    } else {
                        if c == lf { line += 1 }
                        current.append(c)
                        continue
                    }
                }
                any = true
                switch c {
                case quote where current.allSatisfy({ $0 == 0x20 || $0 == 0x09 }):
                    quoted = true
                    wasQuoted = true
                    current.removeAll(keepingCapacity: true)
                case comma:
                    endField()
                case cr where i < bytes.count && bytes[i] == lf:
                    continue
                case lf, cr:
                    endRecord()
                    line += 1
                    start = line
                default:
                    // Text after a closing quote is kept, except the spaces before the next comma.
                    if !(wasQuoted && (c == 0x20 || c == 0x09)) { current.append(c) }
                }
            }
        }
        if quoted || any || !current.isEmpty || !fields.isEmpty { endRecord() }
    }
}
