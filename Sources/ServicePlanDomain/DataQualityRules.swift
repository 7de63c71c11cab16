/// The data-quality rule engine. Rules that can be checked before saving (a value outside its
/// unit, a numerator above its denominator) also refuse the value in the forms and API; these
/// run over stored plans and returns, on demand and after each submission.
public struct DataQualityChecker: Sendable {
    public struct Settings: Sendable {
        /// A quarter-on-quarter change larger than this fraction of the previous value is flagged.
        public var jumpLimit: Double = 0.5
        /// Modified z-scores beyond this are outliers (Iglewicz and Hoaglin's 3.5).
        public var outlierLimit: Double = 3.5
        /// Outliers need at least this many earlier values to judge against.
        public var outlierMinimumHistory: Int = 4
        public var deadlines = ReturnDeadlines()

        public init() {}
    }

    public static let rules: [DataQualityRule] = [
        .init(id: "valid.unit-domain", dimension: .valid, severity: .error, summary: "A figure lies inside its unit's domain (a percentage 0–100, a count a whole number ≥ 0, a ratio ≥ 0)."),
        .init(id: "valid.numerator-denominator", dimension: .valid, severity: .error, summary: "A percentage's numerator is not larger than its denominator."),
        .init(id: "valid.target-every-year", dimension: .valid, severity: .error, summary: "Every year of the plan has a target or a stated reason for none."),
        .init(id: "valid.milestone-in-period", dimension: .valid, severity: .error, summary: "A milestone is due inside the plan period."),
        .init(id: "valid.linked-indicator-exists", dimension: .valid, severity: .warning, summary: "An objective's linked indicator is in the plan."),
        .init(id: "complete.return-missing", dimension: .complete, severity: .error, summary: "Every closed quarter has a return."),
        .init(id: "complete.actual-missing", dimension: .complete, severity: .warning, summary: "A submitted return has an actual for every indicator."),
        .init(id: "complete.milestone-status-missing", dimension: .complete, severity: .warning, summary: "A submitted return has a status for every milestone due in its year."),
        .init(id: "complete.commentary-missing", dimension: .complete, severity: .warning, summary: "A red or amber item has commentary."),
        .init(id: "timely.late-return", dimension: .timely, severity: .warning, summary: "A return is submitted by its deadline."),
        .init(id: "reliable.outlier", dimension: .reliable, severity: .warning, summary: "An actual is not an outlier against the indicator's own history (modified z-score)."),
        .init(id: "reliable.jump", dimension: .reliable, severity: .info, summary: "An actual does not jump from the previous quarter by more than the limit."),
        .init(id: "accurate.numerator-denominator-mismatch", dimension: .accurate, severity: .error, summary: "An actual agrees with its own numerator ÷ denominator."),
        .init(id: "accurate.annual-differs-from-q4", dimension: .accurate, severity: .warning, summary: "A snapshot indicator's annual actual equals its Q4 value."),
        .init(id: "relevant.indicator-unlinked", dimension: .relevant, severity: .info, summary: "An indicator is linked to at least one objective."),
        .init(id: "relevant.objective-empty", dimension: .relevant, severity: .warning, summary: "An objective has an indicator or a milestone."),
        .init(id: "relevant.cross-reference-unresolved", dimension: .relevant, severity: .info,
              summary: "An objective's cross-reference names an objective of another stored plan of the council."),
    ]

    static func rule(_ id: String) -> DataQualityRule { rules.first { $0.id == id }! }

    public let settings: Settings
    public let statusRules: StatusRules
    /// The council's calendar: on which day a return was submitted.
    public let calendar: any CouncilCalendar

    public init(settings: Settings = Settings(), statusRules: StatusRules = .standard, calendar: any CouncilCalendar) {
        self.settings = settings
        self.statusRules = statusRules
        self.calendar = calendar
    }

    /// Every finding for a plan and its returns, as of `today`; narrowed to one quarter by `period`.
    /// `crossReferences`: the council's other plans' objectives, for a plan linked to its council
    /// (nil otherwise: a plan standing alone has nothing to resolve its cross-references against).
    public func check(plan: ServicePlan, returns: [QuarterlyReturn], today: CalendarDate? = nil, period: Quarter? = nil,
                      crossReferences: CrossReferenceIndex? = nil) -> [Finding] {
        let today = today ?? calendar.today()
        var findings = planFindings(plan)
        if let crossReferences { findings += crossReferenceFindings(plan, crossReferences) }
        findings += returnFindings(plan: plan, returns: returns, today: today)
        if let period { findings = findings.filter { $0.period == nil || $0.period == period.identifier } }
        return findings.sorted { ($0.severity, $0.dimension, $0.item) < ($1.severity, $1.dimension, $1.item) }
    }

