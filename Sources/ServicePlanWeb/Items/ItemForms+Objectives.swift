import ServicePlanDomain
import ServicePlanStore

extension ItemForms {
    // MARK: Objective

    static let objective = ItemForm<PlanDocument.ObjectiveDocument>(
        kind: ItemKinds.objective,
        heading: { $0.map { "Edit objective \($0.ref)" } ?? "Add a service objective" },
        values: { d in
            var v: FormValues = [
                "ref": [d.ref], "title": [d.title], "areasOfFocus": [d.areasOfFocus.map(String.init).joined(separator: ", ")],
                "ecmOutcomes": d.ecmOutcomes, "cyppPriorities": [d.cyppPriorities.joined(separator: ", ")],
                "crossReferences": [d.crossReferences.joined(separator: ", ")], "responsibleOfficer": [d.responsibleOfficer],
                "indicators": [d.indicators.joined(separator: ", ")], "notes": [d.notes.joined(separator: "\n")],
                "owner": [d.owner ?? ""], "partII": d.partII ? ["yes"] : [],
            ]
            v.merge(d.risk.initial.formValues("initial")) { a, _ in a }
            v.merge(d.risk.residual.formValues("residual")) { a, _ in a }
            return v
        },
        blank: { _, _ in [:] },
        fields: { v, plan, user in
            let fields: [FormField] = [
                FormField("ref", "Reference", value: v.one("ref"), hint: "For example, ULS 6", narrow: true),
                FormField("title", "Objective", kind: .textarea, value: v.one("title")),
                FormField("areasOfFocus", "Key areas of focus", value: v.one("areasOfFocus"),
                          hint: "Numbers from the corporate plan, separated by commas, for example 13, 17"),
                FormField("ecmOutcomes", "Every Child Matters outcomes", kind: .checkboxes, value: "",
                          options: ECMOutcome.allCases.map { ($0.rawValue, $0.label) }, selected: Set(v["ecmOutcomes"] ?? [])),
                FormField("cyppPriorities", "Children and Young People's Plan priorities", value: v.one("cyppPriorities"),
                          hint: "Codes separated by commas, for example EA1"),
                FormField("crossReferences", "Cross-referenced to other plans", value: v.one("crossReferences"),
                          hint: "Codes separated by commas, for example PS3, BSC1"),
                FormField("responsibleOfficer", "Responsible officer", value: v.one("responsibleOfficer"), hint: "The post, as the plan names it"),
                .factor("initial-likelihood", "Initial risk: likelihood", value: v.one("initial-likelihood"),
                        hint: "Before control measures. Score = likelihood × severity: 1–4 LOW, 5–10 MEDIUM, 11–16 HIGH"),
                .factor("initial-severity", "Initial risk: severity", value: v.one("initial-severity")),
                .factor("residual-likelihood", "Residual risk: likelihood", value: v.one("residual-likelihood"), hint: "After control measures"),
                .factor("residual-severity", "Residual risk: severity", value: v.one("residual-severity")),
                FormField("indicators", "Linked indicators", value: v.one("indicators"), hint: "Refs separated by commas, for example NI80, ULS LI1"),
            ]
            return fields + FormField.closing(v, plan, user,
                                     ownerHint: "The account of the responsible officer; they may then edit this objective and its milestones")
        },
        parse: { v, old, plan in
            var r = FormReader(v)
            let ref = r.required("ref", "a reference")
            let title = r.required("title", "the objective")
            let officer = r.required("responsibleOfficer", "the responsible officer")
            let areas = r.integers("areasOfFocus", "Key areas of focus")
            if areas.isEmpty, r.errors.allSatisfy({ $0.field != "areasOfFocus" }) { r.errors.append(("areasOfFocus", "Enter at least one key area of focus")) }
            let initial = r.assessment("initial", "initial risk", keeping: old?.risk.initial)
            let residual = r.assessment("residual", "residual risk", keeping: old?.risk.residual)
            guard r.errors.isEmpty else { return (nil, r.errors) }
            var d = old ?? PlanDocument.ObjectiveDocument(blank: plan)
            d.ref = ref
            d.title = title
            d.areasOfFocus = areas
            d.ecmOutcomes = v["ecmOutcomes"] ?? []
            d.cyppPriorities = r.list("cyppPriorities")
            d.crossReferences = r.list("crossReferences")
            d.responsibleOfficer = officer
            d.risk = PlanDocument.RiskPair(initial: initial, residual: residual)
            d.indicators = r.list("indicators")
            d.notes = r.lines("notes")
            // Only plan managers see the owner and Part II fields; for anyone else they stay as they were.
            if v["owner"] != nil { d.owner = r.optional("owner") }
            d.partII = checkbox(v, "partII", else: old?.partII ?? false)
            return (d, [])
        },
        field: { path in
            guard case .key(let first)? = path.components.first else { return nil }
            if first == "risk", path.components.count > 1, case .key(let which) = path.components[1] { return "\(which)-likelihood" }
            return first == "milestones" ? nil : first
        },
        anchor: { "#objective-\($0.ref.anchor)" })

