import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `GET /data-quality` and `GET /api/v1/data-quality`: every finding, grouped by dimension.
/// The public sees findings only on what it may see (no Part II, published returns only).
struct DataQualityController {
    let plans: any PlanRepository
    let returns: any ReturnRepository
    let pages: PageRenderer
    let monitoring: MonitoringConfiguration
    let councils: any CouncilRepository

    func add(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        api.get("data-quality") { request, context -> Response in
            JSONResponse.make(try await findings(context, plan: request.uri.queryParameters.get("plan"),
                                                 period: request.uri.queryParameters.get("period")))
        }
        // A page of plans at a time, as the dashboard: a national body's thousands of plans
        // would otherwise be loaded and judged for one page. The API answers for one plan or all.
        router.get("data-quality") { request, context -> Response in
            let shown = try await PlanPaging.codes(plans, page: request.uri.queryParameters.get("page"))
            var page = DataQualityPage(findings: try await findings(context, plans: shown.codes, period: nil))
            page.paging = PlanPaging(page: shown.number, plans: shown.count, path: "/data-quality")
            return try pages.page("data-quality", page, context: context, path: request.uri.path)
        }
    }

    func findings(_ context: AppRequestContext, plan code: String?, period: String?) async throws -> [Finding] {
        let codes = try await plans.summaries().map(\.code).filter { code == nil || $0 == code }
        return try await findings(context, plans: codes, period: period)
    }

    /// The findings on the plans `codes`, in that order.
    func findings(_ context: AppRequestContext, plans codes: [String], period: String?) async throws -> [Finding] {
        let quarter = try period.map { text -> Quarter in
            guard let q = Quarter(text) else { throw HTTPError(.badRequest, message: "\(text) is not a quarter (write 2009-10-Q2).") }
            return q
        }
        var out: [Finding] = []
        for code in codes {
            guard let plan = try await plans.plan(code: code) else { continue }
            let all = try await returns.returns(plan: plan.code)
            out += monitoring.dataQuality.visibleFindings(plan: plan, returns: all.visible(to: context.user),
                                                          user: context.user, period: quarter,
                                                          crossReferences: try await councils.crossReferences(for: plan))
        }
        return out
    }
}

/// The findings page: one section per dimension, each finding linked to its item.
struct DataQualityPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Data quality – serviceplan"
    let dimensions: [DimensionView]
    let total: Int
    let errors: Int
    /// Set when the plans fill more than one page.
    var paging: PlanPaging?

    struct DimensionView {
        let name: String
        let anchor: String
        let meaning: String
        let findings: [Row]
        let count: Int
    }

    struct Row {
        let severity: String
        let item: String
        let href: String
        let period: String
        let message: String
        let fix: String
        let rule: String
    }

    init(findings: [Finding]) {
        total = findings.count
        errors = findings.filter { $0.severity == FindingSeverity.error.rawValue }.count
        dimensions = QualityDimension.allCases.map { d in
            let rows = findings.filter { $0.dimension == d.rawValue }.map { f in
                Row(severity: f.severity.capitalisedFirst, item: "\(f.plan) \(f.item)", href: SitePaths.href(f.subject), period: f.period ?? "—",
                    message: f.message, fix: f.fix, rule: f.rule)
            }
            return DimensionView(name: d.label, anchor: "dimension-\(d.rawValue)", meaning: d.meaning, findings: rows, count: rows.count)
        }
    }
}
