import Foundation
import ServicePlanDomain
import ServicePlanStore
import Spreadsheet

/// A filled return sheet read back (docs/return-sheets.md), as `.xlsx` or `.csv` with the same
/// columns: the change each row asks for, and every problem with its sheet row and column. Pure
/// reading: nothing is stored here. Rows are matched to lines by their Type, Ref and Milestone
/// ID, so the locked columns may be edited or lost without effect; a row naming a line the
/// uploader does not answer for is a problem, not a change.
public struct ReturnSheetUpload: Sendable {
    /// What one row asks the return to hold.
    public struct Change: Sendable, Equatable, Codable {
        public let kind: ReturnSheet.Line.Kind
        public let ref: String
        public let milestoneID: Int64?
        public let actual: Double?
        /// A milestone's status, by its stored value (`green`).
        public let milestoneStatus: String?
        public let commentary: String
        /// The sheet row it came from.
        public let row: Int
    }

    /// Something wrong with the file or a cell, named by its row and column.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// 0 for the file as a whole.
        public let row: Int
        /// The column letter, when one cell is at fault.
        public let column: String?
        public let message: String

        public var description: String {
            guard row > 0 else { return message }
            guard let column else { return "Row \(row): \(message)" }
            let header = ReturnSheet.columns.indices.first { CellReference.columnName($0 + 1) == column }.map { ReturnSheet.columns[$0] }
            return "Row \(row), column \(column)\(header.map { " (\($0))" } ?? ""): \(message)"
        }
    }

    public let changes: [Change]
    public let problems: [Problem]

    /// The largest file accepted.
    public static let maximumBytes = 5 << 20
    /// More rows than any return has lines.
    static let maximumRows = 5_000

    /// A cell's content, whichever format it came from.
    enum Value: Equatable {
        /// `date`: a workbook's date or time cell, by its serial number. Welcome in the locked columns
        /// the sheet writes dates into, refused in the columns read (`ReturnSheet.readColumns`).
        /// `percent`: a number formatted as a percentage, as stored (0.405 for 40.5 %).
        case empty, text(String), number(Double), date(Double), percent(Double), other(String)

        var text: String {
            switch self {
            case .empty, .date: return ""
            case .text(let s): return s.trimmingSpaces
            case .number(let n): return Figure.format(n)
            case .percent(let f): return Figure.format(f * 100) + "%"
            case .other(let s): return s
            }
        }
    }

    /// Reads `data` (a workbook when it starts as a zip does, CSV otherwise) against the lines the
    /// uploader may report on.
    public static func read(_ data: Data, lines: [ReturnSheet.Line]) -> ReturnSheetUpload {
        guard data.count <= maximumBytes else {
            return ReturnSheetUpload(changes: [], problems: [Problem(row: 0, column: nil, message: "The file is larger than \(maximumBytes >> 20) MB.")])
        }
        var rows: [Int: [Value]] = [:], problems: [Problem] = []
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            // A return of a few hundred lines is a few thousand elements; these bounds keep what a
            // hostile workbook can cost to about a second.
            let limits = ReadLimits(maxTotalBytes: 20_000_000, maxPartBytes: 10_000_000, maxEntries: 200, maxRows: maximumRows, maxColumns: 50,
                                    maxDepth: 32, maxElements: 40_000, maxCellCharacters: 32_767, maxTextCharacters: 2_000_000)
            do {
                let grid = try XLSXReader(limits: limits).read(data)
                for cell in grid.cells {
                    let value: Value
                    switch cell.value {
                    case .empty: value = .empty
                    case .text(let s): value = .text(s)
                    case .number(let n): value = .number(n)
                    case .date(let serial): value = .date(serial)
                    case .percent(let fraction): value = .percent(fraction)
                    case .boolean(let b): value = .other(b ? "TRUE" : "FALSE")
                    case .error(let e): value = .other(e)
                    }
                    var row = rows[cell.reference.row] ?? []
                    while row.count < cell.reference.column { row.append(.empty) }
                    row[cell.reference.column - 1] = value
                    rows[cell.reference.row] = row
                }
            } catch {
                return ReturnSheetUpload(changes: [], problems: [Problem(row: 0, column: nil, message: error.description)])
            }
        } else {
            let table = CSVTable.rows(data, limit: maximumRows + 1)
            guard table.count <= maximumRows else {
                return ReturnSheetUpload(changes: [], problems: [Problem(row: 0, column: nil, message: "The file has more than \(maximumRows) rows.")])
            }
            for row in table {
                if let problem = row.problem { problems.append(Problem(row: row.line, column: nil, message: problem)) }
                rows[row.line] = row.fields.map { $0.isEmpty ? .empty : .text($0) }
            }
        }
        return read(rows: rows, lines: lines, problems: problems)
    }

    static func read(rows: [Int: [Value]], lines: [ReturnSheet.Line], problems: [Problem]) -> ReturnSheetUpload {
        var problems = problems
        let header = (rows[1] ?? []).map(\.text)
        for index in ReturnSheet.columns.indices where index >= header.count || !ReturnSheet.accepts(header[index], column: index) {
            let found = index < header.count ? "\"\(header[index])\"" : "missing"
            problems.append(Problem(row: 1, column: CellReference.columnName(index + 1),
                                    message: "is \(found); the sheet's columns must be \(ReturnSheet.columns.joined(separator: ", ")), in that order"))
        }
        if header.count > ReturnSheet.columns.count, header[ReturnSheet.columns.count...].contains(where: { !$0.isEmpty }) {
            problems.append(Problem(row: 1, column: CellReference.columnName(ReturnSheet.columns.count + 1),
                                    message: "is a column the sheet does not have; remove it"))
        }
        guard problems.allSatisfy({ $0.row != 1 }) else { return ReturnSheetUpload(changes: [], problems: Self.capped(problems)) }

        var changes: [Change] = [], seen: [String: Int] = [:]
        for number in rows.keys.sorted() where number > 1 {
            let cells = rows[number] ?? []
            guard cells.contains(where: { $0 != .empty }) else { continue }
            func cell(_ column: Int) -> Value { column <= cells.count ? cells[column - 1] : .empty }
            func fail(_ column: Int, _ message: String) { problems.append(Problem(row: number, column: CellReference.columnName(column), message: message)) }
            if cells.count > ReturnSheet.columns.count, cells[ReturnSheet.columns.count...].contains(where: { $0 != .empty }) {
                fail(ReturnSheet.columns.count + 1, "is outside the sheet's columns; leave it empty")
            }
            for column in 1...ReturnSheet.columns.count { if case .other(let s) = cell(column) { fail(column, "holds \(s), not a value") } }
            // A date where a value is read: the words the reader once gave for any date cell, so an
            // officer who typed one into Actual sees what they always have. The sheet's own dates
            // (a milestone's due date) are in locked columns that are not read.
            let dates = ReturnSheet.readColumns.sorted().filter { if case .date = cell($0) { true } else { false } }
            for column in dates {
                problems.append(Problem(row: 0, column: nil, message: XLSXReadError.dateCell(CellReference.columnName(column) + String(number)).description))
            }
            if dates.contains(where: { [ReturnSheet.type, ReturnSheet.ref, ReturnSheet.milestoneID].contains($0) }) { continue }
            let ref = cell(ReturnSheet.ref).text
            let commentary: String
            switch cell(ReturnSheet.commentary) {
            case .text(let s): commentary = s
            case .number(let n): commentary = Figure.format(n)
            case .percent(let f): commentary = Figure.format(f * 100) + "%"
            case .empty, .date, .other: commentary = ""
            }
            if let violation = TextRules.violation(commentary, .text, required: false) { fail(ReturnSheet.commentary, violation.description) }
            switch cell(ReturnSheet.type).text {
            case ReturnSheet.indicatorType:
                guard let line = lines.first(where: { $0.kind == .indicator && $0.ref == ref }), let unit = line.unit else {
                    fail(ReturnSheet.ref, ref.isEmpty ? "is empty; it names the indicator" : "\(ref) is not an indicator you report on in this return")
                    continue
                }
                if let earlier = seen["i " + ref] { fail(ReturnSheet.ref, "\(ref) is given again (first in row \(earlier))"); continue }
                seen["i " + ref] = number
                var actual: Double?
                switch cell(ReturnSheet.actual) {
                case .empty: actual = nil
                case .number(let n): actual = n
                case .text(let s):
                    // Commas only as thousands separators ("1,234.5"): "4,2" is a decimal comma,
                    // read as 42 once, so it is refused rather than guessed at.
                    let typed = s.trimmingSpaces
                    let grouped = typed.wholeMatch(of: /[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?/) != nil
                    actual = typed.contains(",") && !grouped ? nil : Figure.decimal(typed.replacingOccurrences(of: ",", with: ""))
                    if actual == nil, !s.trimmingSpaces.isEmpty { fail(ReturnSheet.actual, "\"\(String(s.prefix(40)))\" is not a number") }
                case .percent(let fraction):
                    // Typed "40.5%", Excel stores 0.405: a percentage's figure is 40.5. Another
                    // unit has no percentage to give.
                    if unit == .percentage { actual = fraction * 100 } else {
                        actual = nil
                        fail(ReturnSheet.actual, "is formatted as a percentage, but \(ref) is a \(unit.label.lowercased()): type the plain figure")
                    }
                case .date, .other: actual = nil
                }
                if let a = actual {
                    do { try unit.check(a) } catch { fail(ReturnSheet.actual, error.description) }
                }
                if cell(ReturnSheet.milestoneStatus) != .empty { fail(ReturnSheet.milestoneStatus, "is for milestones only; leave it empty for an indicator") }
                changes.append(Change(kind: .indicator, ref: ref, milestoneID: nil, actual: actual, milestoneStatus: nil, commentary: commentary, row: number))
            case ReturnSheet.milestoneType:
                let idText = cell(ReturnSheet.milestoneID).text
                guard let id = Int64(idText), let line = lines.first(where: { $0.kind == .milestone && $0.milestoneID == id }) else {
                    fail(ReturnSheet.milestoneID, idText.isEmpty ? "is empty; it names the milestone" : "\(idText) is not a milestone you report on in this return")
                    continue
                }
                if let earlier = seen["m \(id)"] { fail(ReturnSheet.milestoneID, "milestone \(id) is given again (first in row \(earlier))"); continue }
                seen["m \(id)"] = number
                let typed = cell(ReturnSheet.milestoneStatus).text
                let status = MilestoneStatus.allCases.first { $0.label.lowercased() == typed.lowercased() || $0.rawValue == typed.lowercased() }
                if status == nil, !typed.isEmpty {
                    fail(ReturnSheet.milestoneStatus, "\"\(String(typed.prefix(40)))\" is not a status; choose \(MilestoneStatus.allCases.map(\.label).joined(separator: ", "))")
                }
                if cell(ReturnSheet.actual) != .empty { fail(ReturnSheet.actual, "is for indicators only; leave it empty for a milestone") }
                changes.append(Change(kind: .milestone, ref: line.ref, milestoneID: id, actual: nil, milestoneStatus: status?.rawValue,
                                      commentary: commentary, row: number))
            case "":
                fail(ReturnSheet.type, "is empty; it must be \(ReturnSheet.indicatorType) or \(ReturnSheet.milestoneType)")
            case let other:
                fail(ReturnSheet.type, "\"\(String(other.prefix(40)))\" is not \(ReturnSheet.indicatorType) or \(ReturnSheet.milestoneType)")
            }
        }
        return ReturnSheetUpload(changes: changes, problems: Self.capped(problems))
    }

    /// At most this many problems are listed: a sheet with more needs fixing as a whole.
    static let maximumProblems = 200

    static func capped(_ problems: [Problem]) -> [Problem] {
        guard problems.count > maximumProblems else { return problems }
        return Array(problems.prefix(maximumProblems))
            + [Problem(row: 0, column: nil, message: "… and \(problems.count - maximumProblems) more problems.")]
    }
}
