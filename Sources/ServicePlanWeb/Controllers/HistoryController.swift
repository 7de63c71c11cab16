import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `GET /plans/{code}/history`: the plan's audit trail. Records may name Part II items and
/// staff, so only signed-in users see it.
struct HistoryController {
    let plans: any PlanRepository
    let pages: PageRenderer
    let audit: any AuditRepository
    let timeZone: String

    func add(to router: Router<AppRequestContext>) {
        router.get("plans/:code/history") { request, context -> Response in
            guard Permissions.canSeePartII(context.user) else {
                return Response(status: .seeOther, headers: [.location: "/sign-in?next=\(request.uri.path.urlPathEncoded)"])
            }
            let plan = try await plans.requireStored(context)
            let records = try await plans.history(code: plan.code)
            let chain = try await audit.verify(plan: plan.code).first
            return try pages.page("history", HistoryPage(plan: plan, records: records, chain: chain, timeZone: timeZone), context: context,
                                  path: request.uri.path)
        }
    }
}

/// The audit trail as a table: when, who, how, what, and each field's old and new values.
struct HistoryPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let title: String
    let planHref: String
    let rows: [Row]
    let hasRows: Bool
    /// Whether the plan's audit hash chain verifies, its newest hash, or the first record that breaks it.
    let chainVerifies: Bool
    let chainHead: String
    let chainProblem: String

    struct Row {
        let when: String
        let at: String
        let actor: String
        let via: String
        let action: String
        let item: String
        let changes: [Change]
    }

    struct Change {
        let field: String
        let old: String
        let new: String
    }

    static let nouns = ["plan": "Plan", "objective": "Objective", "milestone": "Milestone", "indicator": "Indicator",
                        "risk": "Risk", "equalityAction": "Equality action"]
    static let vias = ["form": "web form", "api": "API", "import": "plan file import", "cli": "command line"]

    init(plan: ServicePlan, records: [AuditRecord], chain: AuditChain.Report?, timeZone: String) {
        chainVerifies = chain?.verifies ?? true
        chainHead = chain?.head ?? ""
        chainProblem = chain?.firstBad.map { $0.description.capitalisedFirst } ?? ""
        pageTitle = "History of \(plan.title) – serviceplan"
        title = plan.title
        planHref = SitePaths.plan(plan.code)
        rows = records.map { r in
            let noun = Self.nouns[r.itemType] ?? r.itemType
            let isID = ["milestone", "risk", "equalityAction"].contains(r.itemType)
            return Row(when: Timestamp.date(r.at).map { ItemService.describe($0, timeZone: timeZone) } ?? r.at, at: r.at, actor: r.actor,
                       via: Self.vias[r.via] ?? r.via, action: r.action.capitalisedFirst,
                       item: "\(noun) \(isID ? "#" : "")\(r.itemKey)",
                       changes: r.changes.map { Change(field: $0.field, old: $0.old ?? "—", new: $0.new ?? "—") })
        }
        hasRows = !records.isEmpty
    }
}
