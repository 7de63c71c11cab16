/// The limits every piece of text in a plan or a return is held to, declared once: the plan file
/// reader, the forms and the API all refuse text that breaks them, with the field named, and
/// store everything else exactly as sent — never cut.
public enum TextRules {
    /// What a piece of text is, and so how long it may be and what it may contain.
    public enum Kind: Sendable {
        /// A code or reference people type and URLs carry: `ULS`, `NI80`, `ULS LI1`, `E06000006`.
        case identifier
        /// A name or title on one line.
        case line
        /// Free text: commentary, notes, descriptions; line breaks allowed.
        case text

        /// The most characters (Unicode scalars) allowed.
        public var maximumLength: Int {
            switch self {
            case .identifier: return 64
            case .line: return 2_000
            case .text: return 20_000
            }
        }
    }

    /// The rule `text` breaks as a `kind`, or nil. `required` text must have more than spaces.
    public static func violation(_ text: String, _ kind: Kind, required: Bool) -> RuleViolation? {
        let scalars = text.unicodeScalars
        if scalars.count > kind.maximumLength {
            return RuleViolation(value: String(String.UnicodeScalarView(scalars.prefix(40))) + "…",
                                 rule: "is \(scalars.count) characters long; at most \(kind.maximumLength) are allowed")
        }
        // Free text keeps tabs and line breaks; a name or an identifier is one line of visible text.
        let allowedControls: Set<UInt32> = kind == .text ? [0x09, 0x0A, 0x0D] : []
        if let bad = scalars.first(where: { ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) && !allowedControls.contains($0.value) }) {
            let name = bad.value == 0 ? "a NUL character" : bad.value == 0x0A || bad.value == 0x0D ? "a line break"
                : bad.value == 0x09 ? "a tab" : "a control character"
            return RuleViolation(value: nil, rule: "contains \(name), which is not allowed here")
        }
        if kind != .text, let bad = scalars.first(where: Self.isInvisibleOrReordering) {
            return RuleViolation(value: nil, rule: "contains the invisible character U+\(Self.hex(bad)) (a format, separator or text-direction "
                                 + "control), which is not allowed in a name or code")
        }
        if kind == .identifier {
            // Codes and refs are typed on any keyboard and must read one way: Greek Ν and Cyrillic
            // А pass for N and A, a full-width ８ for 8, Ⅰ for I. Plain ASCII has no look-alikes
            // that NFKC or a confusables table would have to catch.
            if let bad = scalars.first(where: { !$0.isASCII || Self.isLookAlike($0) }) {
                return RuleViolation(value: text, rule: "contains U+\(Self.hex(bad)), which is not a plain letter, digit or sign (A–Z, a–z, "
                                     + "0–9, punctuation): a code or ref is typed on any keyboard and must not pass for another")
            }
            if !text.isBlank, text.contains("  ") || text.hasPrefix(" ") || text.hasSuffix(" ") {
                return RuleViolation(value: text, rule: "has two spaces together, or a space at an end, which a page shows as one or none")
            }
            if !text.isEmpty, text.allSatisfy({ $0 == "." }) {
                return RuleViolation(value: text, rule: "is only dots, which addresses read as a folder: choose letters or digits")
            }
        }
        if required && text.isBlank {
            return RuleViolation(value: text, rule: "is empty")
        }
        return nil
    }

    /// Format characters (zero-width space and joiners, soft hyphen, bidi embeddings, overrides
    /// and isolates such as U+202E), line and paragraph separators, private-use, surrogate and
    /// unassigned code points: they make two different names read alike, or reorder what is shown.
    static func isInvisibleOrReordering(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: return true
        default: return false
        }
    }

    /// A character NFKC would replace by another (full-width `８`, superscript `²`, ligature `ﬁ`,
    /// no-break space): in a code it makes a second `NI80` that reads as the first. Refused rather
    /// than rewritten, so what is stored is what was typed. Case is not a look-alike: `N` stays.
    static func isLookAlike(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return false }
        if (0xFF00...0xFFEF).contains(scalar.value) { return true }
        if scalar.properties.generalCategory == .spaceSeparator { return true }
        let p = scalar.properties
        return p.changesWhenNFKCCaseFolded && !p.changesWhenLowercased
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension ServicePlan {
    /// Every piece of text in the plan that breaks `TextRules`, with where it is.
    public func textViolations() -> [PlanViolation] {
        var found: [PlanViolation] = []
        func check(_ text: String, _ kind: TextRules.Kind, _ path: FieldPath, required: Bool = true) {
            if let v = TextRules.violation(text, kind, required: required) { found.append(PlanViolation(path, v)) }
        }
        func each(_ list: [String], _ kind: TextRules.Kind, _ path: FieldPath) {
            for (i, text) in list.enumerated() { check(text, kind, path[i]) }
        }
        let root = FieldPath.root
        check(code, .identifier, root["code"])
        check(title, .line, root["title"])
        each(notes, .text, root["notes"])
        let c = root["council"]
        check(council.name, .line, c["name"])
        check(council.directorate, .line, c["directorate"], required: false)
        check(council.department, .line, c["department"], required: false)
        each(council.divisions, .line, c["divisions"])
        if let code = council.authorityCode { check(code, .identifier, c["authorityCode"]) }
        each(council.neighbours, .identifier, c["neighbours"])
        for (p, priority) in priorities.enumerated() {
            check(priority.title, .line, root["priorities"][p]["title"])
            for (a, area) in priority.areasOfFocus.enumerated() {
                check(area.title, .line, root["priorities"][p]["areasOfFocus"][a]["title"])
            }
        }
        for (o, objective) in objectives.enumerated() {
            let path = root["objectives"][o]
            check(objective.ref, .identifier, path["ref"])
            check(objective.title, .line, path["title"])
            each(objective.cyppPriorities, .identifier, path["cyppPriorities"])
            each(objective.crossReferences, .identifier, path["crossReferences"])
            check(objective.responsibleOfficer, .line, path["responsibleOfficer"], required: false)
            each(objective.indicatorRefs, .identifier, path["indicators"])
            each(objective.notes, .text, path["notes"])
            if let owner = objective.owner { check(owner, .line, path["owner"]) }
            for (y, year) in objective.milestoneYears.enumerated() {
                for (m, milestone) in year.milestones.enumerated() {
                    check(milestone.text, .text, path["milestones"][y]["items"][m]["text"])
                }
            }
        }
        for (i, indicator) in indicators.enumerated() {
            let path = root["indicators"][i]
            check(indicator.ref, .identifier, path["ref"])
            check(indicator.title, .line, path["title"])
            each(indicator.corporatePlanCodes, .identifier, path["corporatePlan"])
            each(indicator.notes, .text, path["notes"])
            if let owner = indicator.owner { check(owner, .line, path["owner"]) }
        }
        for (r, risk) in risks.enumerated() {
            let path = root["risks"][r]
            check(risk.description, .text, path["description"])
            each(risk.treatment, .text, path["treatment"])
            each(risk.notes, .text, path["notes"])
        }
        for (e, action) in equalityActions.enumerated() {
            let path = root["equalityActions"][e]
            check(action.area, .line, path["area"])
            check(action.action, .text, path["action"])
            check(action.officers, .line, path["officers"], required: false)
        }
        for (c, cost) in budget.serviceCosts.enumerated() {
            check(cost.service, .line, root["budget"]["serviceCosts"][c]["service"])
        }
        return found
    }
}

