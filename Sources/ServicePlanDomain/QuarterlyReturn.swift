/// What a department reports for one quarter of one plan: the Quarterly Service Plan Monitoring
/// return. Computed judgements (status, direction, forecast) are not stored: see `ReturnAssessment`.
public struct QuarterlyReturn: Hashable, Sendable {
    public var planCode: String
    public var quarter: Quarter
    public var status: ReturnStatus
    /// By indicator ref.
    public var indicators: [String: IndicatorEntry]
    /// By milestone id.
    public var milestones: [Int64: MilestoneEntry]
    /// Progress on the mitigation of each HIGH risk, by risk id.
    public var riskProgress: [Int64: String]
    /// Progress on each equality action, by action id.
    public var equalityProgress: [Int64: String]
    public var keyDevelopments: String
    public var emergingIssues: String
    public var unforeseenDevelopments: String
    public var submittedBy: String?
    public var submittedAt: String?
    public var approvedBy: String?
    public var approvedAt: String?
    public var publishedBy: String?
    public var publishedAt: String?
    /// Why an admin last reopened it.
    public var reopenReason: String?
    /// Example data shipped for demonstration: labelled as such wherever it is shown.
    public var isExample: Bool

    public init(planCode: String, quarter: Quarter, status: ReturnStatus = .draft, indicators: [String: IndicatorEntry] = [:],
                milestones: [Int64: MilestoneEntry] = [:], riskProgress: [Int64: String] = [:], equalityProgress: [Int64: String] = [:],
                keyDevelopments: String = "", emergingIssues: String = "", unforeseenDevelopments: String = "",
                isExample: Bool = false) {
        self.planCode = planCode
        self.quarter = quarter
        self.status = status
        self.indicators = indicators
        self.milestones = milestones
        self.riskProgress = riskProgress
        self.equalityProgress = equalityProgress
        self.keyDevelopments = keyDevelopments
        self.emergingIssues = emergingIssues
        self.unforeseenDevelopments = unforeseenDevelopments
        self.isExample = isExample
    }
}

/// One indicator's line in a return.
public struct IndicatorEntry: Hashable, Sendable {
    public var actual: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var commentary: String
    /// An officer's own status, which reports show beside the computed one; needs a reason.
    public var override: RAGStatus?
    public var overrideReason: String?
    /// The officer started the commentary from serviceplan's draft (`DraftCommentary`) and kept it,
    /// edited or not; the audit trail records it. False whenever there is no commentary.
    public var commentaryFromDraft: Bool

    public init(actual: Double? = nil, numerator: Double? = nil, denominator: Double? = nil, commentary: String = "",
                override: RAGStatus? = nil, overrideReason: String? = nil, commentaryFromDraft: Bool = false) {
        self.actual = actual
        self.numerator = numerator
        self.denominator = denominator
        self.commentary = commentary
        self.override = override
        self.overrideReason = overrideReason
        self.commentaryFromDraft = commentaryFromDraft
    }

    /// Checks the entry against the indicator's unit and derives the actual from a numerator and
    /// denominator when both are given (× 100 for a percentage). Throws the first rule broken.
    public func checked(for indicator: Indicator) throws(PlanViolation) -> IndicatorEntry {
        var entry = self
        switch (numerator, denominator) {
        case let (n?, d?):
            do { try Figure.checkMagnitude(n) } catch { throw PlanViolation(FieldPath.root["numerator"], error) }
            do { try Figure.checkMagnitude(d) } catch { throw PlanViolation(FieldPath.root["denominator"], error) }
            guard d > 0 else { throw PlanViolation(FieldPath.root["denominator"], RuleViolation(value: Figure.format(d), rule: "is not above 0")) }
            guard n >= 0 else { throw PlanViolation(FieldPath.root["numerator"], RuleViolation(value: Figure.format(n), rule: "is below 0")) }
            if indicator.unit == .percentage && n > d {
                throw PlanViolation(FieldPath.root["numerator"], RuleViolation(value: Figure.format(n), rule: "is larger than the denominator \(Figure.format(d))"))
            }
            let derived = indicator.unit == .percentage ? n / d * 100 : n / d
            // An actual given as well must agree with the division, allowing rounding to one decimal place.
            if let given = actual, abs(given - derived) > 0.05 + 1e-9 {
                throw PlanViolation(FieldPath.root["actual"], RuleViolation(
                    value: Figure.format(given), rule: "does not match numerator ÷ denominator (\(Figure.format((derived * 100).rounded() / 100)))"))
            }
            entry.actual = derived
        case (nil, nil):
            break
        default:
            throw PlanViolation(FieldPath.root[numerator == nil ? "numerator" : "denominator"],
                                RuleViolation(value: nil, rule: "is needed with the \(numerator == nil ? "denominator" : "numerator")"))
        }
        if let actual = entry.actual {
            guard actual.isFinite else { throw PlanViolation(FieldPath.root["actual"], RuleViolation(value: String(actual), rule: "is not a number")) }
            do { try indicator.unit.check(actual) } catch { throw PlanViolation(FieldPath.root["actual"], error) }
        }
        // Every field sent is checked, also one about to be dropped: a reason sent without an
        // override is not kept, but it may not hold what no field may.
        if let reason = entry.overrideReason, let broken = TextRules.violation(reason, .text, required: false) {
            throw PlanViolation(FieldPath.root["overrideReason"], broken)
        }
        if entry.override != nil, (entry.overrideReason ?? "").isBlank {
            throw PlanViolation(FieldPath.root["overrideReason"], RuleViolation(value: nil, rule: "is required to override the computed status"))
        }
        if entry.override == nil { entry.overrideReason = nil }
        if entry.commentary.trimmingSpaces.isEmpty { entry.commentaryFromDraft = false }
        return entry
    }
}

/// One milestone's line in a return.
public struct MilestoneEntry: Hashable, Sendable {
    public var status: MilestoneStatus?
    public var commentary: String

    public init(status: MilestoneStatus? = nil, commentary: String = "") {
        self.status = status
        self.commentary = commentary
    }
}
