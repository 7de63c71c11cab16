/// One cell read from a worksheet.
public struct ReadCell: Equatable, Sendable {
    public let reference: CellReference
    public let value: CellValue
}

/// A worksheet as read: the non-empty cells in row-major order, plus lookup by position.
public struct SheetGrid: Equatable, Sendable {
    public let name: String
    /// Cells that are present in the file, sorted by row then column. Empty cells written
    /// only for formatting (e.g. unlocked input cells) are included with `.empty`.
    public let cells: [ReadCell]
    private let index: [CellReference: CellValue]

    init(name: String, cells: [ReadCell]) {
        self.name = name
        self.cells = cells.sorted { $0.reference < $1.reference }
        // Later duplicates win, as in Excel; duplicates only occur in hand-made files.
        self.index = Dictionary(cells.map { ($0.reference, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The value at "C4", or `.empty` when absent or the reference is not valid.
    public subscript(_ a1: String) -> CellValue {
        guard let reference = CellReference(a1) else { return .empty }
        return self[reference]
    }

    public subscript(_ reference: CellReference) -> CellValue {
        index[reference] ?? .empty
    }

    /// The highest row and column that hold a cell (0 when the sheet is empty).
    public var rowCount: Int { cells.last?.reference.row ?? 0 }
    public var columnCount: Int { cells.map(\.reference.column).max() ?? 0 }

    /// A dense copy, `rows[r-1][c-1]`, padded with `.empty`.
    public var rows: [[CellValue]] {
        var grid = Array(repeating: Array(repeating: CellValue.empty, count: columnCount), count: rowCount)
        for cell in cells {
            grid[cell.reference.row - 1][cell.reference.column - 1] = cell.value
        }
        return grid
    }
}
