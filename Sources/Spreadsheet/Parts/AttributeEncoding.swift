import XMLCoder

/// Lets a part model list which of its coding keys are XML attributes; everything else is a child element.
protocol AttributeEncoding: DynamicNodeEncoding {
    static var attributeKeys: Set<String> { get }
}

extension AttributeEncoding {
    static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
        attributeKeys.contains(key.stringValue) ? .attribute : .element
    }
}

/// An element with no content, such as `<b/>` in a font.
struct EmptyElement: Codable, Sendable {
    init() {}
    init(from decoder: Decoder) throws {}
    func encode(to encoder: Encoder) throws {
        // Opening a container makes XMLCoder emit `<key />` instead of dropping the element.
        _ = encoder.container(keyedBy: OOXML.NoKeys.self)
    }
}

/// Namespaces, content types and relationship types used by the writer and reader.
enum OOXML {
    enum NoKeys: CodingKey {}

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types"

    static let officeDocumentType = relationshipsNamespace + "/officeDocument"
    static let worksheetType = relationshipsNamespace + "/worksheet"
    static let stylesType = relationshipsNamespace + "/styles"

    static let workbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    static let worksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    static let stylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
    static let relationshipsContentType = "application/vnd.openxmlformats-package.relationships+xml"
}
