import Foundation
import XMLCoder

/// Reads one worksheet of an .xlsx into a `SheetGrid`, refusing anything it cannot read faithfully.
public struct XLSXReader: Sendable {
    public var limits: ReadLimits

    public init(limits: ReadLimits = ReadLimits()) {
        self.limits = limits
    }

    /// The sheet names in workbook order.
    public func sheetNames(in data: Data) throws(XLSXReadError) -> [String] {
        let package = try Package(data: data, limits: limits)
        return package.sheets.map(\.name)
    }

    /// Reads the sheet called `sheetName`, or the first sheet when nil.
    public func read(_ data: Data, sheetName: String? = nil) throws(XLSXReadError) -> SheetGrid {
        let package = try Package(data: data, limits: limits)
        let sheet: WorkbookReadXML.Sheet?
        if let sheetName {
            sheet = package.sheets.first { $0.name == sheetName }
        } else {
            sheet = package.sheets.first
        }
        guard let sheet, let id = sheet.relationshipId,
              let relationship = package.relationships.first(where: { $0.Id == id }) else {
            throw .missingSheet(sheetName)
        }
        let sheetPath = PartPath.resolve(relationship.Target, relativeTo: package.workbookPath)
        guard let sheetData = try package.zip.read(sheetPath) else { throw .missingSheet(sheetName ?? sheet.name) }

        let sharedStrings = try package.sharedStrings()
        let (dateStyles, percentStyles) = try package.styleIndexes()
        let worksheet = try Self.decode(WorksheetReadXML.self, from: sheetData, path: sheetPath, limits: limits)
        let cells = try CellConverter(sharedStrings: sharedStrings, dateStyles: dateStyles, percentStyles: percentStyles, limits: limits)
            .convert(worksheet.sheetData?.row ?? [])
        return SheetGrid(name: sheet.name, cells: cells)
    }

    /// Decodes a part, mapping XMLCoder's errors to `malformedXML`.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String, limits: ReadLimits) throws(XLSXReadError) -> T {
        // OOXML never uses a DTD; refusing one rules out entity-expansion attacks on the XML parser.
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw .malformedXML(path: path, reason: "DOCTYPE declarations are not allowed.")
        }
        // No trimming: `<t xml:space="preserve"> a </t>` must keep its spaces. Whitespace-only
        // text between elements is dropped instead so pretty-printed parts still decode.
        try XMLShape.check(data, path: path, limits: limits)
        let decoder = XMLDecoder(trimValueWhitespaces: false, removeWhitespaceElements: true)
        // `x:f` is the same formula element as `f`: matched by local name, so no prefix hides one.
        decoder.shouldProcessNamespaces = true
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            // XMLCoder's and the parser's own words mean nothing to an officer.
            throw .malformedXML(path: path, reason: "it is not the XML a workbook holds there")
        }
    }
}

extension XLSXReader {
    /// The workbook-level parts, found through relationships rather than fixed names.
    struct Package {
        let zip: BoundedZip
        let limits: ReadLimits
        let workbookPath: String
        let sheets: [WorkbookReadXML.Sheet]
        let relationships: [RelationshipsXML.Relationship]

        init(data: Data, limits: ReadLimits) throws(XLSXReadError) {
            zip = try BoundedZip(data: data, limits: limits)
            self.limits = limits
            var workbookPath = "xl/workbook.xml"
            if let rootRels = try zip.read("_rels/.rels") {
                let rels = try XLSXReader.decode(RelationshipsXML.self, from: rootRels, path: "_rels/.rels", limits: limits)
                if let office = rels.relationships.first(where: { $0.Type == OOXML.officeDocumentType }) {
                    workbookPath = PartPath.resolve(office.Target, relativeTo: "")
                }
            }
            guard let workbookData = try zip.read(workbookPath) else { throw .missingPart(workbookPath) }
            let workbook = try XLSXReader.decode(WorkbookReadXML.self, from: workbookData, path: workbookPath, limits: limits)
            let relsPath = PartPath.relationships(for: workbookPath)
            guard let relsData = try zip.read(relsPath) else { throw .missingPart(relsPath) }
            self.workbookPath = workbookPath
            sheets = workbook.sheets?.sheet ?? []
            relationships = try XLSXReader.decode(RelationshipsXML.self, from: relsData, path: relsPath, limits: limits).relationships
        }

        /// Reads the first related part whose relationship type ends with `/suffix` (Strict OOXML uses other URIs).
        private func relatedPart(_ suffix: String) throws(XLSXReadError) -> (path: String, data: Data)? {
            guard let relationship = relationships.first(where: { $0.Type.hasSuffix("/" + suffix) }) else { return nil }
            let path = PartPath.resolve(relationship.Target, relativeTo: workbookPath)
            return try zip.read(path).map { (path, $0) }
        }

        func sharedStrings() throws(XLSXReadError) -> [String] {
            guard let part = try relatedPart("sharedStrings") else { return [] }
            let strings = try XLSXReader.decode(SharedStringsXML.self, from: part.data, path: part.path, limits: limits)
            // Each shared string is checked once here; cells then only count what they use.
            let texts = (strings.si ?? []).map(\.plainText)
            if texts.contains(where: { $0.utf8.count > limits.maxCellCharacters && $0.count > limits.maxCellCharacters }) {
                throw .cellTooLong(cell: nil, limit: limits.maxCellCharacters)
            }
            return texts
        }

        /// The `s` indexes whose number format shows a date or time, and those showing a percentage.
        func styleIndexes() throws(XLSXReadError) -> (dates: Set<Int>, percents: Set<Int>) {
            guard let part = try relatedPart("styles") else { return ([], []) }
            let styles = try XLSXReader.decode(StylesReadXML.self, from: part.data, path: part.path, limits: limits)
            var codes: [Int: String] = [:]
            for format in styles.numFmts?.numFmt ?? [] { codes[format.numFmtId] = format.formatCode }
            var dates = Set<Int>(), percents = Set<Int>()
            for (index, xf) in (styles.cellXfs?.xf ?? []).enumerated() {
                if NumberFormat.isDate(id: xf.numFmtId ?? 0, customCodes: codes) { dates.insert(index) }
                else if NumberFormat.isPercent(id: xf.numFmtId ?? 0, customCodes: codes) { percents.insert(index) }
            }
            return (dates, percents)
        }
    }
}