    // MARK: The plan

    func planFindings(_ plan: ServicePlan) -> [Finding] {
        var out: [Finding] = []
        let code = plan.code
        for i in plan.indicators {
            let figures = [("baseline", i.baseline.value)] + i.targets.sorted { $0.key < $1.key }.map { ("target \($0.key.label)", $0.value) }
                + i.actuals.sorted { $0.key < $1.key }.map { ("actual \($0.key.label)", $0.value) }
            for (name, figure) in figures {
                guard let v = figure.number else { continue }
                do { try i.unit.check(v) } catch {
                    out.append(Finding(rule: Self.rule("valid.unit-domain"), subject: .indicator(plan: code, ref: i.ref), value: Figure.format(v),
                                       message: "The \(name) \(error)", fix: "Correct the \(name) of \(i.ref), or its unit (\(i.unit.rawValue))."))
                }
            }
            for year in plan.period.years where i.targets[year] == nil {
                out.append(Finding(rule: Self.rule("valid.target-every-year"), subject: .indicator(plan: code, ref: i.ref),
                                   message: "\(i.ref) has no target for \(year.label).",
                                   fix: "Give a target, or a reason such as TBA or N/A."))
            }
            if !plan.objectives.contains(where: { $0.indicatorRefs.contains(i.ref) }) {
                out.append(Finding(rule: Self.rule("relevant.indicator-unlinked"), subject: .indicator(plan: code, ref: i.ref),
                                   message: "\(i.ref) is linked to no service objective.",
                                   fix: "Link it from the objective it measures, or consider whether the plan needs it."))
            }
        }
        let refs = Set(plan.indicators.map(\.ref))
        for o in plan.objectives {
            for ref in o.indicatorRefs where !refs.contains(ref) {
                out.append(Finding(rule: Self.rule("valid.linked-indicator-exists"), subject: .objective(plan: code, ref: o.ref),
                                   mentions: [.indicator(plan: code, ref: ref)], value: ref,
                                   message: "\(o.ref) links to \(ref), which is not among the plan's indicators.",
                                   fix: "Add \(ref) to the plan's indicators, or correct the link."))
            }
            for y in o.milestoneYears {
                for m in y.milestones where !plan.period.contains(m.due) {
                    out.append(Finding(rule: Self.rule("valid.milestone-in-period"), subject: .objective(plan: code, ref: o.ref), value: m.due.description,
                                       message: "A milestone of \(o.ref) is due \(m.due), outside the plan period \(plan.period.label).",
                                       fix: "Correct the due date."))
                }
            }
            let hasMilestone = o.milestoneYears.contains { !$0.milestones.isEmpty }
            if o.indicatorRefs.isEmpty && !hasMilestone {
                out.append(Finding(rule: Self.rule("relevant.objective-empty"), subject: .objective(plan: code, ref: o.ref),
                                   message: "\(o.ref) has no indicator and no milestone, so its progress cannot be shown.",
                                   fix: "Add the milestones or indicators that show progress on it."))
            }
        }
        return out
    }

    func crossReferenceFindings(_ plan: ServicePlan, _ index: CrossReferenceIndex) -> [Finding] {
        plan.objectives.flatMap { o in
            o.crossReferences.filter { index.resolve($0) == nil }.map { ref in
                Finding(rule: Self.rule("relevant.cross-reference-unresolved"), subject: .objective(plan: plan.code, ref: o.ref), value: ref,
                        message: "\(o.ref) is cross-referenced to \(ref), which is not an objective of any stored plan of \(index.councilName).",
                        fix: "Import the plan that holds \(ref), or correct the cross-reference.")
            }
        }
    }

    // MARK: Returns

