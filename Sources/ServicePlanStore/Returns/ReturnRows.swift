import ServicePlanDomain

/// Table records for quarterly returns (see `Schema004`).
enum ReturnRows {
    struct Return: Codable {
        var planCode: String
        var period: String
        var status: String
        var keyDevelopments: String
        var emergingIssues: String
        var unforeseenDevelopments: String
        var submittedBy: String?
        var submittedAt: String?
        var approvedBy: String?
        var approvedAt: String?
        var publishedBy: String?
        var publishedAt: String?
        var reopenReason: String?
        var example: Int
    }

    struct IndicatorLine: Codable {
        var planCode: String
        var period: String
        var indicatorRef: String
        var actual: Double?
        var numerator: Double?
        var denominator: Double?
        var commentary: String
        var overrideStatus: String?
        var overrideReason: String?
        var commentaryFromDraft: Int
    }

    struct MilestoneLine: Codable {
        var planCode: String
        var period: String
        var milestoneId: Int64
        var status: String?
        var commentary: String
    }

    struct Progress: Codable {
        var planCode: String
        var period: String
        var kind: String
        var itemId: Int64
        var progress: String
    }
}

extension QuarterlyReturn {
    /// The return as auditable items: its narrative and status, and each line.
    var auditItems: [(type: String, key: String, fields: [(String, String)])] {
        let p = quarter.identifier
        var items: [(type: String, key: String, fields: [(String, String)])] = [("return", p, [
            ("status", status.rawValue), ("keyDevelopments", keyDevelopments), ("emergingIssues", emergingIssues),
            ("unforeseenDevelopments", unforeseenDevelopments), ("reopenReason", reopenReason ?? ""),
        ])]
        for (ref, e) in indicators.sorted(by: { $0.key < $1.key }) {
            items.append(("returnIndicator", "\(p) \(ref)", [
                ("actual", e.actual.map(Figure.format) ?? ""), ("numerator", e.numerator.map(Figure.format) ?? ""),
                ("denominator", e.denominator.map(Figure.format) ?? ""), ("commentary", e.commentary),
                ("override", e.override?.rawValue ?? ""), ("overrideReason", e.overrideReason ?? ""),
                ("commentaryFromDraft", e.commentaryFromDraft ? "yes: the commentary started from serviceplan's draft" : ""),
            ]))
        }
        for (id, e) in milestones.sorted(by: { $0.key < $1.key }) {
            items.append(("returnMilestone", "\(p) \(id)", [("status", e.status?.rawValue ?? ""), ("commentary", e.commentary)]))
        }
        for (id, text) in riskProgress.sorted(by: { $0.key < $1.key }) {
            items.append(("returnRisk", "\(p) \(id)", [("progress", text)]))
        }
        for (id, text) in equalityProgress.sorted(by: { $0.key < $1.key }) {
            items.append(("returnEqualityAction", "\(p) \(id)", [("progress", text)]))
        }
        return items
    }

    /// The items that differ between two versions of a return (either may be absent).
    static func changes(from old: QuarterlyReturn?, to new: QuarterlyReturn) -> [ItemChange] {
        let before = Dictionary((old?.auditItems ?? []).map { ("\($0.type)\u{0}\($0.key)", $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [ItemChange] = []
        for item in new.auditItems {
            let id = "\(item.type)\u{0}\(item.key)"
            let previous = Dictionary((before[id]?.fields ?? []).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
            let fields = item.fields.compactMap { name, value -> ItemChange.Field? in
                let was = previous[name]
                if was == value || (was == nil && value.isEmpty) { return nil }
                return ItemChange.Field(field: name, old: was, new: value)
            }
            if !fields.isEmpty {
                changes.append(ItemChange(itemType: item.type, key: item.key, action: before[id] == nil ? .create : .update, fields: fields))
            }
        }
        // Lines taken out of the return (an actual cleared) are recorded too.
        let remaining = Set(new.auditItems.map { "\($0.type)\u{0}\($0.key)" })
        for (id, item) in before.sorted(by: { $0.key < $1.key }) where !remaining.contains(id) {
            changes.append(ItemChange(itemType: item.type, key: item.key, action: .delete,
                                      fields: item.fields.filter { !$0.1.isEmpty }.map { .init(field: $0.0, old: $0.1, new: nil) }))
        }
        return changes
    }
}
