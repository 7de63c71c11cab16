/// The six dimensions of good data quality in the council's data-quality strategy (plan section 5.3).
public enum QualityDimension: String, Choice {
    case accurate, valid, reliable, timely, relevant, complete

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// What the strategy asks of data in this dimension.
    public var meaning: String {
        switch self {
        case .accurate: return "For its intended purpose"
        case .valid: return "Consistently recorded and used in compliance with predetermined definitions and rules"
        case .reliable: return "Reflecting stable and consistent data collection processes"
        case .timely: return "Made available as soon as possible after the activity or event"
        case .relevant: return "For the purpose intended"
        case .complete: return "Monitoring of incomplete, missing or invalid data is avoided"
        }
    }
}

public enum FindingSeverity: String, Choice, Comparable {
    case error, warning, info

    public static func < (a: FindingSeverity, b: FindingSeverity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Something a data-quality rule found: where, what is wrong, and how to put it right.
public struct Finding: Hashable, Sendable, Codable {
    public let rule: String
    public let dimension: QualityDimension.RawValue
    public let severity: FindingSeverity.RawValue
    public let plan: String
    /// The item, as a person names it: `NI80`, `ULS 1`, `milestone 12`, `return`.
    public let item: String
    /// `2009-10-Q2`, when the finding is about one quarter.
    public let period: String?
    public let value: String?
    public let message: String
    public let fix: String

    public init(rule: DataQualityRule, plan: String, item: String, period: Quarter? = nil, value: String? = nil, message: String, fix: String) {
        self.rule = rule.id
        dimension = rule.dimension.rawValue
        severity = rule.severity.rawValue
        self.plan = plan
        self.item = item
        self.period = period?.identifier
        self.value = value
        self.message = message
        self.fix = fix
    }
}

/// A data-quality rule: an id, the dimension it serves and how serious a breach is.
public struct DataQualityRule: Hashable, Sendable {
    public let id: String
    public let dimension: QualityDimension
    public let severity: FindingSeverity
    public let summary: String
}
