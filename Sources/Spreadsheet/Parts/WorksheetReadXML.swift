import XMLCoder

/// A worksheet as read: rows of cells with whatever Excel or LibreOffice put in them.
struct WorksheetReadXML: Decodable {
    struct SheetData: Decodable {
        var row: [Row]?
    }

    struct Row: Decodable {
        var r: Int?
        var c: [CellXML]?
    }

    struct CellXML: Decodable {
        var r: String?
        var s: Int?
        var t: String?
        var v: String?
        /// Only its presence matters: any formula makes the cell unacceptable.
        var hasFormula: Bool
        var `is`: RichTextXML?

        enum CodingKeys: String, CodingKey {
            case r, s, t, v, f, `is`
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            r = try container.decodeIfPresent(String.self, forKey: .r)
            s = try container.decodeIfPresent(Int.self, forKey: .s)
            t = try container.decodeIfPresent(String.self, forKey: .t)
            v = try container.decodeIfPresent(String.self, forKey: .v)
            // `contains` also sees `<f t="shared" si="0"/>`, which has no text.
            hasFormula = container.contains(.f)
            `is` = try container.decodeIfPresent(RichTextXML.self, forKey: .is)
        }
    }

    var sheetData: SheetData?
}

/// `xl/sharedStrings.xml`.
struct SharedStringsXML: Decodable {
    var si: [RichTextXML]?
}

/// A string item: either `<t>` directly or rich-text runs `<r><t>`; phonetic runs (`<rPh>`) are not part of the value.
struct RichTextXML: Decodable {
    struct Run: Decodable {
        var t: TextXML?
    }

    var t: TextXML?
    var r: [Run]?

    var plainText: String {
        let runs = (r ?? []).map { $0.t?.value ?? "" }.joined()
        return XMLText.unescapingOOXML((t?.value ?? "") + runs)
    }
}

/// `<t>` with optional `xml:space`; an empty `<t/>` is the empty string.
struct TextXML: Decodable {
    var value: String

    enum CodingKeys: String, CodingKey {
        case value = ""
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
    }
}
