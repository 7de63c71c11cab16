import XMLCoder

/// `xl/workbook.xml` as written: one sheet.
struct WorkbookXML: Encodable, DynamicNodeEncoding {
    struct Sheets: Encodable {
        var sheet: [Sheet]
    }

    struct Sheet: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["name", "sheetId", "r:id"] }
        var name: String
        var sheetId: Int
        var relationshipId: String

        enum CodingKeys: String, CodingKey {
            case name, sheetId
            case relationshipId = "r:id"
        }
    }

    /// Declared here rather than through XMLCoder's `rootAttributes`, which is a Dictionary:
    /// two namespaces there come out in random order per process, making the bytes non-deterministic.
    var relationshipsNamespace = OOXML.relationshipsNamespace
    var sheets: Sheets

    enum CodingKeys: String, CodingKey {
        case relationshipsNamespace = "xmlns:r"
        case sheets
    }

    static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == CodingKeys.relationshipsNamespace.rawValue ? .attribute : .element
    }
}

/// `xl/workbook.xml` as read: only the sheet list matters.
struct WorkbookReadXML: Decodable {
    struct Sheets: Decodable {
        var sheet: [Sheet]?
    }

    struct Sheet: Decodable {
        var name: String
        var relationshipId: String?

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            name = try container.decode(String.self, forKey: AnyKey("name"))
            // The relationships prefix is conventionally "r" but any prefix bound to the namespace is legal.
            let key = container.allKeys.first { $0.stringValue == "r:id" }
                ?? container.allKeys.first { $0.stringValue.hasSuffix(":id") }
                // Read with namespace processing, the prefix is gone.
                ?? container.allKeys.first { $0.stringValue == "id" }
            relationshipId = try key.map { try container.decode(String.self, forKey: $0) }
        }
    }

    var sheets: Sheets?
}

/// A coding key for names that are only known at run time.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