    func returnFindings(plan: ServicePlan, returns: [QuarterlyReturn], today: CalendarDate) -> [Finding] {
        var out: [Finding] = []
        let code = plan.code
        let byQuarter = Dictionary(returns.map { ($0.quarter, $0) }, uniquingKeysWith: { a, _ in a })
        for q in plan.period.years.flatMap(\.quarters)
        where ReturnTimeliness(byQuarter[q], quarter: q, deadline: settings.deadlines.deadline(for: q), today: today, calendar: calendar) == .missing {
            out.append(Finding(rule: Self.rule("complete.return-missing"), subject: .quarterlyReturn(plan: code, quarter: q),
                               message: "There is no return for \(q.label), due \(settings.deadlines.deadline(for: q)).",
                               fix: "Make the return, or record why it cannot be made in its key developments."))
        }
        for r in returns.sorted(by: { $0.quarter < $1.quarter }) {
            let q = r.quarter
            let submitted = r.status != .draft
            let assessment = ReturnAssessment(plan: plan, current: r, others: returns, rules: statusRules)
            for line in assessment.indicators {
                let i = line.indicator
                guard let entry = line.entry, let actual = entry.actual else {
                    if submitted {
                        out.append(Finding(rule: Self.rule("complete.actual-missing"), subject: line.reference(plan: code, q),
                                           message: "The \(r.status.rawValue) return for \(q.label) has no actual for \(i.ref).",
                                           fix: "Enter the actual, or explain in the commentary why there is none."))
                    }
                    continue
                }
                do { try i.unit.check(actual) } catch {
                    out.append(Finding(rule: Self.rule("valid.unit-domain"), subject: line.reference(plan: code, q), value: Figure.format(actual),
                                       message: "The actual \(error).", fix: "Correct the actual."))
                }
                if let n = entry.numerator, let d = entry.denominator {
                    if i.unit == .percentage && n > d {
                        out.append(Finding(rule: Self.rule("valid.numerator-denominator"), subject: line.reference(plan: code, q),
                                           value: "\(Figure.format(n))/\(Figure.format(d))",
                                           message: "The numerator \(Figure.format(n)) is larger than the denominator \(Figure.format(d)).",
                                           fix: "Check both counts."))
                    }
                    if d > 0 {
                        let derived = i.unit == .percentage ? n / d * 100 : n / d
                        if abs(derived - actual) > 0.05 + 1e-9 {
                            out.append(Finding(rule: Self.rule("accurate.numerator-denominator-mismatch"), subject: line.reference(plan: code, q),
                                               value: Figure.format(actual),
                                               message: "The actual \(Figure.format(actual)) contradicts its numerator ÷ denominator (\(Figure.format((derived * 100).rounded() / 100))).",
                                               fix: "Correct the actual or the counts."))
                        }
                    }
                }
                let shown = line.reportedStatus
                if (shown == .red || shown == .amber) && entry.commentary.trimmingSpaces.isEmpty {
                    out.append(Finding(rule: Self.rule("complete.commentary-missing"), subject: line.reference(plan: code, q),
                                       message: "\(i.ref) is \(shown == .red ? "off" : "slightly off") target in \(q.label) without commentary.",
                                       fix: "Explain why, and what is being done."))
                }
                out += reliability(plan: plan, indicator: i, return: r, actual: actual, byQuarter: byQuarter)
            }
            for line in assessment.milestones {
                if submitted && line.entry?.status == nil {
                    out.append(Finding(rule: Self.rule("complete.milestone-status-missing"), subject: line.reference(plan: code, q),
                                       message: "The \(r.status.rawValue) return for \(q.label) gives no status for “\(line.milestone.text)”.",
                                       fix: "Give its status: green, amber, red or complete."))
                }
                if (line.shown == .red || line.shown == .amber) && (line.entry?.commentary ?? "").trimmingSpaces.isEmpty && line.entry?.status != nil {
                    out.append(Finding(rule: Self.rule("complete.commentary-missing"), subject: line.reference(plan: code, q),
                                       message: "“\(line.milestone.text)” is \(line.shown!.rawValue) in \(q.label) without commentary.",
                                       fix: "Explain why, and what is being done."))
                }
            }
            let deadline = settings.deadlines.deadline(for: q)
            if case .late(let submittedOn, let days) = ReturnTimeliness(r, quarter: q, deadline: deadline, today: today, calendar: calendar) {
                out.append(Finding(rule: Self.rule("timely.late-return"), subject: .quarterlyReturn(plan: code, quarter: q), value: submittedOn.description,
                                   message: "The return for \(q.label) was submitted \(days) day\(days == 1 ? "" : "s") after its deadline (\(deadline)).",
                                   fix: "Plan the next return's collection to meet the deadline."))
            }
        }
        // Annual actuals recorded in the plan against the year's Q4 return.
        for i in plan.indicators where i.aggregation == .snapshot {
            for (year, figure) in i.actuals {
                guard let annual = figure.number, let q4Quarter = Quarter(year: year, number: 4),
                      let q4 = byQuarter[q4Quarter]?.indicators[i.ref]?.actual,
                      abs(annual - q4) > 1e-9 else { continue }
                out.append(Finding(rule: Self.rule("accurate.annual-differs-from-q4"),
                                   subject: .returnLine(quarter: q4Quarter, item: .indicator(plan: code, ref: i.ref)), value: Figure.format(annual),
                                   message: "\(i.ref)'s annual actual for \(year.label) (\(Figure.format(annual))) differs from its Q4 value (\(Figure.format(q4))).",
                                   fix: "A snapshot indicator's year is its Q4 value: correct one of them."))
            }
        }
        return out
    }

