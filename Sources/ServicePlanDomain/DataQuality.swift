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
public struct Finding: Hashable, Sendable, Encodable {
    public let rule: String
    public let dimension: QualityDimension.RawValue
    public let severity: FindingSeverity.RawValue
    public let plan: String
    /// The item, as a person names it: `NI80`, `ULS 1`, `milestone 12 (ULS 1)`, `return`.
    public let item: String
    /// `2009-10-Q2`, when the finding is about one quarter.
    public let period: String?
    public let value: String?
    public let message: String
    public let fix: String
    /// The item the finding is about (a return line when it is about one quarter).
    public let subject: ItemReference
    /// Other items the message names, such as the indicator an objective links to. Who may see
    /// the finding is decided from these and the subject, never from the message's words.
    public let mentions: [ItemReference]

    enum CodingKeys: String, CodingKey {
        case rule, dimension, severity, plan, item, period, value, message, fix
    }

    public init(rule: DataQualityRule, subject: ItemReference, mentions: [ItemReference] = [], value: String? = nil,
                message: String, fix: String) {
        self.rule = rule.id
        dimension = rule.dimension.rawValue
        severity = rule.severity.rawValue
        plan = subject.plan
        item = subject.name
        period = subject.quarter?.identifier
        self.value = value
        self.message = message
        self.fix = fix
        self.subject = subject
        self.mentions = mentions
    }

    /// Every item the finding touches.
    public var references: [ItemReference] { [subject] + mentions }
}

/// A data-quality rule: an id, the dimension it serves and how serious a breach is.
public struct DataQualityRule: Hashable, Sendable {
    public let id: String
    public let dimension: QualityDimension
    public let severity: FindingSeverity
    public let summary: String
}
