/// The organisation a plan belongs to: council → directorate → department → divisions.
public struct Council: Hashable, Sendable {
    public var name: String
    public var directorate: String
    public var department: String
    public var divisions: [String]
    /// The council's ONS authority code (Halton: `E06000006`), to find its own value in national data.
    public var authorityCode: String?
    /// The council's comparison group ("statistical neighbours"): ONS codes of similar authorities.
    public var neighbours: [String]

    public init(name: String, directorate: String, department: String, divisions: [String],
                authorityCode: String? = nil, neighbours: [String] = []) {
        self.name = name
        self.directorate = directorate
        self.department = department
        self.divisions = divisions
        self.authorityCode = authorityCode
        self.neighbours = neighbours
    }

    /// An ONS local authority code: a letter and eight digits, e.g. `E06000006`.
    public static func checkAuthorityCode(_ code: String) throws(RuleViolation) {
        // ASCII only: `isNumber` alone would take "½" or Arabic-Indic digits.
        let bytes = code.utf8
        guard bytes.count == 9, let first = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first),
              bytes.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw RuleViolation(value: code, rule: "is not an ONS authority code (a capital letter and eight digits, e.g. E06000006)")
        }
    }
}

/// A corporate priority of the council (`CP3`) and its numbered Key Areas of Focus.
public struct CorporatePriority: Hashable, Sendable {
    public var number: Int
    public var title: String
    public var areasOfFocus: [AreaOfFocus]

    public init(number: Int, title: String, areasOfFocus: [AreaOfFocus]) {
        self.number = number
        self.title = title
        self.areasOfFocus = areasOfFocus
    }

    /// `CP3`, as indicator tables cite it.
    public var code: String { "CP\(number)" }
}

/// A numbered Key Area of Focus of the corporate plan (Appendix 3); numbers run council-wide.
public struct AreaOfFocus: Hashable, Sendable {
    public var number: Int
    public var title: String

    public init(number: Int, title: String) {
        self.number = number
        self.title = title
    }

    /// `AOF13`, as indicator tables cite it.
    public var code: String { "AOF\(number)" }
}
