/// Bounds that keep a hostile or accidental file from exhausting memory or time.
public struct ReadLimits: Equatable, Sendable {
    /// Total bytes inflated across all parts read.
    public var maxTotalBytes: Int
    /// Bytes inflated for any one part.
    public var maxPartBytes: Int
    /// Entries in the zip's central directory.
    public var maxEntries: Int
    /// Highest row number accepted (row 1 is the first).
    public var maxRows: Int
    /// Highest column number accepted (A = 1).
    public var maxColumns: Int

    /// How deep elements may nest in any part (OOXML sheets nest about six deep).
    public var maxDepth: Int
    /// Elements and attributes in any one part: what reading a part costs grows with them.
    public var maxElements: Int
    /// Attributes on any one element (OOXML's carry a dozen at most).
    public var maxAttributesPerElement: Int
    /// Characters in one cell's text: Excel's own limit, 32,767.
    public var maxCellCharacters: Int
    /// Characters of text across the sheet's cells, a shared string counted each time a cell uses
    /// it: one long shared string referenced from thousands of cells must not multiply the work.
    public var maxTextCharacters: Int

    public init(maxTotalBytes: Int = 20_000_000, maxPartBytes: Int = 10_000_000,
                maxEntries: Int = 1_000, maxRows: Int = 10_000, maxColumns: Int = 200,
                maxDepth: Int = 32, maxElements: Int = 1_000_000,
                maxCellCharacters: Int = 32_767, maxTextCharacters: Int = 5_000_000, maxAttributesPerElement: Int = 64) {
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxCellCharacters = maxCellCharacters
        self.maxTextCharacters = maxTextCharacters
        self.maxDepth = maxDepth
        self.maxElements = maxElements
        self.maxTotalBytes = maxTotalBytes
        self.maxPartBytes = maxPartBytes
        self.maxEntries = maxEntries
        self.maxRows = maxRows
        self.maxColumns = maxColumns
    }
}
