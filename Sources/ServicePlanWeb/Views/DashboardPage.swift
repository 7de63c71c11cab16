import Foundation
import ServicePlanDomain
import ServicePlanStore

/// `GET /`: each plan's latest quarter at a glance — how many indicators are on, slightly off and
/// off target, per plan and per corporate priority — and, for staff, which returns are missing or late.
struct DashboardPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Service plans – serviceplan"
    let plans: [PlanPanel]
    let hasPlans: Bool

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
        /// The report, once there is a return.
        let href: String?
        /// The return itself, for staff to fill in.
        let formHref: String
    }

    static let statuses: [RAGStatus?] = [.green, .amber, .red, .noTarget, nil]

    init(plans: [(plan: ServicePlan, returns: [QuarterlyReturn])], user: User?, rules: StatusRules, deadlines: ReturnDeadlines,
         today: CalendarDate) {
        let staff = Permissions.canSeePartII(user)
        self.plans = plans.map { plan, allReturns in
            let base = "/plans/\(plan.code.urlPathEncoded)"
            let visible = allReturns.filter { staff || $0.status == .published }
            var latest: Latest?
            if let current = visible.max(by: { $0.quarter < $1.quarter }) {
                let assessment = ReturnAssessment(plan: plan, current: current, others: visible, rules: rules)
                let report = "\(base)/reports/\(current.quarter.identifier)"
                func cells(_ lines: [ReturnAssessment.IndicatorLine]) -> [Cell] {
                    Self.statuses.map { s in
                        Cell(symbol: StatusSymbol(s), count: lines.filter { $0.reportedStatus == s }.count, href: "\(report)#indicators")
                    }
                }
                let priorities = plan.priorities.compactMap { p -> PriorityRow? in
                    let lines = assessment.indicators.filter { $0.indicator.corporatePlanCodes.contains(p.code) }
                    return lines.isEmpty ? nil : PriorityRow(priority: "\(p.code): \(p.title)", cells: cells(lines))
                }
                latest = Latest(quarter: current.quarter.label, example: current.isExample, reportHref: report,
                                exceptionsHref: "\(report)?exceptions=true", counts: cells(assessment.indicators),
                                priorities: priorities, hasPriorities: !priorities.isEmpty)
            }
            let byQuarter = Dictionary(allReturns.map { ($0.quarter, $0) }, uniquingKeysWith: { a, _ in a })
            let closed = plan.period.years.flatMap(\.quarters).filter { $0.lastDay < today }
            var missing = 0, late = 0
            let rows: [ReturnRow] = closed.map { q in
                let deadline = deadlines.deadline(for: q)
                let r = byQuarter[q]
                let submitted = r?.submittedAt.flatMap { Timestamp.date($0) }.map { CalendarDate.of($0) }
                let state: String
                var attention = false
                switch (r, submitted) {
                case (nil, _):
                    state = deadline < today ? "Missing: was due \(PlanPage.longDate(deadline))" : "Not started"
                    if deadline < today { missing += 1; attention = true }
                case (let r?, nil):
                    state = "\(r.status.label)\(deadline < today ? ", not submitted by the deadline" : "")"
                    if deadline < today { late += 1; attention = true }
                case (let r?, let s?):
                    state = r.status.label + (s > deadline ? ", submitted late (\(PlanPage.longDate(s)))" : "")
                    if s > deadline { late += 1; attention = true }
                }
                return ReturnRow(quarter: q.label, deadline: PlanPage.longDate(deadline), state: state + (r?.isExample == true ? " — example data" : ""),
                                 attention: attention, href: r == nil ? nil : "\(base)/reports/\(q.identifier)",
                                 formHref: "\(base)/returns/\(q.identifier)")
            }
            return PlanPanel(code: plan.code, title: plan.title, department: plan.council.department, period: plan.period.label,
                             status: plan.status.label, href: base, latest: latest, returns: rows.reversed(), showReturns: staff && !rows.isEmpty,
                             missingCount: missing, lateCount: late)
        }
        hasPlans = !plans.isEmpty
    }
}

extension CalendarDate {
    /// The calendar day of an instant in the UK (returns are due by UK working days).
    public static func of(_ date: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
