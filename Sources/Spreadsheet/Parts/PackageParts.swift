import XMLCoder

/// `[Content_Types].xml`.
struct ContentTypesXML: Encodable {
    struct Default: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["Extension", "ContentType"] }
        var Extension: String
        var ContentType: String
    }

    struct Override: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["PartName", "ContentType"] }
        var PartName: String
        var ContentType: String
    }

    var defaults: [Default]
    var overrides: [Override]

    enum CodingKeys: String, CodingKey {
        case defaults = "Default"
        case overrides = "Override"
    }
}

/// A `.rels` part; used both to write and to read the package and workbook relationships.
struct RelationshipsXML: Codable {
    struct Relationship: Codable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["Id", "Type", "Target", "TargetMode"] }
        var Id: String
        var `Type`: String
        var Target: String
    }

    var relationships: [Relationship]

    enum CodingKeys: String, CodingKey {
        case relationships = "Relationship"
    }

    init(relationships: [Relationship]) {
        self.relationships = relationships
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        relationships = try container.decodeIfPresent([Relationship].self, forKey: .relationships) ?? []
    }
}
