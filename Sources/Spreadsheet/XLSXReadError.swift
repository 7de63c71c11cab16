/// Why a workbook was refused. Messages name the part or the cell so an officer can fix the file.
public enum XLSXReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data is not a zip archive (or its directory is unreadable).
    case notAZip
    /// The zip is readable but a part cannot be extracted (bad compression, CRC mismatch…).
    case corruptPart(path: String, reason: String)
    /// A required part such as xl/workbook.xml is absent.
    case missingPart(String)
    /// The requested sheet (nil = first sheet) is not listed or its part is absent.
    case missingSheet(String?)
    case tooManyEntries(limit: Int)
    /// A single part inflates past `ReadLimits.maxPartBytes`.
    case partTooLarge(path: String, limit: Int)
    /// All parts together inflate past `ReadLimits.maxTotalBytes`.
    case archiveTooLarge(limit: Int)
    case tooManyRows(limit: Int)
    case tooManyColumns(limit: Int)
    /// A part is not well-formed XML of the expected shape.
    case malformedXML(path: String, reason: String)
    case invalidCellReference(String)
    case formulaCell(String)
    /// Not thrown by the reader, which reads such a cell as `CellValue.date`: for callers that refuse
    /// a date where they read a plain number or text, with the same words for every such cell.
    case dateCell(String)
    /// A cell's stored value does not match its type (e.g. `t="n"` with "abc").
    case invalidCellValue(cell: String, value: String)
    /// A cell's text is longer than `ReadLimits.maxCellCharacters` (Excel's own limit).
    case cellTooLong(cell: String?, limit: Int)
    /// The cells' text together, shared strings counted at each use, passes `ReadLimits.maxTextCharacters`.
    case tooMuchText(limit: Int)

    public var description: String {
        switch self {
        case .notAZip: "The file is not an .xlsx workbook (not a zip archive)."
        case .corruptPart(let path, let reason): "The workbook is damaged: \(path) cannot be extracted (\(reason))."
        case .missingPart(let path): "The workbook is incomplete: \(path) is missing."
        case .missingSheet(let name):
            name.map { "The workbook has no sheet named \"\($0)\"." } ?? "The workbook has no worksheet."
        case .tooManyEntries(let limit): "The workbook has more than \(limit) parts."
        case .partTooLarge(let path, let limit): "\(path) is larger than \(limit) bytes when uncompressed."
        case .archiveTooLarge(let limit): "The workbook is larger than \(limit) bytes when uncompressed."
        case .tooManyRows(let limit): "The sheet has more than \(limit) rows."
        case .tooManyColumns(let limit): "The sheet has more than \(limit) columns."
        case .malformedXML(let path, let reason): "\(path) is not valid: \(reason)"
        case .invalidCellReference(let ref): "Invalid cell reference \"\(ref)\"."
        case .formulaCell(let cell): "Cell \(cell) contains a formula; please enter a plain value."
        case .dateCell(let cell): "Cell \(cell) is formatted as a date or time; please enter a plain number or text."
        case .invalidCellValue(let cell, let value): "Cell \(cell) holds an unreadable value \"\(value)\"."
        case .cellTooLong(let cell, let limit):
            "\(cell.map { "Cell \($0)" } ?? "A text in the workbook") is longer than \(limit) characters, the most a cell holds."
        case .tooMuchText(let limit): "The sheet's cells hold more than \(limit) characters of text in all."
        }
    }
}
