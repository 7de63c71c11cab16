import ServicePlanDomain
import ServicePlanReports

/// `/councils/{code}/laa`: every indicator marked as in the Local Area Agreement, across all the
/// council's plans, with the status of its plan's latest quarter — and, honestly, the indicators
/// whose LAA marking the plan does not record (Halton's seed lost that column).
struct LocalAreaAgreementPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let councilName: String
    let councilHref: String
    let rows: [Row]
    let hasRows: Bool
    let unrecorded: [Row]
    let hasUnrecorded: Bool

    struct Row {
        let plan: String, ref: String, title: String, seriesHref: String
        /// Nil once published: Mustache renders a section for any string, the empty one too.
        let quarter: String, returnStatus: String?, actual: String, target: String
        let status: StatusSymbol, direction: StatusSymbol
        let example: Bool
    }

    init(council: CouncilFramework, entries: [LocalAreaAgreementEntry]) {
        pageTitle = "Local Area Agreement indicators – \(council.name) – serviceplan"
        councilName = council.name
        councilHref = SitePaths.council(council.code)
        func row(_ e: LocalAreaAgreementEntry) -> Row {
            let i = e.indicator
            return Row(plan: e.plan, ref: i.ref, title: i.title, seriesHref: SitePaths.item(.indicator(plan: e.plan, ref: i.ref)) ?? SitePaths.plan(e.plan),
                       quarter: e.quarter?.label ?? "No return yet", returnStatus: e.returnStatus.flatMap { $0 == .published ? nil : $0.label },
                       actual: e.line?.entry?.actual.map(i.unit.display) ?? "—",
                       target: e.line.map { i.display($0.target) } ?? "—",
                       status: StatusSymbol(e.line?.reportedStatus), direction: StatusSymbol(e.line?.directionOnLastYear ?? .notComparable),
                       example: e.isExample)
        }
        rows = entries.filter { $0.indicator.inLocalAreaAgreement == .yes }.map(row)
        hasRows = !rows.isEmpty
        unrecorded = entries.filter { $0.indicator.inLocalAreaAgreement == .unknown }.map(row)
        hasUnrecorded = !unrecorded.isEmpty
    }
}

/// One indicator of a plan, with its line in the plan's latest quarter the reader may see.
struct LocalAreaAgreementEntry {
    let plan: String
    let indicator: Indicator
    let quarter: Quarter?
    let line: ReturnAssessment.IndicatorLine?
    let isExample: Bool
    /// Where the quarter's return is in its workflow: staff see drafts, which are not yet published.
    let returnStatus: ReturnStatus?

    /// Every indicator of `plans` marked LAA or not recorded either way, in plan then indicator order.
    static func entries(plans: [ServicePlan], latest: [String: DashboardPage.LatestAssessment]) -> [LocalAreaAgreementEntry] {
        plans.flatMap { plan in
            plan.indicators.filter { $0.inLocalAreaAgreement != .no }.map { i in
                let current = latest[plan.code]
                return LocalAreaAgreementEntry(plan: plan.code, indicator: i, quarter: current?.quarter,
                                               line: current?.indicators.first { $0.indicator.ref == i.ref }, isExample: current?.isExample ?? false,
                                               returnStatus: current?.returnStatus)
            }
        }
    }
}

/// `GET /api/v1/councils/{code}/laa`: a contract with councils' scripts; extend, never rename.
struct LocalAreaAgreementDocument: Encodable {
    struct Entry: Encodable {
        let plan: String, ref: String, title: String
        /// `yes`, or `unknown` when the plan does not record whether the indicator is in the LAA.
        let laa: String
        let period: String?, actual: Double?, status: String?, directionOfTravel: String?
        let example: Bool
        /// `draft`, `submitted`, `approved` or `published`: the public only ever sees published ones.
        let returnStatus: String?
    }
    let council: String
    let indicators: [Entry]

    init(council: CouncilFramework, entries: [LocalAreaAgreementEntry]) {
        self.council = council.code
        indicators = entries.map { e in
            Entry(plan: e.plan, ref: e.indicator.ref, title: e.indicator.title, laa: e.indicator.inLocalAreaAgreement.rawValue,
                  period: e.quarter?.identifier, actual: e.line?.entry?.actual, status: e.line?.reportedStatus?.rawValue,
                  directionOfTravel: e.line.map { $0.directionOnLastYear.rawValue }, example: e.isExample,
                  returnStatus: e.returnStatus?.rawValue)
        }
    }
}
