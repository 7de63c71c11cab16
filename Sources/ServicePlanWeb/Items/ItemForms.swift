import ServicePlanDomain
import ServicePlanStore

/// The form for each kind of item.
enum ItemForms {
    static let figureHint = "A number, or one of: \(MissingReason.allowedList)"

    // MARK: Indicator

    static let indicator = ItemForm<IndicatorDocument>(
        kind: ItemKinds.indicator,
        heading: { $0.map { "Edit indicator \($0.ref)" } ?? "Add an indicator" },
        values: { d in
            var v: FormValues = [
                "ref": [d.ref], "title": [d.title], "category": [d.category], "scope": [d.scope], "key": [d.key], "laa": [d.laa],
                "unit": [d.unit], "polarity": [d.polarity], "aggregation": [d.aggregation ?? "snapshot"], "corporatePlan": [d.corporatePlan.joined(separator: "; ")],
                "baselineYear": [d.baseline.year], "baseline": [d.baseline.value.map(Figure.format) ?? d.baseline.missing ?? ""],
                "owner": [d.owner ?? ""], "partII": d.partII ? ["yes"] : [], "notes": [d.notes.joined(separator: "\n")],
            ]
            for t in d.targets { v["target-\(slug(t.year))"] = [t.value.map(Figure.format) ?? t.missing ?? ""] }
            v["profile"] = [d.profile?.kind ?? ""]
            v["profileShares"] = [d.profile?.shares?.map { Figure.format(($0 * 1000).rounded() / 10) }.joined(separator: ", ") ?? ""]
            for a in d.actuals { v["actual-\(slug(a.year))"] = [a.value.map(Figure.format) ?? a.missing ?? ""] }
            return v
        },
        blank: { plan, _ in
            ["category": ["serviceDelivery"], "scope": ["local"], "key": ["no"], "laa": ["no"], "unit": ["percentage"],
             "polarity": ["higherIsBetter"], "aggregation": ["snapshot"], "baselineYear": [plan.period.first.previous.label]]
        },
        fields: { v, plan, user in
            var fields: [FormField] = [
                FormField("ref", "Reference", value: v.one("ref"), hint: "For example, NI80 or ULS LI1", narrow: true),
                FormField("title", "Description", kind: .textarea, value: v.one("title")),
                .choice("category", "Category", IndicatorCategory.self, value: v.one("category"), kind: .select, labels: \.label),
                .choice("scope", "National or local", IndicatorScope.self, value: v.one("scope"), labels: \.label),
                .choice("key", "Key indicator", RecordedFlag.self, value: v.one("key"), labels: \.label),
                .choice("laa", "In the Local Area Agreement", RecordedFlag.self, value: v.one("laa"), labels: \.label),
                .choice("unit", "Unit", IndicatorUnit.self, value: v.one("unit"), kind: .select, labels: \.label,
                        hint: "Percentages are written as 40.5, not 0.405"),
                .choice("polarity", "Which way is better", Polarity.self, value: v.one("polarity"), labels: \.label),
                .choice("aggregation", "Quarterly figures", Aggregation.self, value: v.one("aggregation"), labels: \.label,
                        hint: "Cumulative figures are counts reported year to date, judged against the target's share for the quarter"),
                FormField("corporatePlan", "Corporate plan priority codes", value: v.one("corporatePlan"),
                          hint: "Separate codes with semicolons, for example AOF13; CP3; CYPP EA1"),
                FormField("baselineYear", "Baseline year", value: v.one("baselineYear"), hint: "For example, 2007/08", narrow: true),
                FormField("baseline", "Baseline value", value: v.one("baseline"), hint: figureHint, narrow: true),
            ]
            for year in figureYears(v, "target", plan) {
                fields.append(FormField("target-\(slug(year.label))", "Target \(year.label)", value: v.one("target-\(slug(year.label))"),
                                        hint: figureHint, narrow: true))
            }
            fields.append(FormField("rebalance", "Re-balance the years after the target you change, so the end target holds",
                                    kind: .checkbox, value: v.one("rebalance") == "yes" ? "yes" : "", options: [("yes", "Re-balance")]))
            fields.append(FormField("profile", "Quarterly targets", kind: .select, value: v.one("profile"),
                                    hint: "How each quarter is judged against the year's target (docs/status-rules.md)",
                                    options: [("", "The usual: the whole target each quarter, or its share by the quarter for year-to-date counts"),
                                              ("equalSteps", "Equal steps from last year's target (snapshot figures)"),
                                              ("equalQuarters", "An equal share each quarter (year-to-date counts)"),
                                              ("seasonal", "Shared as a year's quarters were (year-to-date counts; give the shares below)")]))
            fields.append(FormField("profileShares", "Seasonal shares of the year by the end of Q1, Q2 and Q3 (%)", value: v.one("profileShares"),
                                    hint: "Only for a seasonal profile, for example 22, 46, 72", narrow: true))
            for year in figureYears(v, "actual", plan, includePlanYears: false) {
                fields.append(FormField("actual-\(slug(year.label))", "Actual \(year.label)", value: v.one("actual-\(slug(year.label))"),
                                        hint: figureHint, narrow: true))
            }
            return fields + FormField.closing(v, plan, user, ownerHint: "The account of the officer who reports this indicator; they may then edit it")
        },
        parse: { v, old, plan in
            var r = FormReader(v)
            let ref = r.required("ref", "a reference")
            let title = r.required("title", "a description")
            let baselineYear = r.required("baselineYear", "the baseline year")
            if !baselineYear.isEmpty, FinancialYear(baselineYear) == nil {
                r.errors.append(("baselineYear", "Baseline year must be a financial year, for example 2007/08"))
            }
            let baseline = r.figure("baseline", "Baseline value")
            if baseline == nil, r.errors.allSatisfy({ $0.field != "baseline" }) { r.errors.append(("baseline", "Enter the baseline value or a reason")) }
            var targets: [IndicatorDocument.YearFigure] = [], actuals: [IndicatorDocument.YearFigure] = []
            for year in figureYears(v, "target", plan) {
                if let f = r.figure("target-\(slug(year.label))", "Target \(year.label)") {
                    targets.append(IndicatorDocument.YearFigure(year: year, figure: f))
                } else if r.errors.allSatisfy({ $0.field != "target-\(slug(year.label))" }), plan.period.contains(year) {
                    r.errors.append(("target-\(slug(year.label))", "Enter the target for \(year.label), or a reason such as TBA"))
                }
            }
            for year in figureYears(v, "actual", plan, includePlanYears: false) {
                if let f = r.figure("actual-\(slug(year.label))", "Actual \(year.label)") {
                    actuals.append(IndicatorDocument.YearFigure(year: year, figure: f))
                }
            }
            var profile: IndicatorDocument.ProfileDocument?
            switch v.one("profile") {
            case "": profile = nil
            case "seasonal":
                let parts = v.one("profileShares").split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
                let shares = parts.compactMap(Figure.decimal)
                if parts.count != 3 || shares.count != 3 {
                    r.errors.append(("profileShares", "Seasonal shares: give three percentages, for example 22, 46, 72"))
                } else if shares.allSatisfy({ $0 <= 1 }) {
                    r.errors.append(("profileShares", "Seasonal shares are percentages of the year: write 22, 46, 72, not 0.22, 0.46, 0.72"))
                } else {
                    // The shares' own rule here, on their field; whether a seasonal profile suits the
                    // indicator at all is the plan's rule, on the profile's.
                    do throws(RuleViolation) {
                        try QuarterlyProfile.seasonal(shares.map { $0 / 100 }).check(for: .cumulative)
                        profile = IndicatorDocument.ProfileDocument(kind: "seasonal", shares: shares.map { $0 / 100 })
                    } catch {
                        r.errors.append(("profileShares", "Seasonal shares: \(error.rule)"))
                    }
                }
            case let kind: profile = IndicatorDocument.ProfileDocument(kind: kind, shares: nil)
            }
            // Re-balancing: the years after the latest target changed (before the last year) move
            // onto the straight line from it to the end target (`Trajectory.rebalanced`), so every
            // target typed stands. Not from a target in error: its field says so first.
            if v.one("rebalance") == "yes", r.errors.isEmpty, let unit = IndicatorUnit(rawValue: v.one("unit")) {
                var now = Dictionary(targets.compactMap(\.parsed), uniquingKeysWith: { a, _ in a })
                let before = Dictionary((old?.targets ?? []).compactMap(\.parsed), uniquingKeysWith: { a, _ in a })
                if let changed = now.keys.sorted().last(where: { now[$0] != before[$0] && $0 < plan.period.last }),
                   let from = now[changed]?.number, (try? unit.check(from)) != nil {
                    now = Trajectory.rebalanced(now, after: changed, period: plan.period, unit: unit)
                    targets = now.sorted { $0.key < $1.key }.map { IndicatorDocument.YearFigure(year: $0.key, figure: $0.value) }
                }
            }
            guard r.errors.isEmpty, let baseline else { return (nil, r.errors) }
            var d = old ?? IndicatorDocument(blankIndicator)
            d.profile = profile
            d.ref = ref
            d.title = title
            d.category = v.one("category")
            d.scope = v.one("scope")
            d.key = v.one("key")
            d.laa = v.one("laa")
            d.unit = v.one("unit")
            d.polarity = v.one("polarity")
            d.aggregation = v.one("aggregation")
            d.corporatePlan = r.list("corporatePlan")
            d.baseline = IndicatorDocument.YearFigure(year: FinancialYear(baselineYear)!, figure: baseline)
            d.targets = targets
            d.actuals = actuals
            d.notes = r.lines("notes")
            // Only plan managers see the owner and Part II fields; for anyone else they stay as they were.
            if v["owner"] != nil { d.owner = r.optional("owner") }
            d.partII = checkbox(v, "partII", else: old?.partII ?? false)
            return (d, [])
        },
        field: { path in
            guard case .key(let first)? = path.components.first else { return nil }
            switch first {
            case "targets", "actuals":
                if path.components.count > 1, case .key(let year) = path.components[1] {
                    return "\(first == "targets" ? "target" : "actual")-\(slug(year))"
                }
                return nil
            case "baseline": return path.components.count > 1 && path.components[1] == .key("year") ? "baselineYear" : "baseline"
            default: return first
            }
        },
        anchor: { "#indicator-\($0.ref.anchor)" })

