/// Why a figure has no number. The raw values are exactly what a plan writes in the cell, so
/// they round-trip through plan files, pages and the API unchanged.
public enum MissingReason: String, CaseIterable, Hashable, Sendable {
    case newIndicator = "New Indicator"
    case newNationalIndicator = "New National Indicator"
    case notApplicable = "N/A"
    case toBeAgreed = "TBA"
    case baselineToBeEstablished = "Baseline to be established"
    /// The plan promises the figures later, as Halton's budget summary does.
    case toFollow = "To Follow"
    /// The source had a value that was lost (for example in extraction from PDF). Never guess it.
    case unknown = "Unknown"

    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
