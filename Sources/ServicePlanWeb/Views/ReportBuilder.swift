import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// Builds the Quarterly Service Plan Monitoring Report for the web route and the command line:
/// the public version (published returns only, Part II removed) or the members' version.
public struct ReportBuilder: Sendable {
    let plans: any PlanRepository
    let returns: ReturnRepository
    let database: any Database
    let rules: StatusRules
    let pages: PageRenderer
    let today: @Sendable () -> CalendarDate
    let dataQuality: DataQualityChecker

    public init(database: any Database, rules: StatusRules = .standard, dataQuality: DataQualityChecker? = nil) async throws {
        self.init(plans: SQLPlanRepository(database: database), returns: ReturnRepository(database: database), database: database,
                  rules: rules, pages: try await PageRenderer.load(), today: { CalendarDate.of(Date()) },
                  dataQuality: dataQuality ?? DataQualityChecker(statusRules: rules))
    }

    init(plans: any PlanRepository, returns: ReturnRepository, database: any Database, rules: StatusRules, pages: PageRenderer,
         today: @escaping @Sendable () -> CalendarDate, dataQuality: DataQualityChecker) {
        self.dataQuality = dataQuality
        self.plans = plans
        self.returns = returns
        self.database = database
        self.rules = rules
        self.pages = pages
        self.today = today
    }

    /// Why a report cannot be made.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The report's model. `user` nil (or `publicVersion`) gives the public version.
    public func report(plan code: String, quarter: Quarter, user: User?, exceptionsOnly: Bool,
                       publicVersion: Bool = false) async throws -> ReportPage {
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
        let (plan, _) = try await BenchmarkStore(database: database).computeQuartiles(isPublic ? stored.visible(to: nil) : stored,
                                                                                       years: [quarter.year])
        // The public version draws on published returns only: its table, chart, direction and forecast.
        let visibleReturns = isPublic ? all.filter { $0.status == .published } : all
        let findings = dataQuality.visibleFindings(plan: stored, returns: visibleReturns, user: isPublic ? nil : user, today: today(),
                                                   period: quarter)
        return ReportPage(plan: plan, current: current, others: visibleReturns, rules: rules, exceptionsOnly: exceptionsOnly,
                          isPublicVersion: isPublic, findings: findings)
    }

    /// The report as a standalone HTML file, its stylesheet inside it.
    public func html(_ report: ReportPage) throws -> String {
        var report = report
        report.inlineCSS = try String(contentsOfFile: PageRenderer.staticFolder + "/app.css", encoding: .utf8)
        guard let html = pages.library.render(report, withTemplate: "report") else {
            throw Unavailable(description: "The report template is missing from the build's resources.")
        }
        return html
    }

    /// The report's items as CSV, one row per milestone and indicator (RFC 4180).
    public static func csv(_ r: ReportPage) -> String {
        var rows = [["section", "ref", "item", "due", "actual", "target", "status", "officer_status", "direction_on_last_year",
                     "direction_on_last_quarter", "forecast", "commentary"]]
        if r.example { rows.append(["note", "", "Example data — not Halton's figures", "", "", "", "", "", "", "", "", ""]) }
        for o in r.objectives {
            for m in o.milestones {
                rows.append(["milestone", o.ref, m.text, m.due, "", "", m.symbol.label, m.reported ?? "", "", "", "", m.commentary])
            }
        }
        for i in r.keyIndicators + r.otherIndicators {
            rows.append(["indicator", i.ref, i.title, "", i.actual, i.target, i.symbol.label, i.override.map { "\($0): \(i.overrideReason ?? "")" } ?? "",
                         i.directionYear.label, i.directionQuarter.label, i.forecast, i.commentary])
        }
        return rows.map { $0.map(IndicatorCSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
