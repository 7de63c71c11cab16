import XMLCoder

/// `xl/styles.xml` as written. The cellXfs order defines the `s` index used by cells:
/// 0 = plain locked, 1 = bold locked header, 2 = unlocked shaded input, then one per look and
/// number format a sheet's cells use (`CellFormats`).
struct StylesXML: Encodable {
    struct NumFmt: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["numFmtId", "formatCode"] }
        var numFmtId: Int
        var formatCode: String
    }

    struct NumFmts: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["count"] }
        var count: Int
        var numFmt: [NumFmt]
    }

    struct Val: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["val"] }
        var val: String
    }

    struct Font: Encodable {
        var b: EmptyElement?
        var sz = Val(val: "11")
        var name = Val(val: "Calibri")
        var family = Val(val: "2")
    }

    struct Fonts: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["count"] }
        var count: Int
        var font: [Font]
    }

    struct Color: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["rgb", "indexed"] }
        var rgb: String?
        var indexed: Int?
    }

    struct PatternFill: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["patternType"] }
        var patternType: String
        var fgColor: Color?
        var bgColor: Color?
    }

    struct Fill: Encodable {
        var patternFill: PatternFill
    }

    struct Fills: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["count"] }
        var count: Int
        var fill: [Fill]
    }

    struct Border: Encodable {
        var left = EmptyElement()
        var right = EmptyElement()
        var top = EmptyElement()
        var bottom = EmptyElement()
        var diagonal = EmptyElement()
    }

    struct Borders: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["count"] }
        var count: Int
        var border: [Border]
    }

    struct Protection: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["locked"] }
        var locked: Int
    }

    struct Xf: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> {
            ["numFmtId", "fontId", "fillId", "borderId", "xfId", "applyNumberFormat", "applyFont", "applyFill", "applyProtection"]
        }
        var numFmtId = 0
        var fontId = 0
        var fillId = 0
        var borderId = 0
        var xfId: Int? = 0
        var applyNumberFormat: Int?
        var applyFont: Int?
        var applyFill: Int?
        var applyProtection: Int?
        var protection: Protection?
    }

    struct Xfs: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["count"] }
        var count: Int
        var xf: [Xf]
    }

    struct NamedStyle: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["name", "xfId", "builtinId"] }
        var name: String
        var xfId: Int
        var builtinId: Int
    }

    struct CellStyles: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["count"] }
        var count: Int
        var cellStyle: [NamedStyle]
    }

    /// Schema order: numFmts first, then fonts … cellStyles.
    var numFmts: NumFmts?
    var fonts: Fonts
    var fills: Fills
    var borders: Borders
    var cellStyleXfs: Xfs
    var cellXfs: Xfs
    var cellStyles: CellStyles

    /// The xf of each look, in `s` order (0, 1, 2).
    static func baseXf(_ style: Spreadsheet.CellStyle) -> Xf {
        switch style {
        case .locked: Xf()
        case .header: Xf(fontId: 1, applyFont: 1)
        case .input: Xf(fillId: 2, applyFill: 1, applyProtection: 1, protection: Protection(locked: 0))
        }
    }

    static let baseStyles: [Spreadsheet.CellStyle] = [.locked, .header, .input]

    /// The `s` attribute for a look with no number format.
    static func index(of style: Spreadsheet.CellStyle) -> Int {
        baseStyles.firstIndex(of: style) ?? 0
    }

    /// The stylesheet for the formats a sheet's cells use; with none, the fixed three looks.
    static func stylesheet(_ formats: CellFormats) -> StylesXML {
        let numFmts = formats.codes.enumerated().map { NumFmt(numFmtId: CellFormats.firstCustomId + $0.offset, formatCode: $0.element) }
        let xfs = baseStyles.map(baseXf) + formats.combinations.map { combination in
            var xf = baseXf(combination.style)
            xf.numFmtId = combination.numFmtId
            xf.applyNumberFormat = 1
            return xf
        }
        return StylesXML(
            numFmts: numFmts.isEmpty ? nil : NumFmts(count: numFmts.count, numFmt: numFmts),
            fonts: Fonts(count: 2, font: [Font(), Font(b: EmptyElement())]),
            // Fills 0 and 1 are reserved by the spec (none, gray125) whatever they say.
            fills: Fills(count: 3, fill: [
                Fill(patternFill: PatternFill(patternType: "none")),
                Fill(patternFill: PatternFill(patternType: "gray125")),
                Fill(patternFill: PatternFill(patternType: "solid", fgColor: Color(rgb: "FFFFF2CC"), bgColor: Color(indexed: 64))),
            ]),
            borders: Borders(count: 1, border: [Border()]),
            cellStyleXfs: Xfs(count: 1, xf: [Xf(xfId: nil)]),
            cellXfs: Xfs(count: xfs.count, xf: xfs),
            cellStyles: CellStyles(count: 1, cellStyle: [NamedStyle(name: "Normal", xfId: 0, builtinId: 0)])
        )
    }

    /// The fixed stylesheet of a workbook whose cells use no number format.
    static let standard = stylesheet(CellFormats())
}

/// The number formats a sheet's cells use, gathered as the cells are written: each format code gets
/// a custom id from 164 (the first not built in) and each look and format pair an xf after the
/// three fixed ones, both in the order cells first use them, so the same sheet gives the same bytes.
struct CellFormats {
    static let firstCustomId = 164
    /// Excel's limit on a format code's length.
    static let maximumCodeLength = 255

    struct Combination: Equatable {
        var style: Spreadsheet.CellStyle
        var numFmtId: Int
    }

    private(set) var codes: [String] = []
    private(set) var combinations: [Combination] = []

    /// The `s` index for a cell; nil or "General" keeps the look's own xf.
    mutating func index(of style: Spreadsheet.CellStyle, numberFormat: String?, at a1: String) throws(XLSXWriteError) -> Int {
        guard let numberFormat, numberFormat != "General" else { return StylesXML.index(of: style) }
        let code = XMLText.sanitized(numberFormat)
        guard !code.isEmpty, code.utf16.count <= Self.maximumCodeLength else { throw .invalidNumberFormat(cell: a1, format: numberFormat) }
        let id: Int
        if let known = codes.firstIndex(of: code) {
            id = Self.firstCustomId + known
        } else {
            id = Self.firstCustomId + codes.count
            codes.append(code)
        }
        let combination = Combination(style: style, numFmtId: id)
        if let known = combinations.firstIndex(of: combination) { return StylesXML.baseStyles.count + known }
        combinations.append(combination)
        return StylesXML.baseStyles.count + combinations.count - 1
    }
}

/// `xl/styles.xml` as read: only what is needed to tell date-formatted cells apart.
struct StylesReadXML: Decodable {
    struct NumFmt: Decodable {
        var numFmtId: Int
        var formatCode: String
    }

    struct NumFmts: Decodable {
        var numFmt: [NumFmt]?
    }

    struct Xf: Decodable {
        var numFmtId: Int?
    }

    struct Xfs: Decodable {
        var xf: [Xf]?
    }

    var numFmts: NumFmts?
    var cellXfs: Xfs?
}
