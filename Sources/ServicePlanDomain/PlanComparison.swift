/// Two versions of a plan compared in words (issue #12, "plan versions compared"): the net of a
/// run of audit records, and one plain-English line per change. `serviceplan diff` prints these
/// lines and a plan's history links to them, so both say a change the same way. Values are the
/// audit trail's own display text, never re-formatted, so a line says exactly what was recorded.
public enum PlanComparison {
    /// The net change of a run of consecutive changes, oldest first (one array per version, as
    /// the audit trail groups them): per item and field, the value before the first change and
    /// after the last. Fields back where they started are dropped, and updates left with no
    /// field; an item created and deleted within the run never happened; deleted then created
    /// is an update. Items keep the order in which they first changed.
    public static func net(_ versions: [[ItemChange]]) -> [ItemChange] {
        var items: [NetItem] = []
        var index: [ItemID: Int] = [:]
        for change in versions.joined() {
            let id = ItemID(type: change.itemType, key: change.key)
            // A renamed indicator is recorded under its new ref; its earlier changes, under the
            // old one, are the same item's.
            if index[id] == nil, let old = renamedFrom(change), let earlier = index[ItemID(type: change.itemType, key: old)] {
                index[ItemID(type: change.itemType, key: old)] = nil
                index[id] = earlier
                items[earlier].key = change.key
            }
            if let i = index[id] {
                items[i].add(change)
            } else {
                index[id] = items.count
                items.append(NetItem(change))
            }
        }
        return cancellingReAdditions(items.compactMap(\.change))
    }

    /// A milestone, risk or action removed and later added back word for word gets a new storage
    /// id, so it nets as one removal and one addition of identical items: neither is a change.
    private static func cancellingReAdditions(_ changes: [ItemChange]) -> [ItemChange] {
        func content(_ c: ItemChange, old: Bool) -> [String] {
            [c.itemType] + c.fields.map { "\($0.field)\u{0}\((old ? $0.old : $0.new) ?? "")" }
        }
        var removed: [[String]: [Int]] = [:]
        for (i, c) in changes.enumerated() where c.action == .delete { removed[content(c, old: true), default: []].append(i) }
        var dropped = Set<Int>()
        for (i, c) in changes.enumerated() where c.action == .create {
            let key = content(c, old: false)
            if var candidates = removed[key], !candidates.isEmpty {
                dropped.insert(candidates.removeFirst())
                dropped.insert(i)
                removed[key] = candidates
            }
        }
        return changes.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }

    /// One line per change: one per changed field of an update (a milestone moved to another
    /// objective or year is one line), one for an item added or removed.
    public static func lines(_ changes: [ItemChange]) -> [String] {
        changes.flatMap { change -> [String] in
            switch change.action {
            case .create: return [existence(change, added: true)]
            case .delete: return [existence(change, added: false)]
            case .update:
                let lines = updated(change)
                return lines.isEmpty ? ["\(subject(change)) changed"] : lines
            }
        }
    }

    // MARK: - Net

    private struct ItemID: Hashable {
        let type: String
        let key: String
    }

    private static func renamedFrom(_ change: ItemChange) -> String? {
        guard change.action == .update, let ref = change.fields.first(where: { $0.field == "ref" }),
              let old = ref.old, old != change.key else { return nil }
        return old
    }

    /// One item's changes so far: whether it existed before the first and after the last, and
    /// each field's first old and last new value.
    private struct NetItem {
        let type: String
        var key: String
        let existedBefore: Bool
        var existsAfter: Bool
        var names: [String] = []
        var values: [String: (old: String?, new: String?)] = [:]

        init(_ change: ItemChange) {
            type = change.itemType
            key = change.key
            existedBefore = change.action != .create
            existsAfter = change.action != .delete
            add(change)
        }

        mutating func add(_ change: ItemChange) {
            existsAfter = change.action != .delete
            for field in change.fields {
                if let value = values[field.field] {
                    values[field.field] = (value.old, field.new)
                } else {
                    names.append(field.field)
                    values[field.field] = (field.old, field.new)
                }
            }
        }

        var change: ItemChange? {
            let action: ItemChange.Action
            switch (existedBefore, existsAfter) {
            case (true, true): action = .update
            case (false, true): action = .create
            case (true, false): action = .delete
            case (false, false): return nil
            }
            // Nothing was there before a creation, nor after a deletion, whatever the steps between say.
            let fields = names.compactMap { name -> ItemChange.Field? in
                guard let value = values[name] else { return nil }
                let old = action == .create ? nil : value.old, new = action == .delete ? nil : value.new
                return old == new ? nil : ItemChange.Field(field: name, old: old, new: new)
            }
            if action == .update && fields.isEmpty { return nil }
            return ItemChange(itemType: type, key: key, action: action, fields: fields)
        }
    }

