import XMLCoder

/// `xl/styles.xml` as written. The cellXfs order defines the `s` index used by cells:
/// 0 = plain locked, 1 = bold locked header, 2 = unlocked shaded input.
struct StylesXML: Encodable {
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
            ["numFmtId", "fontId", "fillId", "borderId", "xfId", "applyFont", "applyFill", "applyProtection"]
        }
        var numFmtId = 0
        var fontId = 0
        var fillId = 0
        var borderId = 0
        var xfId: Int? = 0
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

    var fonts: Fonts
    var fills: Fills
    var borders: Borders
    var cellStyleXfs: Xfs
    var cellXfs: Xfs
    var cellStyles: CellStyles

    /// The `s` attribute for a cell style.
    static func index(of style: Spreadsheet.CellStyle) -> Int {
        switch style {
        case .locked: 0
        case .header: 1
        case .input: 2
        }
    }

    /// The fixed stylesheet every written workbook uses.
    static let standard = StylesXML(
        fonts: Fonts(count: 2, font: [Font(), Font(b: EmptyElement())]),
        // Fills 0 and 1 are reserved by the spec (none, gray125) whatever they say.
        fills: Fills(count: 3, fill: [
            Fill(patternFill: PatternFill(patternType: "none")),
            Fill(patternFill: PatternFill(patternType: "gray125")),
            Fill(patternFill: PatternFill(patternType: "solid", fgColor: Color(rgb: "FFFFF2CC"), bgColor: Color(indexed: 64))),
        ]),
        borders: Borders(count: 1, border: [Border()]),
        cellStyleXfs: Xfs(count: 1, xf: [Xf(xfId: nil)]),
        cellXfs: Xfs(count: 3, xf: [
            Xf(),
            Xf(fontId: 1, applyFont: 1),
            Xf(fillId: 2, applyFill: 1, applyProtection: 1, protection: Protection(locked: 0)),
        ]),
        cellStyles: CellStyles(count: 1, cellStyle: [NamedStyle(name: "Normal", xfId: 0, builtinId: 0)])
    )
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
