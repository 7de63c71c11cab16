/// A single protected worksheet to write: the writer's whole input.
public struct Worksheet: Equatable, Sendable {
    /// 1–31 characters, none of : \ / ? * [ ], not starting or ending with an apostrophe.
    public var name: String
    /// Widths in Excel character units; index 0 is column A. Missing entries keep the default width.
    public var columnWidths: [Double]
    /// Row-major cells starting at A1; rows may have different lengths.
    public var rows: [[Cell]]
    public var dataValidations: [DataValidation]
    /// When true, locked cells cannot be edited (sheetProtection sheet="1").
    public var isProtected: Bool
    /// Optional protection password, stored with Excel's legacy 16-bit hash (a deterrent, not security).
    public var password: String?
    /// Keeps row 1 visible while scrolling.
    public var freezesHeaderRow: Bool

    public init(name: String, columnWidths: [Double] = [], rows: [[Cell]],
                dataValidations: [DataValidation] = [], isProtected: Bool = true,
                password: String? = nil, freezesHeaderRow: Bool = true) {
        self.name = name
        self.columnWidths = columnWidths
        self.rows = rows
        self.dataValidations = dataValidations
        self.isProtected = isProtected
        self.password = password
        self.freezesHeaderRow = freezesHeaderRow
    }
}
