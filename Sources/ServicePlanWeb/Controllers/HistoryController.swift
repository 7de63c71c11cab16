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
        // `?from=N&to=M`: the net change between two versions, in words (as `serviceplan diff`).
        router.get("plans/:code/history/compare") { request, context -> Response in
            guard Permissions.canSeePartII(context.user) else {
                // Back to the same comparison after signing in: the query is part of it.
                let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return Response(status: .seeOther, headers: [.location: "/sign-in?next=\(target.urlPathEncoded)"])
            }
            let plan = try await plans.requireStored(context)
            let versions = PlanVersion.versions(try await plans.history(code: plan.code))
            let query = request.uri.queryParameters
            let to = try Self.version(query.get("to"), field: "to", default: versions.count, latest: versions.count)
            let from = try Self.version(query.get("from"), field: "from", default: max(0, to - 1), latest: versions.count)
            guard from <= to else { throw HTTPError(.badRequest, message: "from (version \(from)) must not be after to (version \(to)).") }
            return try pages.page("history-compare", ComparisonPage(plan: plan, versions: versions, from: from, to: to, timeZone: timeZone),
                                  context: context, path: request.uri.path)
        }
    }

    /// A version number from the query: 0 (before the plan existed) up to the latest.
    static func version(_ text: String?, field: String, default fallback: Int, latest: Int) throws -> Int {
        guard let text else { return fallback }
        guard let n = Int(text), (0...latest).contains(n) else {
            throw HTTPError(.badRequest, message: "\(field) must be a version from 0 to \(latest).")
        }
        return n
    }
}

/// Two versions of a plan compared in words.
struct ComparisonPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let title: String
    let planHref: String
    let historyHref: String
    let heading: String
    let lines: [String]
    let hasLines: Bool

    init(plan: ServicePlan, versions: [PlanVersion], from: Int, to: Int, timeZone: String) {
        func describe(_ n: Int) -> String {
            guard n > 0, n <= versions.count else { return "before the plan existed" }
            let v = versions[n - 1]
            let when = Timestamp.date(v.at).map { ItemService.describe($0, timeZone: timeZone) } ?? v.at
            return "version \(n) (\(when), \(v.actor), \(HistoryPage.vias[v.via] ?? v.via))"
        }
        pageTitle = "Changes to \(plan.title) – serviceplan"
        title = plan.title
        planHref = SitePaths.plan(plan.code)
        historyHref = SitePaths.history(plan.code)
        heading = "From \(describe(from)) to \(describe(to))"
        lines = PlanComparison.lines(PlanVersion.changes(versions, from: from, to: to))
        hasLines = !lines.isEmpty
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
        /// The version this record belongs to, and its comparison with the one before.
        let version: Int
        let hasVersion: Bool
        let compareHref: String
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
        let versionOf = Dictionary(PlanVersion.versions(records).flatMap { v in v.records.map { ($0, v.number) } },
                                   uniquingKeysWith: { a, _ in a })
        rows = records.map { r in
            let noun = Self.nouns[r.itemType] ?? r.itemType
            let isID = ["milestone", "risk", "equalityAction"].contains(r.itemType)
            return Row(when: Timestamp.date(r.at).map { ItemService.describe($0, timeZone: timeZone) } ?? r.at, at: r.at, actor: r.actor,
                       via: Self.vias[r.via] ?? r.via, action: r.action.capitalisedFirst,
                       item: "\(noun) \(isID ? "#" : "")\(r.itemKey)",
                       changes: r.changes.map { Change(field: $0.field, old: $0.old ?? "—", new: $0.new ?? "—") },
                       version: versionOf[r.id] ?? 0, hasVersion: versionOf[r.id] != nil,
                       compareHref: versionOf[r.id].map { "\(SitePaths.history(plan.code))/compare?from=\($0 - 1)&to=\($0)" } ?? "")
        }
        hasRows = !records.isEmpty
    }
}
