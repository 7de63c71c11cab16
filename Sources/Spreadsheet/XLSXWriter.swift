import Foundation
import XMLCoder
import ZIPFoundation

/// Writes a single protected worksheet as .xlsx bytes.
public enum XLSXWriter {
    /// Builds the workbook; throws `XLSXWriteError` for input that Excel would reject or repair.
    public static func write(_ worksheet: Worksheet) throws(XLSXWriteError) -> Data {
        let name = XMLText.sanitized(worksheet.name)
        try validate(sheetName: name)
        var formats = CellFormats()
        let sheetXML = try worksheetXML(worksheet, formats: &formats)
        let parts: [(path: String, data: Data)]
        do {
            parts = [
                ("[Content_Types].xml", try encode(contentTypes, root: "Types", namespaces: ["xmlns": OOXML.contentTypesNamespace])),
                ("_rels/.rels", try encode(RelationshipsXML(relationships: [
                    .init(Id: "rId1", Type: OOXML.officeDocumentType, Target: "xl/workbook.xml"),
                ]), root: "Relationships", namespaces: ["xmlns": OOXML.packageRelationshipsNamespace])),
                ("xl/workbook.xml", try encode(
                    WorkbookXML(sheets: .init(sheet: [.init(name: name, sheetId: 1, relationshipId: "rId1")])),
                    root: "workbook", namespaces: spreadsheetNamespaces)),
                ("xl/_rels/workbook.xml.rels", try encode(RelationshipsXML(relationships: [
                    .init(Id: "rId1", Type: OOXML.worksheetType, Target: "worksheets/sheet1.xml"),
                    .init(Id: "rId2", Type: OOXML.stylesType, Target: "styles.xml"),
                ]), root: "Relationships", namespaces: ["xmlns": OOXML.packageRelationshipsNamespace])),
                ("xl/styles.xml", try encode(StylesXML.stylesheet(formats), root: "styleSheet", namespaces: ["xmlns": OOXML.mainNamespace])),
                ("xl/worksheets/sheet1.xml", try encode(sheetXML, root: "worksheet", namespaces: spreadsheetNamespaces)),
            ]
        } catch let error as XLSXWriteError {
            throw error
        } catch {
            throw .archiveFailure("XML encoding failed: \(error)")
        }
        return try zip(parts)
    }

    /// A single entry on purpose: `rootAttributes` is a Dictionary, so several would be emitted in random order.
    private static let spreadsheetNamespaces = ["xmlns": OOXML.mainNamespace]

    private static let contentTypes = ContentTypesXML(
        defaults: [
            .init(Extension: "rels", ContentType: OOXML.relationshipsContentType),
            .init(Extension: "xml", ContentType: "application/xml"),
        ],
        overrides: [
            .init(PartName: "/xl/workbook.xml", ContentType: OOXML.workbookContentType),
            .init(PartName: "/xl/worksheets/sheet1.xml", ContentType: OOXML.worksheetContentType),
            .init(PartName: "/xl/styles.xml", ContentType: OOXML.stylesContentType),
        ]
    )