extension QuarterlyReturn {
    /// Every piece of text in the return that breaks `TextRules`, with where it is.
    public func textViolations() -> [PlanViolation] {
        var found: [PlanViolation] = []
        func check(_ text: String?, _ path: FieldPath) {
            guard let text, let v = TextRules.violation(text, .text, required: false) else { return }
            found.append(PlanViolation(path, v))
        }
        let root = FieldPath.root
        check(keyDevelopments, root["keyDevelopments"])
        check(emergingIssues, root["emergingIssues"])
        check(unforeseenDevelopments, root["unforeseenDevelopments"])
        check(reopenReason, root["reopenReason"])
        for (ref, entry) in indicators.sorted(by: { $0.key < $1.key }) {
            check(entry.commentary, root["indicators"][ref]["commentary"])
            check(entry.overrideReason, root["indicators"][ref]["overrideReason"])
        }
        for (id, entry) in milestones.sorted(by: { $0.key < $1.key }) {
            check(entry.commentary, root["milestones"][String(id)]["commentary"])
        }
        for (id, text) in riskProgress.sorted(by: { $0.key < $1.key }) { check(text, root["risks"][String(id)]["progress"]) }
        for (id, text) in equalityProgress.sorted(by: { $0.key < $1.key }) { check(text, root["equalityActions"][String(id)]["progress"]) }
        return found
    }
}
