import ServicePlanDomain

/// The Quarterly Service Plan Monitoring Report: the layout councils publish (cover, sections
/// 1–7, explanation of symbols), built from a plan and its returns. Pass the plan as the reader
/// may see it: the public version has Part II removed before it gets here.
public struct MonitoringReport: Sendable {
    public let pageTitle: String
    let council: String
    let directorate: String
    let department: String
    let planTitle: String
    let quarterLabel: String
    let periodText: String
    let returnStatus: String
    let example: Bool
    /// The return is the council's own, but quarters it is compared with (direction, trend,
    /// forecast) are example data: the report says so.
    let comparesWithExample: Bool
    let exceptionsOnly: Bool
    let isPublicVersion: Bool
    let introduction: [String]
    let keyDevelopments: [String]
    let emergingIssues: [String]
    let unforeseenDevelopments: [String]
    let hasUnforeseen: Bool
    let objectives: [ObjectiveSection]
    let hasObjectives: Bool
    let keyIndicators: [IndicatorRow]
    let otherIndicators: [IndicatorRow]
    let hasKeyIndicators: Bool
    let hasOtherIndicators: Bool
    let risks: [ProgressRow]
    let hasRisks: Bool
    let equality: [ProgressRow]
    let hasEquality: Bool
    let counts: [Count]
    let symbols: [SymbolRow]
    let directions: [SymbolRow]
    let milestoneSymbols: [SymbolRow]
    /// Unresolved data-quality findings for this quarter.
    let dataQuality: [String]
    let hasDataQuality: Bool
    let csvHref: String
    let exceptionsHref: String
    let fullHref: String
    /// The plan's code, as a board report's summary names it.
    let planCode: String
    /// Put before every HTML id, so several plans' reports can sit in one board report.
    let idPrefix: String
    /// Part of a board report, which explains the symbols once at its end.
    let partOfBoard: Bool

    struct ObjectiveSection: Sendable {
        let ref: String
        let title: String
        let officer: String
        let milestones: [MilestoneRow]
    }

    struct MilestoneRow: Sendable {
        let text: String
        let due: String
        let symbol: StatusSymbol
        let reported: String?
        let commentary: String
    }

    struct IndicatorRow: Sendable {
        let ref: String
        let anchor: String
        let title: String
        let actual: String
        let target: String
        let symbol: StatusSymbol
        let override: String?
        let overrideReason: String?
        let directionYear: StatusSymbol
        let directionQuarter: StatusSymbol
        /// "46%, between 41.2% and 50.8%", or why there is no forecast.
        let forecast: String
        /// The likely status at year end, and "possibly …" for the others within the interval.
        let forecastSymbol: StatusSymbol?
        let forecastPossibly: String?
        let forecastLow: String
        let forecastHigh: String
        /// Progress toward the plan's end target as of this quarter, in words.
        let progress: String
        let commentary: String
        /// The chart is our own SVG (built from numbers, text escaped in `QuarterChart`).
        let chart: String
        let quarters: [QuarterValue]
    }

    struct QuarterValue: Sendable {
        let quarter: String
        let actual: String
        let target: String
    }

    struct ProgressRow: Sendable {
        let item: String
        let detail: String
        let progress: String
    }

    struct Count: Sendable {
        let symbol: StatusSymbol
        let count: Int
    }

    struct SymbolRow: Sendable {
        let symbol: StatusSymbol
        let meaning: String
    }