    private static func encode<T: Encodable>(_ value: T, root: String, namespaces: [String: String]) throws -> Data {
        let encoder = XMLEncoder()
        // XMLCoder escapes only & < > ' ". Parsers normalise raw tabs/newlines in attribute values to
        // spaces and raw CR in text to LF, so those are written as character references too.
        encoder.charactersEscapedInAttributes += [("\t", "&#9;"), ("\n", "&#10;"), ("\r", "&#13;")]
        encoder.charactersEscapedInElements += [("\r", "&#13;")]
        return try encoder.encode(value, withRootKey: root, rootAttributes: namespaces,
                                  header: XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes"))
    }

    // MARK: - Worksheet

    /// The sheet part; `formats` gathers the number formats its cells use, for the stylesheet.
    static func worksheetXML(_ sheet: Worksheet, formats: inout CellFormats) throws(XLSXWriteError) -> WorksheetXML {
        guard sheet.rows.count <= CellReference.maxRow,
              sheet.rows.allSatisfy({ $0.count <= CellReference.maxColumn }),
              sheet.columnWidths.count <= CellReference.maxColumn else { throw .tooManyRowsOrColumns }

        var rows: [WorksheetXML.Row] = []
        for (rowOffset, cells) in sheet.rows.enumerated() {
            var xmlCells: [WorksheetXML.CellXML] = []
            for (columnOffset, cell) in cells.enumerated() {
                let a1 = CellReference.columnName(columnOffset + 1) + String(rowOffset + 1)
                if let xml = try cellXML(cell, at: a1, formats: &formats) { xmlCells.append(xml) }
            }
            if !xmlCells.isEmpty { rows.append(.init(r: rowOffset + 1, c: xmlCells)) }
        }

        let columns = sheet.columnWidths.enumerated().map { offset, width in
            WorksheetXML.Col(min: offset + 1, max: offset + 1, width: NumberText.xml(width))
        }
        let validations = try sheet.dataValidations.map { validation throws(XLSXWriteError) in try dataValidationXML(validation) }

        return WorksheetXML(
            sheetViews: .init(sheetView: sheet.freezesHeaderRow ? .init(pane: .init(), selection: .init()) : .init()),
            cols: columns.isEmpty ? nil : .init(col: columns),
            sheetData: .init(row: rows),
            sheetProtection: sheet.isProtected
                ? .init(password: sheet.password.map { PasswordHash.legacyHex($0) }) : nil,
            dataValidations: validations.isEmpty ? nil : .init(count: validations.count, dataValidation: validations)
        )
    }

    /// nil for a locked empty cell: it looks the same as no cell at all. Unlocked empty cells must be
    /// written, because the style is what unlocks them.
    private static func cellXML(_ cell: Cell, at a1: String, formats: inout CellFormats) throws(XLSXWriteError) -> WorksheetXML.CellXML? {
        if case .empty = cell.content, cell.style == .locked { return nil }
        var numberFormat = cell.numberFormat
        if case .date = cell.content {
            numberFormat = numberFormat ?? Cell.defaultDateFormat
            // Without a date format the day would be shown, and read back, as a plain number.
            guard let code = numberFormat, NumberFormat.isDate(code: code) else { throw .invalidNumberFormat(cell: a1, format: numberFormat ?? "General") }
        }
        let style = try formats.index(of: cell.style, numberFormat: numberFormat, at: a1)
        let styleAttribute = style == 0 ? nil : style
        switch cell.content {
        case .empty:
            return .init(r: a1, s: styleAttribute)
        case .number(let number):
            guard number.isFinite else { throw .nonFiniteNumber(cell: a1) }
            return .init(r: a1, s: styleAttribute, v: NumberText.xml(number))
        case .date(let date):
            // A serial day number, as Excel stores dates; the style's format shows it as a date.
            return .init(r: a1, s: styleAttribute, v: String(date.serial))
        case .text(let text):
            let clean = XMLText.escapingOOXML(XMLText.sanitized(text))
            let length = text.utf16.count
            guard length <= 32_767 else { throw .textTooLong(cell: a1, length: length) }
            // Inline strings keep the writer single-pass; a leading "=" stays text because there is no <f>.
            return .init(r: a1, s: styleAttribute, t: "inlineStr", is: .init(t: .init(value: clean)))
        }
    }

    private static func dataValidationXML(_ validation: DataValidation) throws(XLSXWriteError) -> WorksheetXML.DataValidationXML {
        let ranges = validation.range.split(separator: " ")
        let rangesAreValid = !ranges.isEmpty && ranges.allSatisfy { range in
            let ends = range.split(separator: ":", omittingEmptySubsequences: false)
            return (1...2).contains(ends.count) && ends.allSatisfy { CellReference(String($0)) != nil }
        }
        guard rangesAreValid else { throw .invalidValidationRange(validation.range) }

        let type: String
        var operatorName: String?
        let formula1: String
        var formula2: String?
        switch validation.rule {
        case .list(let items):
            let clean = items.map(XMLText.sanitized)
            guard !clean.isEmpty else { throw .invalidValidationList("no items") }
            if let bad = clean.first(where: { $0.contains(",") }) {
                throw .invalidValidationList("\"\(bad)\" contains a comma, the list separator")
            }
            let joined = clean.joined(separator: ",")
            guard joined.utf16.count <= 255 else { throw .invalidValidationList("longer than 255 characters") }
            type = "list"
            formula1 = "\"" + joined.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .decimal(let min, let max):
            guard [min, max].allSatisfy({ $0?.isFinite ?? true }) else { throw .nonFiniteNumber(cell: validation.range) }
            type = "decimal"
            (operatorName, formula1, formula2) = try bounds(min.map(NumberText.xml), max.map(NumberText.xml), validation.range)
        case .wholeNumber(let min, let max):
            type = "whole"
            (operatorName, formula1, formula2) = try bounds(min.map { String($0) }, max.map { String($0) }, validation.range)
        }
        return .init(
            type: type, operator: operatorName,
            allowBlank: validation.allowBlank ? 1 : 0,
            showInputMessage: validation.prompt == nil ? 0 : 1,
            errorTitle: XMLText.sanitized(validation.errorTitle),
            error: XMLText.sanitized(validation.errorMessage),
            promptTitle: validation.promptTitle.map(XMLText.sanitized),
            prompt: validation.prompt.map(XMLText.sanitized),
            sqref: validation.range,
            formula1: formula1, formula2: formula2
        )
    }

    private static func bounds(_ min: String?, _ max: String?, _ range: String) throws(XLSXWriteError) -> (String, String, String?) {
        switch (min, max) {
        case let (min?, max?): ("between", min, max)
        case let (min?, nil): ("greaterThanOrEqual", min, nil)
        case let (nil, max?): ("lessThanOrEqual", max, nil)
        case (nil, nil): throw .emptyValidationBounds(range: range)
        }
    }

    private static func validate(sheetName name: String) throws(XLSXWriteError) {
        let forbidden: Set<Character> = [":", "\\", "/", "?", "*", "[", "]"]
        guard (1...31).contains(name.utf16.count), !name.contains(where: forbidden.contains),
              !name.hasPrefix("'"), !name.hasSuffix("'") else { throw .invalidSheetName(name) }
    }

    // MARK: - Zip

    /// A fixed timestamp makes identical input produce identical bytes.
    private static let timestamp = Date(timeIntervalSince1970: 315_532_800) // 1980-01-01, the DOS epoch

    private static func zip(_ parts: [(path: String, data: Data)]) throws(XLSXWriteError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = part.data
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: timestamp, compressionMethod: .deflate) { position, size in
                    let start = Int(position)
                    return data.subdata(in: start..<min(start + size, data.count))
                }
            }
            guard let bytes = archive.data else { throw XLSXWriteError.archiveFailure("no in-memory data") }
            return bytes
        } catch let error as XLSXWriteError {
            throw error
        } catch {
            throw .archiveFailure(String(describing: error))
        }
    }
}