    // MARK: - Lines

    /// `Indicator NI80 added: <title>`, `Milestone removed from ULS 1 (2010/11): <text>`.
    private static func existence(_ change: ItemChange, added: Bool) -> String {
        func value(_ name: String) -> String {
            change.fields.first { $0.field == name }.flatMap { added ? $0.new : $0.old } ?? ""
        }
        let verb = added ? "added" : "removed", preposition = added ? " to " : " from "
        switch change.itemType {
        case "milestone":
            let place = place(objective: value("objective"), year: value("year"))
            return "Milestone \(verb)\(place.map { preposition + $0 } ?? "")\(detail(value("text")))"
        case "risk":
            let objective = value("objective")
            return "Risk\(number(change.key)) \(verb)\(objective.isEmpty ? "" : preposition + oneLine(objective))\(detail(value("description")))"
        case "equalityAction":
            let area = value("area")
            return "Equality action\(number(change.key)) \(verb)\(area.isEmpty ? "" : " for " + oneLine(area))\(detail(value("action")))"
        default:
            return "\(typeName(change.itemType))\(change.key.isEmpty ? "" : " " + oneLine(change.key)) \(verb)\(detail(value("title")))"
        }
    }

    private static func updated(_ change: ItemChange) -> [String] {
        let subject = subject(change)
        // A rename comes first: the other lines already use the new ref.
        let fields = change.fields.filter { $0.field == "ref" } + change.fields.filter { $0.field != "ref" }
        var lines: [String] = []
        var saidMoved = false
        for f in fields {
            switch (change.itemType, f.field) {
            case ("milestone", "objective"), ("milestone", "year"), ("risk", "objective"):
                if !saidMoved { lines.append(moved(change)) }
                saidMoved = true
            case ("milestone", "text"):
                lines.append("\(subject) \(quoted(f.old)) reworded to \(quoted(f.new))")
            case ("milestone", "due"):
                lines.append("\(subject) due date moved from \(bare(f.old)) to \(bare(f.new))")
            case ("objective", "risk.initial"), ("objective", "risk.residual"), ("risk", "initial"), ("risk", "residual"):
                let which = f.field.hasSuffix("initial") ? "initial" : "residual"
                lines.append("\(subject) \(which) \(change.itemType == "risk" ? "score" : "risk") moved from \(bare(f.old)) to \(bare(f.new))")
            case ("indicator", "ref"):
                lines.append("Indicator \(bare(f.old)) renamed to \(bare(f.new))")
            case (_, "partII") where f.old == "false" && f.new == "true":
                lines.append("\(subject) marked Part II")
            case (_, "partII") where f.old == "true" && f.new == "false":
                lines.append("\(subject) no longer Part II")
            case (_, "owner"), (_, "responsibleOfficer"):
                lines.append("\(subject) \(label(f.field)) changed from \(bare(f.old)) to \(bare(f.new))")
            case ("indicator", let name) where name.hasPrefix("targets.") || name.hasPrefix("actuals."):
                let what = name.hasPrefix("targets.") ? "target" : "actual"
                lines.append("\(subject) \(what)\(forYear(name)) changed from \(bare(f.old)) to \(bare(f.new))")
            case ("indicator", let name) where name.hasPrefix("quartiles."):
                lines.append("\(subject) quartiles\(forYear(name)) changed from \(quoted(f.old)) to \(quoted(f.new))")
            default:
                lines.append("\(subject) \(label(f.field)) changed from \(quoted(f.old)) to \(quoted(f.new))")
            }
        }
        return lines
    }

    /// What an update's lines begin with. Objective and indicator refs (`ULS 1`, `NI80`) say
    /// what they are; other items are named by type, and where known by objective and year.
    private static func subject(_ change: ItemChange) -> String {
        let key = oneLine(change.key)
        func new(_ name: String) -> String? { change.fields.first { $0.field == name }?.new }
        switch change.itemType {
        case "objective" where !key.isEmpty, "indicator" where !key.isEmpty:
            return key
        case "milestone":
            let parsed = positional(change.key)
            let place = place(objective: new("objective") ?? parsed?.objective ?? "", year: new("year") ?? parsed?.year ?? "")
            return "Milestone\(parsed.map { " " + oneLine($0.number) } ?? number(change.key))\(place.map { " of " + $0 } ?? "")"
        case "risk":
            let objective = new("objective") ?? ""
            return "Risk\(number(change.key))\(objective.isEmpty ? "" : " of " + oneLine(objective))"
        case "equalityAction":
            return "Equality action\(number(change.key))"
        default:
            return typeName(change.itemType) + (key.isEmpty ? "" : " " + key)
        }
    }

