/// Why a worksheet could not be written. These are caller mistakes, reported instead of writing a file Excel would repair.
public enum XLSXWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSheetName(String)
    case nonFiniteNumber(cell: String)
    case textTooLong(cell: String, length: Int)
    /// A number format code that is empty, longer than Excel's 255 characters, or, on a date cell, shows no date.
    case invalidNumberFormat(cell: String, format: String)
    case tooManyRowsOrColumns
    case invalidValidationRange(String)
    case invalidValidationList(String)
    case emptyValidationBounds(range: String)
    case archiveFailure(String)

    public var description: String {
        switch self {
        case .invalidSheetName(let name): "Invalid sheet name \"\(name)\" (1–31 characters, none of : \\ / ? * [ ])."
        case .nonFiniteNumber(let cell): "Cell \(cell) holds NaN or infinity, which a workbook cannot store."
        case .textTooLong(let cell, let length): "Cell \(cell) has \(length) characters; Excel allows 32767."
        case .invalidNumberFormat(let cell, let format):
            "Cell \(cell) has the number format \"\(format)\": a format is 1–255 characters, and a date's must show a date."
        case .tooManyRowsOrColumns: "The sheet exceeds Excel's 1048576 rows or 16384 columns."
        case .invalidValidationRange(let range): "Data validation range \"\(range)\" is not a list of A1 ranges."
        case .invalidValidationList(let reason): "Invalid drop-down list: \(reason)."
        case .emptyValidationBounds(let range): "Data validation on \(range) has neither a minimum nor a maximum."
        case .archiveFailure(let reason): "Could not build the zip archive: \(reason)."
        }
    }
}
