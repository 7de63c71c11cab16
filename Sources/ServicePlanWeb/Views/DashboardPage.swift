import Foundation
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// `GET /`: each plan's latest quarter at a glance — how many indicators are on, slightly off and
/// off target, per plan and per corporate priority — and, for staff, which returns are missing or late.
struct DashboardPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Service plans – serviceplan"
    let plans: [PlanPanel]
    let hasPlans: Bool
    /// Set when the plans fill more than one page.
    var paging: PlanPaging?

    struct PlanPanel {
        let code: String
        let title: String
        let department: String
        let period: String
        let status: String
        let href: String
        let latest: Latest?
        let returns: [ReturnRow]
        let showReturns: Bool
        let missingCount: Int
        let lateCount: Int
    }

    struct Latest {
        let quarter: String
        let example: Bool
        let reportHref: String
        let exceptionsHref: String
        let counts: [Cell]
        let priorities: [PriorityRow]
        let hasPriorities: Bool
    }

    struct Cell {
        let symbol: StatusSymbol
        let count: Int
        let href: String
    }

    struct PriorityRow {
        let priority: String
        let cells: [Cell]
    }

    struct ReturnRow {
        let quarter: String
        let deadline: String
        let state: String
        let attention: Bool
        /// The report, once there is a return. Named apart from the panel's `href`: Mustache looks
        /// a nil value up in the enclosing context, which would link "Report" to the plan page.
        let reportHref: String?
        /// The return itself, for staff to fill in.
        let formHref: String
    }

    static let statuses: [RAGStatus?] = [.green, .amber, .red, .noTarget, nil]

    /// The latest return `user` may see (staff: any; the public: published), judged; nil before there is one.
    /// `earlier`: the department's previous plan's returns (`IndicatorSeries.earlierReturns`), as the report reads them.
    static func latest(plan: ServicePlan, returns: [QuarterlyReturn], earlier: [QuarterlyReturn] = [], user: User?,
                       rules: StatusRules) -> LatestAssessment? {
        let visible = returns.visible(to: user)
        guard let current = visible.max(by: { $0.quarter < $1.quarter }) else { return nil }
        return LatestAssessment(assessment: ReturnAssessment(plan: plan, current: current, others: visible + earlier, rules: rules),
                                isExample: current.isExample, returnStatus: current.status)
    }

    /// One cell per status: how many of `lines` report it.
    static func cells(_ lines: [ReturnAssessment.IndicatorLine], href: String) -> [Cell] {
        statuses.map { s in Cell(symbol: StatusSymbol(s), count: lines.filter { $0.reportedStatus == s }.count, href: href) }
    }

    /// A plan's latest visible return, judged, and whether it is example data.
    struct LatestAssessment {
        let assessment: ReturnAssessment
        let isExample: Bool
        let returnStatus: ReturnStatus
        var quarter: Quarter { assessment.quarter }
        var indicators: [ReturnAssessment.IndicatorLine] { assessment.indicators }
    }

    init(plans: [(plan: ServicePlan, returns: [QuarterlyReturn])], user: User?, monitoring: MonitoringConfiguration) {
        let staff = Permissions.canSeePartII(user)
        let today = monitoring.calendar.today()
        self.plans = plans.map { plan, allReturns in
            let base = SitePaths.plan(plan.code)
            var latest: Latest?
            if let assessment = Self.latest(plan: plan, returns: allReturns, user: user, rules: monitoring.statusRules) {
                let report = SitePaths.report(plan.code, assessment.quarter)
                func cells(_ lines: [ReturnAssessment.IndicatorLine]) -> [Cell] { Self.cells(lines, href: "\(report)#indicators") }
                let priorities = plan.priorities.compactMap { p -> PriorityRow? in
                    let lines = assessment.indicators.filter { $0.indicator.corporatePlanCodes.contains(p.code) }
                    return lines.isEmpty ? nil : PriorityRow(priority: "\(p.code): \(p.title)", cells: cells(lines))
                }
                latest = Latest(quarter: assessment.quarter.label, example: assessment.isExample, reportHref: report,
                                exceptionsHref: SitePaths.report(plan.code, assessment.quarter, exceptions: true), counts: cells(assessment.indicators),
                                priorities: priorities, hasPriorities: !priorities.isEmpty)
            }
            let byQuarter = Dictionary(allReturns.map { ($0.quarter, $0) }, uniquingKeysWith: { a, _ in a })
            let closed = plan.period.years.flatMap(\.quarters).filter { $0.lastDay < today }
            var missing = 0, late = 0
            let rows: [ReturnRow] = closed.map { q in
                let deadline = monitoring.deadlines.deadline(for: q)
                let r = byQuarter[q]
                let timeliness = monitoring.timeliness(of: r, for: q)
                let state: String
                switch timeliness {
                case .missing: state = "Missing: was due \(deadline.longText)"; missing += 1
                case .notYetDue: state = r?.status.label ?? "Not started"
                case .notSubmitted: state = "\(r?.status.label ?? "Draft"), not submitted by the deadline"; late += 1
                case .onTime: state = r?.status.label ?? ""
                case .late(let submitted, _): state = "\(r?.status.label ?? ""), submitted late (\(submitted.longText))"; late += 1
                }
                return ReturnRow(quarter: q.label, deadline: deadline.longText, state: state + (r?.isExample == true ? " — example data" : ""),
                                 attention: timeliness.needsAttention, reportHref: r == nil ? nil : SitePaths.report(plan.code, q),
                                 formHref: SitePaths.quarterlyReturn(plan.code, q))
            }
            return PlanPanel(code: plan.code, title: plan.title, department: plan.council.department, period: plan.period.label,
                             status: plan.status.label, href: base, latest: latest, returns: rows.reversed(), showReturns: staff && !rows.isEmpty,
                             missingCount: missing, lateCount: late)
        }
        hasPlans = !plans.isEmpty
    }
}
