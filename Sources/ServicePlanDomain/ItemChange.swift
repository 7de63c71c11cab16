/// One changed item of a plan, field by field: what the audit trail records for every change,
/// however it was made (form, API, import, command line).
public struct ItemChange: Hashable, Sendable {
    public enum Action: String, Choice {
        case create, update, delete
    }

    public struct Field: Hashable, Sendable, Codable {
        public let field: String
        public let old: String?
        public let new: String?

        public init(field: String, old: String?, new: String?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// `plan`, `objective`, `milestone`, `indicator`, `risk`, `equalityAction`.
    public let itemType: String
    /// The item's ref or id: `ULS 1`, `NI80`, `12`.
    public let key: String
    public let action: Action
    public let fields: [Field]

    public init(itemType: String, key: String, action: Action, fields: [Field]) {
        self.itemType = itemType
        self.key = key
        self.action = action
        self.fields = fields
    }
}

extension ServicePlan {
    /// Every item that differs between `old` and `new` (either may be absent: a first import, a
    /// deletion), with the fields that changed. Items are matched by ref or storage id.
    /// A renamed indicator (`renamingIndicators`, old ref → new ref) is one item: its change is
    /// an update of the new ref whose fields include `ref`, not a deletion and a creation.
    public static func changes(from old: ServicePlan?, to new: ServicePlan?, renamingIndicators renames: [String: String] = [:]) -> [ItemChange] {
        let stored = new.map(\.auditItems) ?? []
        let before = (old.map(\.auditItems) ?? []).map { item -> AuditItem in
            guard item.type == "indicator", let to = renames[item.key], to != item.key else { return item }
            return AuditItem(type: item.type, key: to, fields: [("ref", item.key)] + item.fields)
        }
        let after = stored.map { item -> AuditItem in
            guard item.type == "indicator", renames.contains(where: { $0.value == item.key && $0.key != item.key }) else { return item }
            return AuditItem(type: item.type, key: item.key, fields: [("ref", item.key)] + item.fields)
        }
        var changes: [ItemChange] = []
        let beforeByID = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let afterIDs = Set(after.map(\.id))
        for item in after {
            if let previous = beforeByID[item.id] {
                let fields = Self.diff(previous.fields, item.fields)
                if !fields.isEmpty {
                    changes.append(ItemChange(itemType: item.type, key: item.key, action: .update, fields: fields))
                }
            } else {
                changes.append(ItemChange(itemType: item.type, key: item.key, action: .create,
                                          fields: item.fields.map { .init(field: $0.0, old: nil, new: $0.1) }))
            }
        }
        for item in before where !afterIDs.contains(item.id) {
            changes.append(ItemChange(itemType: item.type, key: item.key, action: .delete,
                                      fields: item.fields.map { .init(field: $0.0, old: $0.1, new: nil) }))
        }
        return changes
    }

    private static func diff(_ a: [(String, String)], _ b: [(String, String)]) -> [ItemChange.Field] {
        let old = Dictionary(a, uniquingKeysWith: { x, _ in x }), new = Dictionary(b, uniquingKeysWith: { x, _ in x })
        var names = a.map(\.0)
        for (name, _) in b where old[name] == nil { names.append(name) }
        return names.compactMap { name in
            old[name] == new[name] ? nil : ItemChange.Field(field: name, old: old[name], new: new[name])
        }
    }

    /// The plan flattened into auditable items of text fields.
    struct AuditItem {
        let type: String
        let key: String
        var id: String { "\(type)\u{0}\(key)" }
        let fields: [(String, String)]
    }