    /// `Milestone #12 moved from ULS 1 (2010/11) to ULS 2 (2010/11)`, `Risk #3 moved from ULS 1 to ULS 2`.
    private static func moved(_ change: ItemChange) -> String {
        let objective = change.fields.first { $0.field == "objective" }, year = change.fields.first { $0.field == "year" }
        let from = place(objective: objective?.old ?? "", year: year?.old ?? ""), to = place(objective: objective?.new ?? "", year: year?.new ?? "")
        let name = change.itemType == "risk" ? "Risk" : "Milestone"
        return "\(name)\(number(change.key)) moved from \(from ?? "(none)") to \(to ?? "(none)")"
    }

    /// `ULS 1 (2010/11)`, `ULS 1`, `2010/11`; nil when neither is known.
    private static func place(objective: String, year: String) -> String? {
        switch (objective.isEmpty, year.isEmpty) {
        case (false, false): return "\(oneLine(objective)) (\(oneLine(year)))"
        case (false, true): return oneLine(objective)
        case (true, false): return oneLine(year)
        case (true, true): return nil
        }
    }

    /// A milestone not yet stored is keyed by place and position, `ULS 1 2010/11 #2` (see
    /// `ServicePlan.auditItems`): its objective, year and number, or nil for a storage id.
    private static func positional(_ key: String) -> (objective: String, year: String, number: String)? {
        guard let hash = key.lastIndex(of: "#"), hash > key.startIndex, key[key.index(before: hash)] == " " else { return nil }
        let head = key[..<hash].dropLast()
        guard let space = head.lastIndex(of: " ") else { return nil }
        let objective = head[..<space], year = head[head.index(after: space)...]
        guard !objective.isEmpty, FinancialYear(String(year)) != nil else { return nil }
        return (String(objective), String(year), String(key[hash...]))
    }

    /// ` #12` for a storage id, ` #3` for a position, nothing for no key.
    private static func number(_ key: String) -> String {
        if key.isEmpty { return "" }
        if key.hasPrefix("#") { return " " + oneLine(key) }
        return key.allSatisfy({ $0.isASCII && $0.isNumber }) ? " #" + key : " " + oneLine(key)
    }

    /// ` for 2010/11` from `targets.2010/11`.
    private static func forYear(_ field: String) -> String {
        guard let dot = field.firstIndex(of: ".") else { return "" }
        let year = field[field.index(after: dot)...]
        return year.isEmpty ? "" : " for " + oneLine(String(year))
    }

    private static func detail(_ text: String) -> String { text.isEmpty ? "" : ": " + oneLine(text) }

    /// A name or a figure as it stands: `Ann Smith`, `45`; `(none)` for nothing.
    private static func bare(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "(none)" }
        return oneLine(value)
    }

    /// Free text in quotes, so its edges show; `(none)` for no value, `(empty)` for an empty one.
    private static func quoted(_ value: String?) -> String {
        guard let value else { return "(none)" }
        return value.isEmpty ? "(empty)" : "\"\(oneLine(value))\""
    }

    /// The text with its line breaks written out (`\n`), so each change stays one line and a
    /// change of line breaks alone still shows.
    private static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "\r\n": out += "\\r\\n"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            default:
                out += c.isNewline ? c.unicodeScalars.map { "\\u{\(String($0.value, radix: 16, uppercase: true))}" }.joined() : String(c)
            }
        }
        return out
    }

    private static let typeNames = ["plan": "Plan", "objective": "Objective", "milestone": "Milestone", "indicator": "Indicator",
                                    "risk": "Risk", "equalityAction": "Equality action"]

    /// Field names whose words, split from camel case, would not read well.
    private static let labels = [
        "partII": "Part II", "ecmOutcomes": "ECM outcomes", "cyppPriorities": "CYPP priorities", "crossReferences": "cross-references",
        "indicators": "linked indicators", "key": "key indicator flag", "laa": "LAA flag", "corporatePlan": "corporate plan priorities",
        "neighbours": "statistical neighbours", "priorities": "corporate priorities", "action": "wording", "due": "due date",
    ]

    private static func typeName(_ type: String) -> String {
        typeNames[type] ?? (type.isEmpty ? "Item" : words(type).capitalisedFirst)
    }

    private static func label(_ field: String) -> String { labels[field] ?? words(field) }

    /// `responsibleOfficer` → `responsible officer`, `risk.initial` → `risk initial`.
    private static func words(_ name: String) -> String {
        var out = ""
        var previous: Character?
        for c in oneLine(name) {
            if c == "." || c == "_" {
                out.append(" ")
            } else if c.isUppercase, let p = previous, p.isLowercase || p.isNumber {
                out += " " + c.lowercased()
            } else {
                out.append(c)
            }
            previous = c
        }
        return out
    }
}