    public init(plan: ServicePlan, current: QuarterlyReturn, others: [QuarterlyReturn], rules: StatusRules,
                exceptionsOnly: Bool, isPublicVersion: Bool, findings: [Finding] = [], partOfBoard: Bool = false) {
        planCode = plan.code
        self.partOfBoard = partOfBoard
        // "_" joins: plan codes are letters, digits and hyphens, so no code and suffix can make another's id.
        idPrefix = partOfBoard ? "\(plan.code)_" : ""
        let idPrefix = idPrefix
        dataQuality = findings.filter { $0.period == current.quarter.identifier }.map { "\($0.severity.capitalisedFirst): \($0.message)" }
        hasDataQuality = !dataQuality.isEmpty
        let assessment = ReturnAssessment(plan: plan, current: current, others: others, rules: rules)
        let q = current.quarter
        pageTitle = "\(plan.council.department) Quarterly Monitoring Report \(q.label)\(exceptionsOnly ? " (exceptions)" : "") – serviceplan"
        council = plan.council.name
        directorate = plan.council.directorate
        department = plan.council.department
        planTitle = plan.title
        quarterLabel = q.label
        periodText = "\(q.firstDay.longText) to \(q.lastDay.longText)"
        returnStatus = current.status.label
        example = current.isExample
        let consulted = Set([q.sameQuarterLastYear, q.previous] + q.year.quarters.filter { $0 < q })
        comparesWithExample = !current.isExample && others.contains { $0.isExample && consulted.contains($0.quarter) }
        self.exceptionsOnly = exceptionsOnly
        self.isPublicVersion = isPublicVersion
        introduction = [
            "This report sets out the progress of \(plan.council.department) in \(q.label) (\(periodText)) against the objectives, "
                + "key milestones and performance indicators of its service plan, \(plan.title).",
            exceptionsOnly
                ? "It reports by exception: only items off or slightly off target, or unclear, are shown."
                : "Each item carries a symbol with its meaning in words; the appendix explains them.",
        ] + (isPublicVersion ? ["Items exempt from publication (Part II) are not included in this version."] : [])
        keyDevelopments = Self.paragraphs(current.keyDevelopments)
        emergingIssues = Self.paragraphs(current.emergingIssues)
        unforeseenDevelopments = Self.paragraphs(current.unforeseenDevelopments)
        hasUnforeseen = !unforeseenDevelopments.isEmpty

        let keepMilestone: (MilestoneStatus?) -> Bool = { !exceptionsOnly || $0 == .red || $0 == .amber }
        objectives = plan.objectives.compactMap { o in
            let rows = assessment.milestones.filter { $0.objective.ref == o.ref && keepMilestone($0.shown) }.map { line in
                MilestoneRow(text: line.milestone.text, due: line.milestone.due.longText, symbol: StatusSymbol(line.shown),
                             reported: line.entry?.status != line.shown ? line.entry?.status.map { "Reported as: \(StatusSymbol($0).label)" } : nil,
                             commentary: line.entry?.commentary ?? "")
            }
            if exceptionsOnly && rows.isEmpty { return nil }
            return ObjectiveSection(ref: o.ref, title: o.title, officer: o.responsibleOfficer, milestones: rows)
        }
        hasObjectives = !objectives.isEmpty

        let year = q.year
        let byQuarter = Dictionary((others + [current]).map { ($0.quarter, $0) }, uniquingKeysWith: { _, b in b })
        let keepIndicator: (RAGStatus?) -> Bool = { !exceptionsOnly || $0 == .red || $0 == .amber }
        let rows: [(Bool, IndicatorRow)] = assessment.indicators.filter { keepIndicator($0.reportedStatus) }.map { line in
            let i = line.indicator
            var actuals: [Int: Double] = [:]
            for quarter in year.quarters where quarter <= q {
                if let v = byQuarter[quarter]?.indicators[i.ref]?.actual { actuals[quarter.number] = v }
            }
            let targetText = i.quarterTargetText(q) ?? line.target.missingReason?.rawValue ?? "None"
            let actualText = line.entry?.actual.map(i.unit.display) ?? "Not reported"
            let description = "Actuals for \(year.label): " + (actuals.isEmpty ? "none yet" : actuals.sorted { $0.key < $1.key }
                .map { "Q\($0.key) \(i.unit.display($0.value))" }.joined(separator: ", "))
                + ". Target: \(line.target.number.map(i.unit.display) ?? targetText)"
                + (i.aggregation == .cumulative || i.profile != nil ? " for the year, shown as its share by each quarter." : ".")
            let row = IndicatorRow(
                ref: i.ref, anchor: "\(idPrefix)indicator-\(i.ref.anchor)", title: i.title, actual: actualText, target: targetText,
                symbol: StatusSymbol(line.status),
                override: line.entry?.override.map { StatusSymbol($0).label },
                overrideReason: line.entry?.overrideReason,
                directionYear: StatusSymbol(line.directionOnLastYear), directionQuarter: StatusSymbol(line.directionOnLastQuarter),
                forecast: line.forecast?.figures(i.unit) ?? "None yet",
                forecastSymbol: line.forecast?.projection.map { StatusSymbol($0.status) },
                forecastPossibly: line.forecast?.possibly,
                forecastLow: line.forecast?.projection.map { i.unit.displayToTenth($0.low) } ?? "",
                forecastHigh: line.forecast?.projection.map { i.unit.displayToTenth($0.high) } ?? "",
                progress: i.progress(period: plan.period, returns: (others + [current]).filter { $0.quarter <= q }).sentence(for: i),
                commentary: line.entry?.commentary ?? "",
                chart: QuarterChart.svg(indicator: i, year: year, actuals: actuals, idPrefix: idPrefix, title: "\(i.ref) in \(year.label)", description: description),
                quarters: year.quarters.map { quarter in
                    QuarterValue(quarter: quarter.label,
                                 actual: byQuarter[quarter]?.indicators[i.ref]?.actual.map(i.unit.display) ?? "—",
                                 target: i.quarterTarget(quarter).map(i.unit.displayToTenth) ?? "—")
                })
            return (i.isKey == .yes, row)
        }
        keyIndicators = rows.filter(\.0).map(\.1)
        otherIndicators = rows.filter { !$0.0 }.map(\.1)
        hasKeyIndicators = !keyIndicators.isEmpty
        hasOtherIndicators = !otherIndicators.isEmpty

        risks = plan.highRisks.map { r in
            ProgressRow(item: r.objectiveRef, detail: r.description + (r.treatment.isEmpty ? "" : " Treatment: " + r.treatment.joined(separator: "; ")),
                        progress: r.id.flatMap { current.riskProgress[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? "No progress reported.")
        }
        hasRisks = !risks.isEmpty
        equality = plan.equalityActions.map { e in
            ProgressRow(item: e.area, detail: e.action,
                        progress: e.id.flatMap { current.equalityProgress[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? "No progress reported.")
        }
        hasEquality = !equality.isEmpty

        let statuses = assessment.indicators.map(\.reportedStatus)
        counts = [RAGStatus.green, .amber, .red, .noTarget].map { s in Count(symbol: StatusSymbol(s), count: statuses.filter { $0 == s }.count) }
            + [Count(symbol: StatusSymbol(nil as RAGStatus?), count: statuses.filter { $0 == nil }.count)]
        symbols = [
            SymbolRow(symbol: StatusSymbol(RAGStatus.green), meaning: "On or better than target."),
            SymbolRow(symbol: StatusSymbol(RAGStatus.amber), meaning: "Short of target by no more than \(Figure.format(rules.tolerance * 100))% of it."),
            SymbolRow(symbol: StatusSymbol(RAGStatus.red), meaning: "Short of target by more than \(Figure.format(rules.tolerance * 100))% of it."),
            SymbolRow(symbol: StatusSymbol(RAGStatus.noTarget), meaning: "The plan sets no target (TBA, N/A or a baseline to be established)."),
            SymbolRow(symbol: StatusSymbol(nil as RAGStatus?), meaning: "No figure has been reported for this quarter."),
        ]
        directions = [Direction.better, .same, .worse, .notComparable].map {
            SymbolRow(symbol: StatusSymbol($0), meaning: "Compared with the same quarter last year.")
        }
        milestoneSymbols = [
            SymbolRow(symbol: StatusSymbol(MilestoneStatus.complete), meaning: "Achieved."),
            SymbolRow(symbol: StatusSymbol(MilestoneStatus.green), meaning: "On course to be achieved within its timeframe."),
            SymbolRow(symbol: StatusSymbol(MilestoneStatus.amber), meaning: "Unclear: too early to say, lack of information, or a date slipped."),
            SymbolRow(symbol: StatusSymbol(MilestoneStatus.red), meaning: "Highly likely or certain not to be achieved in its timeframe; also shown when past its due date, not complete and not explained."),
        ]
        csvHref = SitePaths.reportCSV(plan.code, q)
        exceptionsHref = SitePaths.report(plan.code, q, exceptions: true)
        fullHref = SitePaths.report(plan.code, q)
    }

    static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }
}
