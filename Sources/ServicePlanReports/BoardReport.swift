import ServicePlanDomain

/// What a Policy and Performance Board reads for one quarter: a summary table of every
/// indicator in the plans it scrutinises, then each plan's monitoring report as a plan's own
/// report shows it, then the explanation of symbols once. A plan without a (published) return
/// for the quarter is named, not skipped.
public struct BoardReport: Sendable {
    public let pageTitle: String
    let council: String
    let board: String
    let boardNameInferred: Bool
    let quarterLabel: String
    let exceptionsOnly: Bool
    let isPublicVersion: Bool
    let example: Bool
    let introduction: [String]
    let summary: [SummaryRow]
    let hasSummary: Bool
    let plans: [PlanPart]
    let hasPlans: Bool
    /// The appendix of symbols, from the first report (every report explains them the same way).
    let symbolsFrom: MonitoringReport?
    let fullHref: String
    let exceptionsHref: String
    let csvHref: String

    /// One plan of the board: its report, or why there is none.
    public struct PlanPart: Sendable {
        let code: String
        let title: String
        let report: MonitoringReport?
        let unavailable: String?
    }

    struct SummaryRow: Sendable {
        let plan: String
        let ref: String
        let title: String
        let href: String
        let target: String
        let actual: String
        let symbol: StatusSymbol
        let direction: StatusSymbol
        let forecast: String
        let forecastSymbol: StatusSymbol?
        let forecastPossibly: String?
    }

    public init(council: CouncilFramework, board: Board, quarter: Quarter, plans: [PlanPart], exceptionsOnly: Bool, isPublicVersion: Bool) {
        self.council = council.name
        self.board = board.name
        boardNameInferred = board.nameInferred
        quarterLabel = quarter.label
        self.exceptionsOnly = exceptionsOnly
        self.isPublicVersion = isPublicVersion
        pageTitle = "\(board.name): Quarterly Monitoring Report \(quarter.label)\(exceptionsOnly ? " (exceptions)" : "") – serviceplan"
        self.plans = plans
        hasPlans = !plans.isEmpty
        let reports = plans.compactMap(\.report)
        example = reports.contains { $0.example }
        introduction = [
            "This report brings together, for \(quarter.label), the quarterly monitoring of every service plan the \(board.name) scrutinises: "
                + "a summary of every indicator first, then each plan's report.",
            exceptionsOnly
                ? "It reports by exception: only items off or slightly off target, or unclear, are shown."
                : "Each item carries a symbol with its meaning in words; the appendix explains them.",
        ] + (isPublicVersion ? ["Items exempt from publication (Part II) and returns not yet published are not included in this version."] : [])
        summary = reports.flatMap { report in
            (report.keyIndicators + report.otherIndicators).map { i in
                SummaryRow(plan: report.planCode, ref: i.ref, title: i.title, href: "#\(i.anchor)", target: i.target, actual: i.actual,
                           symbol: i.symbol, direction: i.directionYear, forecast: i.forecast, forecastSymbol: i.forecastSymbol,
                           forecastPossibly: i.forecastPossibly)
            }
        }
        hasSummary = !summary.isEmpty
        symbolsFrom = reports.first
        fullHref = SitePaths.boardReport(council: council.code, board: board.code, quarter)
        exceptionsHref = SitePaths.boardReport(council: council.code, board: board.code, quarter, exceptions: true)
        csvHref = SitePaths.boardReport(council: council.code, board: board.code, quarter) + "/csv"
    }

    /// Every plan's report rows with the plan's code first (RFC 4180); a plan without a return
    /// is a `note` row saying so.
    public var csv: String {
        var rows = [["plan"] + MonitoringReport.csvHeader]
        for part in plans {
            if let report = part.report {
                rows += report.csvRows.map { [part.code] + $0 }
            } else {
                rows.append([part.code, "note", "", part.unavailable ?? "", "", "", "", "", "", "", "", "", "", ""])
            }
        }
        return MonitoringReport.csvText(rows)
    }
}
