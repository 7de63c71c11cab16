import ServicePlanDomain
import ServicePlanStore

/// Submitted or stored values of a form, by field name (checkbox groups have several).
typealias FormValues = [String: [String]]

extension FormValues {
    func one(_ name: String) -> String { self[name]?.first ?? "" }
}

extension FormData {
    var values: FormValues {
        var out: FormValues = [:]
        for (name, value) in pairs { out[name, default: []].append(value) }
        return out
    }
}

/// How one kind of item appears as an HTML form: its fields, how submitted values become the
/// item's document, and which field a broken rule belongs to.
struct ItemForm<D: Codable & Sendable & Equatable>: Sendable {
    let kind: ItemKind<D>
    /// `Edit indicator NI80`, `Add an indicator`.
    let heading: @Sendable (D?) -> String
    /// The stored item as form values.
    let values: @Sendable (D) -> FormValues
    /// Blank values for a new item (with sensible defaults).
    let blank: @Sendable (ServicePlan, FormValues) -> FormValues
    let fields: @Sendable (FormValues, ServicePlan, User?) -> [FormField]
    /// The submitted values as a document (starting from the stored one), or the fields in error.
    let parse: @Sendable (FormValues, D?, ServicePlan) -> (D?, [(field: String, message: String)])
    /// The form field for a rule broken at `path` (relative to the item), if any.
    let field: @Sendable (FieldPath) -> String?
    /// Where the item appears on the plan page.
    let anchor: @Sendable (D) -> String
}

/// Small parsers shared by the forms: each returns the value or records an error for the field.
struct FormReader {
    let values: FormValues
    var errors: [(field: String, message: String)] = []

    init(_ values: FormValues) {
        self.values = values
    }

    mutating func required(_ name: String, _ what: String) -> String {
        let text = values.one(name).trimmingSpaces
        if text.isEmpty { errors.append((name, "Enter \(what)")) }
        return text
    }

    func optional(_ name: String) -> String? {
        let text = values.one(name).trimmingSpaces
        return text.isEmpty ? nil : text
    }

    /// One entry per line, blank lines dropped.
    func lines(_ name: String) -> [String] {
        values.one(name).split(whereSeparator: \.isNewline).map { String($0).trimmingSpaces }.filter { !$0.isBlank }
    }

    /// Items separated by commas or semicolons.
    func list(_ name: String) -> [String] {
        values.one(name).split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    mutating func figure(_ name: String, _ label: String) -> Figure? {
        let text = values.one(name).trimmingSpaces
        guard !text.isEmpty else { return nil }
        do {
            return try Figure(parsing: text)
        } catch {
            errors.append((name, "\(label) must be a number or one of: \(MissingReason.allowedList)"))
            return nil
        }
    }

    mutating func integers(_ name: String, _ label: String) -> [Int] {
        var out: [Int] = []
        for item in list(name) {
            guard let n = Int(item) else {
                errors.append((name, "\(label) must be whole numbers separated by commas"))
                return []
            }
            out.append(n)
        }
        return out
    }

    /// A risk assessment from `<prefix>-likelihood` and `<prefix>-severity` (1–4 or blank).
    /// Both blank keeps what the plan had when it had no score (a band known without one).
    mutating func assessment(_ prefix: String, _ label: String, keeping old: PlanDocument.AssessmentDocument?) -> PlanDocument.AssessmentDocument {
        let l = Int(values.one("\(prefix)-likelihood")), s = Int(values.one("\(prefix)-severity"))
        switch (l, s) {
        case let (l?, s?):
            do { return PlanDocument.AssessmentDocument(.rated(try RiskRating(likelihood: l, severity: s))) } catch {
                errors.append(("\(prefix)-\((1...4).contains(l) ? "severity" : "likelihood")", "\(label.capitalisedFirst): \(error)"))
                return old ?? PlanDocument.AssessmentDocument(.unknown(.unknown))
            }
        case (nil, nil):
            if let old, old.score == nil { return old }
            if let old, let score = old.score, old.likelihood == nil, let rating = try? RiskRating(score: score) {
                return PlanDocument.AssessmentDocument(.rated(rating))
            }
            return PlanDocument.AssessmentDocument(.unknown(.unknown))
        default:
            errors.append(("\(prefix)-\(l == nil ? "likelihood" : "severity")", "Choose both the likelihood and the severity of the \(label), or neither"))
            return old ?? PlanDocument.AssessmentDocument(.unknown(.unknown))
        }
    }
}

extension FormField {
    /// The Part II checkbox, shown only to plan managers.
    static func partII(_ v: FormValues) -> FormField {
        FormField("partII", "Part II (exempt information): never shown to the public", kind: .checkbox,
                  value: v["partII"]?.isEmpty == false ? "yes" : "", options: [("yes", "Part II")])
    }

    static func notes(_ v: FormValues) -> FormField {
        FormField("notes", "Notes", kind: .textarea, value: v.one("notes"), hint: "One note per line")
    }

    /// What only plan managers may set (the owner, when the item has one, and Part II), then notes.
    static func closing(_ v: FormValues, _ plan: ServicePlan, _ user: User?, ownerHint: String?) -> [FormField] {
        var fields: [FormField] = []
        if Permissions.canManagePlan(user, plan) {
            if let ownerHint { fields.append(FormField("owner", "Owner's email", kind: .email, value: v.one("owner"), hint: ownerHint)) }
            fields.append(.partII(v))
        }
        return fields + [.notes(v)]
    }

    /// Likelihood or severity: 1–4, or not known.
    static func factor(_ name: String, _ label: String, value: String, hint: String? = nil) -> FormField {
        FormField(name, label, kind: .select, value: value, hint: hint,
                  options: [("", "Not known")] + (1...4).map { (String($0), String($0)) })
    }

    static func choice<T: Choice>(_ name: String, _ label: String, _ type: T.Type, value: String, kind: Kind = .radios,
                                  labels: (T) -> String, hint: String? = nil) -> FormField {
        FormField(name, label, kind: kind, value: value, hint: hint, options: T.allCases.map { ($0.rawValue, labels($0)) })
    }
}

extension PlanDocument.AssessmentDocument {
    /// Form values for an assessment's two factors.
    func formValues(_ prefix: String) -> FormValues {
        ["\(prefix)-likelihood": [likelihood.map(String.init) ?? ""], "\(prefix)-severity": [severity.map(String.init) ?? ""]]
    }

    /// `score 12 (HIGH)`, for hints that say what is stored now.
    var summary: String {
        if let score, let band { return "now: score \(score), \(band.uppercased())" + (likelihood == nil ? " (likelihood and severity not recorded)" : "") }
        if let band { return "now: \(band.uppercased()), score \(missing ?? "unknown")" }
        return "now: \(missing ?? "not known")"
    }
}
