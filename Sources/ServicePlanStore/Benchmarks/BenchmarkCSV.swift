import ServicePlanDomain

/// One row of a national dataset: an authority's value for an indicator in a year.
public struct BenchmarkRow: Hashable, Sendable {
    public let authorityCode: String
    public let authorityName: String
    public let indicatorRef: String
    public let year: FinancialYear
    /// Nil: not published.
    public let value: Double?
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
        var lineNumber = 0
        var sawHeader = false
        var seen = Set<String>()
        rows.reserveCapacity(text.utf8.count / 40)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty { continue }
            let fields = split(trimmed)
            if !sawHeader {
                sawHeader = true
                if fields.map({ $0.lowercased() }) != header {
                    problems.append((lineNumber, "the header must be \(header.joined(separator: ",")), not \(trimmed)"))
                    break
                }
                continue
            }
            guard fields.count == 5 else {
                problems.append((lineNumber, "has \(fields.count) fields; a row needs 5 (\(header.joined(separator: ",")))"))
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
                guard let number = Double(fields[4]), number.isFinite else {
                    problems.append((lineNumber, "value: \"\(fields[4])\" is not a number (leave it empty when not published)"))
                    continue
                }
                value = number
            }
            let key = "\(code)\u{0}\(fields[2])\u{0}\(year.startYear)"
            guard seen.insert(key).inserted else {
                problems.append((lineNumber, "repeats \(code) \(fields[2]) \(year.label), given earlier in the file"))
                continue
            }
            rows.append(BenchmarkRow(authorityCode: code, authorityName: fields[1], indicatorRef: fields[2], year: year, value: value))
        }
        if !sawHeader { problems.append((1, "the file is empty; it needs the header \(header.joined(separator: ","))")) }
        guard problems.isEmpty else { throw BenchmarkFileError(file: file, problems: problems) }
        return rows
    }

    /// Splits one CSV line, honouring double quotes ("Bristol, City of").
    static func split(_ line: Substring) -> [String] {
        guard line.contains("\"") else { return line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces } }
        var fields: [String] = [], current = "", quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" {
                    var lookahead = iterator
                    if lookahead.next() == "\"" { current.append("\""); iterator = lookahead } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current.trimmingSpaces)
        return fields
    }
}