    /// A single checkbox's state when the form showed it (its `-shown` marker came back), else `fallback`.
    static func checkbox(_ v: FormValues, _ name: String, else fallback: Bool) -> Bool {
        guard v["\(name)-shown"] != nil else { return fallback }
        return v[name]?.contains("yes") == true
    }

    /// A figure field's id part for a year: `2009-10`.
    static func slug(_ year: String) -> String { FinancialYear(year)?.identifier ?? year }

    /// The years a target (or actual) field is shown for: the plan's years and any year the
    /// indicator already has a figure for, in order.
    static func figureYears(_ v: FormValues, _ prefix: String, _ plan: ServicePlan, includePlanYears: Bool = true) -> [FinancialYear] {
        var years = Set(includePlanYears ? plan.period.years : [])
        for key in v.keys where key.hasPrefix("\(prefix)-") {
            if let year = FinancialYear(String(key.dropFirst(prefix.count + 1))) { years.insert(year) }
        }
        return years.sorted()
    }

    static let blankIndicator = Indicator(
        ref: "", title: "", category: .serviceDelivery, scope: .local, isKey: .no, inLocalAreaAgreement: .no, unit: .percentage,
        polarity: .higherIsBetter, baseline: Baseline(year: FinancialYear(startYear: 2000), value: .missing(.newIndicator)), targets: [:])
}
