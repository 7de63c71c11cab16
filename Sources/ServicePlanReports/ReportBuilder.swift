import ServicePlanDomain
import ServicePlanStore

/// Builds the Quarterly Service Plan Monitoring Report for the web route and the command line:
/// the public version (published returns only, Part II removed) or the members' version.
public struct ReportBuilder: Sendable {
    let plans: any PlanRepository
    let returns: any ReturnRepository
    let benchmarks: any BenchmarkRepository
    let monitoring: MonitoringConfiguration
    /// Where a linked plan's cross-references are resolved (none: they are not checked).
    let councils: (any CouncilRepository)?

    public init(plans: any PlanRepository, returns: any ReturnRepository, benchmarks: any BenchmarkRepository,
                monitoring: MonitoringConfiguration, councils: (any CouncilRepository)? = nil) {
        self.councils = councils
        self.plans = plans
        self.returns = returns
        self.benchmarks = benchmarks
        self.monitoring = monitoring
    }

    public init(stores: Stores, monitoring: MonitoringConfiguration) {
        self.init(plans: stores.plans, returns: stores.returns, benchmarks: stores.benchmarks, monitoring: monitoring, councils: stores.councils)
    }

    /// Why a report cannot be made: no such plan, a quarter outside it, or no (published) return.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The report's model. `user` nil (or `publicVersion`) gives the public version.
    public func report(plan code: String, quarter: Quarter, user: User?, exceptionsOnly: Bool,
                       publicVersion: Bool = false) async throws -> MonitoringReport {
        try await report(plan: code, quarter: quarter, user: user, exceptionsOnly: exceptionsOnly, publicVersion: publicVersion, partOfBoard: false)
    }

    /// The board report: every plan of the council whose department the board scrutinises and
    /// whose period holds the quarter, each reported as on its own (a plan without a return the
    /// reader may see is named with the reason). Nil `council`, board or council repository: unavailable.
    public func boardReport(council code: String, board boardCode: String, quarter: Quarter, user: User?, exceptionsOnly: Bool,
                            publicVersion: Bool = false) async throws -> BoardReport {
        guard let councils, let council = try await councils.council(code: code) else {
            throw Unavailable(description: "There is no council with code \(code).")
        }
        guard let board = council.boards.first(where: { $0.code == boardCode }) else {
            throw Unavailable(description: "\(council.name) has no board with code \(boardCode).")
        }
        let isPublic = publicVersion || !Permissions.canSeePartII(user)
        var parts: [BoardReport.PlanPart] = []
        for planCode in try await councils.planCodes(council: code) {
            guard let plan = try await plans.plan(code: planCode), let link = plan.link, board.departments.contains(link.department),
                  plan.period.contains(quarter.year) else { continue }
            do {
                let report = try await report(plan: planCode, quarter: quarter, user: user, exceptionsOnly: exceptionsOnly,
                                              publicVersion: isPublic, partOfBoard: true)
                parts.append(.init(code: plan.code, title: plan.title, report: report, unavailable: nil))
            } catch let error as Unavailable {
                parts.append(.init(code: plan.code, title: plan.title, report: nil, unavailable: error.description))
            }
        }
        return BoardReport(council: council, board: board, quarter: quarter, plans: parts, exceptionsOnly: exceptionsOnly, isPublicVersion: isPublic)
    }

    private func report(plan code: String, quarter: Quarter, user: User?, exceptionsOnly: Bool,
                        publicVersion: Bool, partOfBoard: Bool) async throws -> MonitoringReport {
        guard let stored = try await plans.plan(code: code) else { throw Unavailable(description: "No plan has the code \(code).") }
        guard stored.period.contains(quarter.year) else {
            throw Unavailable(description: "\(quarter.label) is outside the plan's period \(stored.period.label).")
        }
        let all = try await returns.returns(plan: code)
        let isPublic = publicVersion || !Permissions.canSeePartII(user)
        guard let current = all.first(where: { $0.quarter == quarter }), !isPublic || current.status == .published else {
            throw Unavailable(description: "There is no \(isPublic ? "published " : "")return for \(quarter.label).")
        }
        // The charts' quartile bands come from national data for the report's year, when there is some.
        let computed = try await benchmarks.computeQuartiles(isPublic ? stored.visible(to: nil) : stored, years: [quarter.year])
        // The public version draws on published returns only: its table, chart, direction and forecast.
        let visibleReturns = isPublic ? all.filter { $0.status == .published } : all
        let findings = monitoring.dataQuality.visibleFindings(plan: stored, returns: visibleReturns, user: isPublic ? nil : user,
                                                              period: quarter,
                                                              crossReferences: try await councils?.crossReferences(for: stored))
        // In the plan's first year, direction of travel reads the department's previous plan.
        let reader = isPublic ? nil : user
        let earlier = quarter.year == stored.period.first
            ? try await councils?.otherPlans(of: stored, plans: plans, returns: returns, earlierOnly: true).map { $0.visible(to: reader) } ?? []
            : []
        let series = IndicatorSeries.earlierReturns(for: stored.visible(to: reader), among: earlier)
        return MonitoringReport(plan: computed.plan, current: current, others: visibleReturns + series, rules: monitoring.statusRules,
                                exceptionsOnly: exceptionsOnly, isPublicVersion: isPublic, findings: findings, partOfBoard: partOfBoard)
    }
}