    var auditItems: [AuditItem] {
        var items: [AuditItem] = [AuditItem(type: "plan", key: code, fields: [
            ("title", title), ("status", status.rawValue), ("period", period.label),
            ("council", "\(council.name) / \(council.directorate) / \(council.department)"),
            ("divisions", council.divisions.joined(separator: "; ")),
            ("authorityCode", council.authorityCode ?? ""), ("neighbours", council.neighbours.joined(separator: ", ")),
            ("priorities", priorities.map { "\($0.code) \($0.title) (\($0.areasOfFocus.map { String($0.number) }.joined(separator: ", ")))" }
                .joined(separator: "; ")),
            ("areasOfFocus", areasOfFocus.map { "\($0.number): \($0.title)" }.joined(separator: "; ")),
            ("keyAreasOfFocus", keyAreasOfFocus.map(String.init).joined(separator: ", ")),
            ("budget", budget.auditText),
            ("staffing", staffing.map { s in "\(s.year.label): " + s.fte.map { "\($0.division) \(Figure.format($0.fte))" }.joined(separator: ", ") }
                .joined(separator: "; ")),
            ("notes", notes.joined(separator: " | ")),
        ])]
        for o in objectives {
            items.append(AuditItem(type: "objective", key: o.ref, fields: [
                ("title", o.title), ("areasOfFocus", o.areasOfFocus.map(String.init).joined(separator: ", ")),
                ("ecmOutcomes", o.ecmOutcomes.map(\.rawValue).joined(separator: ", ")),
                ("cyppPriorities", o.cyppPriorities.joined(separator: ", ")),
                ("crossReferences", o.crossReferences.joined(separator: ", ")),
                ("responsibleOfficer", o.responsibleOfficer), ("owner", o.owner ?? ""),
                ("risk.initial", o.risk.initial.auditText), ("risk.residual", o.risk.residual.auditText),
                ("indicators", o.indicatorRefs.joined(separator: ", ")),
                ("milestoneYears", o.milestoneYears.map { y in
                    if case .missing(let r) = y.entries { return "\(y.year.label): \(r.rawValue)" }
                    return "\(y.year.label): listed"
                }.joined(separator: "; ")),
                ("notes", o.notes.joined(separator: " | ")), ("partII", String(o.partII)),
            ]))
            for y in o.milestoneYears {
                for (position, m) in y.milestones.enumerated() {
                    // A milestone not yet stored has no id; its position stands in until it has one.
                    let key = m.id.map(String.init) ?? "\(o.ref) \(y.year.label) #\(position + 1)"
                    items.append(AuditItem(type: "milestone", key: key, fields: [
                        ("objective", o.ref), ("year", y.year.label), ("text", m.text), ("due", m.due.description),
                    ]))
                }
            }
        }
        for i in indicators {
            var fields: [(String, String)] = [
                ("title", i.title), ("category", i.category.rawValue), ("scope", i.scope.rawValue), ("key", i.isKey.rawValue),
                ("laa", i.inLocalAreaAgreement.rawValue), ("unit", i.unit.rawValue), ("polarity", i.polarity.rawValue),
                ("aggregation", i.aggregation.rawValue),
                ("corporatePlan", i.corporatePlanCodes.joined(separator: "; ")),
                ("baseline", "\(i.baseline.year.label): \(i.baseline.value.text)"),
            ]
            for (year, q) in i.quartiles.sorted(by: { $0.key < $1.key }) {
                fields.append(("quartiles.\(year.label)", "\(q.top.text) / \(q.middle.text) / \(q.bottom.text)"))
            }
            for (year, f) in i.targets.sorted(by: { $0.key < $1.key }) { fields.append(("targets.\(year.label)", f.text)) }
            for (year, f) in i.actuals.sorted(by: { $0.key < $1.key }) { fields.append(("actuals.\(year.label)", f.text)) }
            fields += [("owner", i.owner ?? ""), ("notes", i.notes.joined(separator: " | ")), ("partII", String(i.partII)),
                       ("profile", i.profile?.text ?? "")]
            items.append(AuditItem(type: "indicator", key: i.ref, fields: fields))
        }
        for (position, r) in risks.enumerated() {
            items.append(AuditItem(type: "risk", key: r.id.map(String.init) ?? "#\(position + 1)", fields: [
                ("objective", r.objectiveRef), ("description", r.description), ("treatment", r.treatment.joined(separator: " | ")),
                ("initial", r.initial.auditText), ("residual", r.residual.auditText),
                ("notes", r.notes.joined(separator: " | ")), ("partII", String(r.partII)),
            ]))
        }
        for (position, e) in equalityActions.enumerated() {
            items.append(AuditItem(type: "equalityAction", key: e.id.map(String.init) ?? "#\(position + 1)", fields: [
                ("area", e.area), ("impact", e.impact.rawValue), ("action", e.action),
                ("years", e.years.map(\.label).joined(separator: ", ")), ("officers", e.officers), ("partII", String(e.partII)),
            ]))
        }
        return items
    }
}

extension RiskAssessment {
    /// `12 (high)`, `high, score Unknown`, `Unknown`.
    public var auditText: String {
        switch self {
        case .rated(let r):
            if let l = r.likelihood, let s = r.severity { return "\(r.score) (\(r.band.rawValue); \(l) × \(s))" }
            return "\(r.score) (\(r.band.rawValue))"
        case .bandOnly(let band, let reason): return "\(band.rawValue), score \(reason.rawValue)"
        case .unknown(let reason): return reason.rawValue
        }
    }
}

extension ServicePlan {
    /// This plan with the storage ids of `old` given to items that have none and are the same
    /// item: a milestone with the same objective, year and text; a risk with the same objective
    /// and description; an action with the same area and wording. A plan file carries no ids, so
    /// without this every re-import would read as deleting and re-adding them. Matching by
    /// content, never by position, so quarterly commentary can never attach to a different item.
    public func adoptingIDs(from old: ServicePlan?) -> ServicePlan {
        // Ids are the database's: an id the stored plan does not hold (one copied from another
        // plan, or made up) is dropped, so it can neither collide with nor take over another item.
        var plan = keepingOnlyIDs(of: old)
        guard let old else { return plan }
        // Ids are per table: milestone 1 and risk 1 are different items.
        var used = Set<Int64>()
        for o in plan.objectives.indices {
            guard let previous = old.objective(plan.objectives[o].ref) else { continue }
            for y in plan.objectives[o].milestoneYears.indices {
                let year = plan.objectives[o].milestoneYears[y]
                guard case .listed(var items) = year.entries,
                      let before = previous.milestoneYears.first(where: { $0.year == year.year })?.milestones else { continue }
                for i in items.indices where items[i].id == nil {
                    if let match = before.first(where: { $0.text == items[i].text && $0.id.map { !used.contains($0) } == true }) {
                        items[i].id = match.id
                        used.insert(match.id!)
                    }
                }
                plan.objectives[o].milestoneYears[y].entries = .listed(items)
            }
        }
        used = []
        for r in plan.risks.indices where plan.risks[r].id == nil {
            if let match = old.risks.first(where: { $0.objectiveRef == plan.risks[r].objectiveRef && $0.description == plan.risks[r].description
                                                    && $0.id.map { !used.contains($0) } == true }) {
                plan.risks[r].id = match.id
                used.insert(match.id!)
            }
        }
        used = []
        for e in plan.equalityActions.indices where plan.equalityActions[e].id == nil {
            if let match = old.equalityActions.first(where: { $0.area == plan.equalityActions[e].area && $0.action == plan.equalityActions[e].action
                                                             && $0.id.map { !used.contains($0) } == true }) {
                plan.equalityActions[e].id = match.id
                used.insert(match.id!)
            }
        }
        return plan
    }

    /// The plan with every milestone, risk and equality-action id that `old` does not hold removed.
    func keepingOnlyIDs(of old: ServicePlan?) -> ServicePlan {
        let milestones = Set(old?.objectives.flatMap { $0.milestoneYears.flatMap(\.milestones) }.compactMap(\.id) ?? [])
        let risks = Set(old?.risks.compactMap(\.id) ?? []), actions = Set(old?.equalityActions.compactMap(\.id) ?? [])
        var plan = self
        for o in plan.objectives.indices {
            for y in plan.objectives[o].milestoneYears.indices {
                guard case .listed(var items) = plan.objectives[o].milestoneYears[y].entries else { continue }
                for i in items.indices where items[i].id.map({ !milestones.contains($0) }) == true { items[i].id = nil }
                plan.objectives[o].milestoneYears[y].entries = .listed(items)
            }
        }
        for r in plan.risks.indices where plan.risks[r].id.map({ !risks.contains($0) }) == true { plan.risks[r].id = nil }
        for e in plan.equalityActions.indices where plan.equalityActions[e].id.map({ !actions.contains($0) }) == true {
            plan.equalityActions[e].id = nil
        }
        return plan
    }
}