    // MARK: Milestone

    static let milestone = ItemForm<MilestoneItemDocument>(
        kind: ItemKinds.milestone,
        heading: { $0.map { "Edit a milestone of \($0.objective)" } ?? "Add a milestone" },
        values: { d in ["objective": [d.objective], "year": [d.year], "text": [d.text], "due": [d.due]] },
        blank: { plan, query in
            ["objective": [query.one("objective")], "year": [plan.period.first.label]]
        },
        fields: { v, plan, _ in
            [
                FormField("objective", "Objective", kind: .select, value: v.one("objective"),
                          options: plan.objectives.map { ($0.ref, "\($0.ref): \($0.title)") }),
                FormField("year", "Financial year", kind: .select, value: v.one("year"),
                          options: plan.period.years.map { ($0.label, $0.label) }),
                FormField("text", "Milestone", kind: .textarea, value: v.one("text"), hint: "For example, Complete the review of LDD provision by March 2010"),
                FormField("due", "Due date", value: v.one("due"),
                          hint: "As YYYY-MM-DD, for example 2010-03-31. Leave blank to use the month the milestone names", narrow: true),
            ]
        },
        parse: { v, old, _ in
            var r = FormReader(v)
            let text = r.required("text", "the milestone")
            var due = r.optional("due")
            if due == nil, !text.isEmpty {
                due = Milestone.impliedDueDate(in: text)?.description
                if due == nil { r.errors.append(("due", "Enter the due date, or name the month and year in the milestone")) }
            }
            if let d = due, CalendarDate(d) == nil { r.errors.append(("due", "Due date must be a real date written YYYY-MM-DD, for example 2010-03-31")) }
            guard r.errors.isEmpty, let due else { return (nil, r.errors) }
            var d = old ?? MilestoneItemDocument(milestone: Milestone(text: "", due: CalendarDate("2000-01-01")!),
                                                 objective: ServiceObjective(ref: "", title: "", areasOfFocus: [], responsibleOfficer: "",
                                                                             risk: RiskProfile(initial: .unknown(.unknown), residual: .unknown(.unknown)),
                                                                             milestoneYears: []),
                                                 year: FinancialYear(startYear: 2000))
            d.objective = v.one("objective")
            d.year = v.one("year")
            d.text = text
            d.due = due
            return (d, [])
        },
        field: { path in
            if path.components.contains(.key("due")) { return "due" }
            if path.components.contains(.key("year")) { return "year" }
            if path.components.contains(.key("text")) { return "text" }
            if path.components.contains(.key("objective")) { return "objective" }
            return nil
        },
        anchor: { "#objective-\($0.objective.anchor)" })
}

extension PlanDocument.ObjectiveDocument {
    /// An empty objective with one unknown milestone year per plan year, for the add form.
    init(blank plan: ServicePlan) {
        let objective = ServiceObjective(
            ref: "", title: "", areasOfFocus: [], responsibleOfficer: "",
            risk: RiskProfile(initial: .unknown(.unknown), residual: .unknown(.unknown)),
            milestoneYears: plan.period.years.map { MilestoneYear(year: $0, entries: .listed([])) })
        self = PlanDocument(ServicePlan(code: plan.code, title: plan.title, status: plan.status, period: plan.period,
                                        council: plan.council, priorities: [], objectives: [objective], indicators: [])).objectives[0]
    }
}