    /// Outliers against the indicator's own earlier values, and jumps from the previous quarter.
    func reliability(plan: ServicePlan, indicator i: Indicator, return r: QuarterlyReturn, actual: Double,
                     byQuarter: [Quarter: QuarterlyReturn]) -> [Finding] {
        var out: [Finding] = []
        let history = byQuarter.keys.filter { $0 < r.quarter }.sorted().compactMap { byQuarter[$0]?.indicators[i.ref]?.actual }
        if history.count >= settings.outlierMinimumHistory, let z = Self.modifiedZ(actual, history: history), abs(z) > settings.outlierLimit {
            out.append(Finding(rule: Self.rule("reliable.outlier"), subject: .returnLine(quarter: r.quarter, item: .indicator(plan: plan.code, ref: i.ref)), value: Figure.format(actual),
                               message: "\(Figure.format(actual)) is an outlier against \(i.ref)'s \(history.count) earlier values (modified z-score \(Figure.format((z * 10).rounded() / 10))).",
                               fix: "Check the figure and its source; explain it in the commentary if it is right."))
        }
        // Cumulative counts restart each April, so Q1 is not compared with the Q4 before it.
        let comparable = !(i.aggregation == .cumulative && r.quarter.number == 1)
        if comparable, let previous = byQuarter[r.quarter.previous]?.indicators[i.ref]?.actual, previous != 0,
           abs(actual - previous) / abs(previous) > settings.jumpLimit {
            out.append(Finding(rule: Self.rule("reliable.jump"), subject: .returnLine(quarter: r.quarter, item: .indicator(plan: plan.code, ref: i.ref)), value: Figure.format(actual),
                               message: "\(i.ref) moved from \(Figure.format(previous)) to \(Figure.format(actual)) since the previous quarter, more than \(Figure.format(settings.jumpLimit * 100))%.",
                               fix: "Check the figure; explain a real change in the commentary."))
        }
        return out
    }

    /// Iglewicz and Hoaglin's modified z-score: 0.6745 (x − median) / MAD. Nil when MAD is 0.
    static func modifiedZ(_ x: Double, history: [Double]) -> Double? {
        let sorted = history.sorted()
        guard let median = Benchmarking.quantile(sorted, 0.5) else { return nil }
        let deviations = sorted.map { abs($0 - median) }.sorted()
        guard let mad = Benchmarking.quantile(deviations, 0.5), mad > 0 else { return nil }
        return 0.6745 * (x - median) / mad
    }
}

extension CalendarDate {
    /// Whole days from `other` to this date.
    public func days(since other: CalendarDate) -> Int {
        var count = 0, date = other
        while date < self && count < 100_000 { date = date.nextDay; count += 1 }
        return count
    }
}

extension DataQualityChecker {
    /// Findings as `user` may see them. They are computed on the whole plan (so a link to a
    /// hidden item does not read as "unlinked"); for the public, a finding is dropped when any
    /// item it refers to is Part II — decided by the items, whatever its message says.
    public func visibleFindings(plan: ServicePlan, returns: [QuarterlyReturn], user: User?, today: CalendarDate? = nil,
                                period: Quarter? = nil, crossReferences: CrossReferenceIndex? = nil) -> [Finding] {
        let staff = Permissions.canSeePartII(user)
        // For the public, unresolved cross-references are not checked at all: which references
        // resolve would tell them that another plan holds a Part II objective of that name.
        let all = check(plan: plan, returns: returns, today: today, period: period, crossReferences: staff ? crossReferences : nil)
        guard !staff else { return all }
        return all.filter { !$0.references.contains(where: plan.isPartII) }
    }
}
