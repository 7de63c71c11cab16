import ServicePlanDomain
import ServicePlanStore

extension ItemForms {
    // MARK: Risk

    static let risk = ItemForm<PlanDocument.RiskDocument>(
        kind: ItemKinds.risk,
        heading: { $0.map { "Edit a risk to \($0.objective)" } ?? "Add a risk" },
        values: { d in
            var v: FormValues = ["objective": [d.objective], "description": [d.description],
                                 "treatment": [d.treatment.joined(separator: "\n")], "notes": [d.notes.joined(separator: "\n")],
                                 "partII": d.partII ? ["yes"] : []]
            v.merge(d.initial.formValues("initial")) { a, _ in a }
            v.merge(d.residual.formValues("residual")) { a, _ in a }
            v["initial-now"] = [d.initial.summary]
            v["residual-now"] = [d.residual.summary]
            return v
        },
        blank: { _, query in ["objective": [query.one("objective")]] },
        fields: { v, plan, user in
            let fields: [FormField] = [
                FormField("objective", "Objective at risk", kind: .select, value: v.one("objective"),
                          options: plan.objectives.filter { Permissions.canEditObjective(user, $0, in: plan) }.map { ($0.ref, "\($0.ref): \($0.title)") }),
                FormField("description", "Risk identified", kind: .textarea, value: v.one("description")),
                FormField("treatment", "Risk treatment measures", kind: .textarea, value: v.one("treatment"), hint: "One measure per line"),
                .factor("initial-likelihood", "Initial likelihood", value: v.one("initial-likelihood"),
                        hint: "Score = likelihood × severity: 1–4 LOW, 5–10 MEDIUM, 11–16 HIGH. \(v.one("initial-now").capitalisedFirst)"),
                .factor("initial-severity", "Initial severity", value: v.one("initial-severity")),
                .factor("residual-likelihood", "Residual likelihood", value: v.one("residual-likelihood"),
                        hint: "After the treatment measures. \(v.one("residual-now").capitalisedFirst)"),
                .factor("residual-severity", "Residual severity", value: v.one("residual-severity")),
            ]
            return fields + FormField.closing(v, plan, user, ownerHint: nil)
        },
        parse: { v, old, _ in
            var r = FormReader(v)
            let objective = r.required("objective", "the objective at risk")
            let description = r.required("description", "the risk")
            let initial = r.assessment("initial", "initial risk", keeping: old?.initial)
            let residual = r.assessment("residual", "residual risk", keeping: old?.residual)
            guard r.errors.isEmpty else { return (nil, r.errors) }
            var d = old ?? PlanDocument.RiskDocument(Risk(objectiveRef: "", description: "", treatment: [],
                                                          initial: .unknown(.unknown), residual: .unknown(.unknown)))
            d.objective = objective
            d.description = description
            d.treatment = r.lines("treatment")
            d.initial = initial
            d.residual = residual
            d.notes = r.lines("notes")
            d.partII = checkbox(v, "partII", else: old?.partII ?? false)
            return (d, [])
        },
        field: { path in
            guard case .key(let first)? = path.components.first else { return nil }
            return ["initial", "residual"].contains(first) ? "\(first)-likelihood" : first
        },
        anchor: { _ in "#risks" })

    // MARK: Equality action

    static let equalityAction = ItemForm<PlanDocument.EqualityActionDocument>(
        kind: ItemKinds.equalityAction,
        heading: { $0 == nil ? "Add an equality action" : "Edit an equality action" },
        values: { d in
            ["area": [d.area], "impact": [d.impact], "action": [d.action], "years": d.years, "officers": [d.officers],
             "partII": d.partII ? ["yes"] : []]
        },
        blank: { plan, _ in ["impact": ["high"], "years": plan.period.years.map(\.label), "area": [plan.council.department]] },
        fields: { v, plan, _ in
            [
                FormField("area", "Strategy, policy or service", value: v.one("area")),
                .choice("impact", "Impact", EqualityAction.Impact.self, value: v.one("impact"), labels: \.label),
                FormField("action", "Proposed action", kind: .textarea, value: v.one("action")),
                FormField("years", "Timetable", kind: .checkboxes, value: "", options: plan.period.years.map { ($0.label, $0.label) },
                          selected: Set(v["years"] ?? [])),
                FormField("officers", "Officer responsible", value: v.one("officers")),
                .partII(v),
            ]
        },
        parse: { v, old, _ in
            var r = FormReader(v)
            let area = r.required("area", "the strategy, policy or service")
            let action = r.required("action", "the proposed action")
            let officers = r.required("officers", "the officer responsible")
            let years = v["years"] ?? []
            if years.isEmpty { r.errors.append(("years", "Choose at least one year")) }
            guard r.errors.isEmpty else { return (nil, r.errors) }
            var d = old ?? PlanDocument.EqualityActionDocument(EqualityAction(area: "", impact: .high, action: "", years: [], officers: ""))
            d.area = area
            d.impact = v.one("impact")
            d.action = action
            d.years = years
            d.officers = officers
            d.partII = checkbox(v, "partII", else: old?.partII ?? false)
            return (d, [])
        },
        field: { path in
            guard case .key(let first)? = path.components.first else { return nil }
            return first
        },
        anchor: { _ in "#equality" })
}
