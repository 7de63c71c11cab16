import Foundation

/// Turns decoded `<row>`/`<c>` elements into typed cells, applying the reader's refusals and limits.
struct CellConverter {
    let sharedStrings: [String]
    let dateStyles: Set<Int>
    let percentStyles: Set<Int>
    let limits: ReadLimits

    func convert(_ rows: [WorksheetReadXML.Row]) throws(XLSXReadError) -> [ReadCell] {
        var cells: [ReadCell] = []
        var previousRow = 0
        var characters = 0
        for row in rows {
            // `r` is optional in the schema; without it a row follows the previous one.
            let rowNumber = row.r ?? previousRow + 1
            guard rowNumber <= limits.maxRows else { throw .tooManyRows(limit: limits.maxRows) }
            previousRow = rowNumber
            var previousColumn = 0
            for cell in row.c ?? [] {
                let reference = try position(of: cell, row: rowNumber, previousColumn: previousColumn)
                guard reference.column <= limits.maxColumns else { throw .tooManyColumns(limit: limits.maxColumns) }
                previousColumn = reference.column
                let value = try value(of: cell, at: reference.a1)
                if case .text(let text) = value {
                    // UTF-8 bytes bound the characters from above, and cost nothing to read.
                    let size = text.utf8.count
                    if size > limits.maxCellCharacters, text.count > limits.maxCellCharacters {
                        throw .cellTooLong(cell: reference.a1, limit: limits.maxCellCharacters)
                    }
                    characters += size
                    guard characters <= limits.maxTextCharacters else { throw .tooMuchText(limit: limits.maxTextCharacters) }
                }
                cells.append(ReadCell(reference: reference, value: value))
            }
        }
        return cells
    }

    private func position(of cell: WorksheetReadXML.CellXML, row: Int, previousColumn: Int) throws(XLSXReadError) -> CellReference {
        if let r = cell.r {
            guard let reference = CellReference(r) else { throw .invalidCellReference(r) }
            guard reference.row <= limits.maxRows else { throw .tooManyRows(limit: limits.maxRows) }
            return reference
        }
        guard let reference = CellReference(row: row, column: previousColumn + 1) else {
            throw .tooManyColumns(limit: limits.maxColumns)
        }
        return reference
    }

    private func value(of cell: WorksheetReadXML.CellXML, at a1: String) throws(XLSXReadError) -> CellValue {
        if cell.hasFormula { throw .formulaCell(a1) }
        // `<v/>` and `<v></v>` both mean "no value" for non-text types.
        let trimmed = cell.v?.trimmingCharacters(in: .whitespaces)
        let raw = trimmed?.isEmpty == false ? trimmed : nil
        switch cell.t ?? "n" {
        case "s":
            guard let raw else { return .empty }
            guard let index = Int(raw),
                  sharedStrings.indices.contains(index) else {
                throw .invalidCellValue(cell: a1, value: raw)
            }
            return .text(sharedStrings[index])
        case "inlineStr":
            return .text(cell.is?.plainText ?? "")
        case "str":
            return .text(XMLText.unescapingOOXML(cell.v ?? ""))
        case "b":
            switch raw {
            case "1", "true": return .boolean(true)
            case "0", "false": return .boolean(false)
            case nil: return .empty
            case let other?: throw .invalidCellValue(cell: a1, value: other)
            }
        case "e":
            return .error(cell.v ?? "")
        case "d":
            // ISO 8601 date cells (Strict / some generators): a date like a date-formatted number.
            guard let raw else { return .empty }
            guard let serial = CellDate.serial(iso: raw) else { throw .invalidCellValue(cell: a1, value: raw) }
            return .date(serial)
        case "n":
            guard let raw else { return .empty }
            // Double() alone would also accept "nan", "inf" and hex floats such as "0x1p3".
            guard raw.allSatisfy({ "0123456789+-.eE".contains($0) }), let number = Double(raw), number.isFinite else { throw .invalidCellValue(cell: a1, value: raw) }
            if let style = cell.s, dateStyles.contains(style) { return .date(number) }
            if let style = cell.s, percentStyles.contains(style) { return .percent(number) }
            return .number(number)
        case let other:
            throw .invalidCellValue(cell: a1, value: "type \(other)")
        }
    }
}
