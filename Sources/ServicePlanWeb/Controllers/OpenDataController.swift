import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// `/open-data`: downloads anyone may take without signing in (issue #13 part 4), built from the
/// plans as the public sees them and from published returns only (docs/open-data.md).
struct OpenDataController {
    let plans: any PlanRepository
    let returns: any ReturnRepository
    let pages: PageRenderer
    let monitoring: MonitoringConfiguration
    let licence: OpenData.Licence

    func add(to router: Router<AppRequestContext>) {
        router.get("open-data") { request, context -> Response in
            let page = OpenDataPage(plans: try await plans.summaries(), refs: try await plans.publicIndicatorRefs(), licence: licence)
            return try pages.page("open-data", page, context: context, path: request.uri.path)
        }
        router.get("open-data/datapackage.json") { _, _ -> Response in
            let refs = Dictionary(grouping: try await plans.publicIndicatorRefs(), by: \.plan)
            let entries = try await plans.summaries().map { s in
                OpenData.PlanEntry(code: s.code, title: s.title, council: s.department, indicators: (refs[s.code] ?? []).map(\.ref.anchor))
            }
            let body = try OpenData.datapackage(plans: entries, licence: licence, site: "")
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("open-data/:plan/figures.csv") { _, context -> Response in
            let (plan, published) = try await publicPlan(context)
            return Self.csv(OpenData.figuresCSV(plan: plan, published: published, rules: monitoring.statusRules), name: "\(plan.code)-figures")
        }
        router.get("open-data/:plan/targets.csv") { _, context -> Response in
            let (plan, _) = try await publicPlan(context)
            return Self.csv(OpenData.targetsCSV(plan: plan), name: "\(plan.code)-targets")
        }
        router.get("open-data/:plan/sdg/:file") { _, context -> Response in
            let (plan, published) = try await publicPlan(context)
            // As the package and the page write it: the ref's anchor, percent-encoded.
            let raw = try context.parameters.require("file")
            let file = raw.removingPercentEncoding ?? raw
            guard file.hasSuffix(".csv"), let indicator = plan.indicators.first(where: { $0.ref.anchor == file.dropLast(4) }) else {
                throw HTTPError(.notFound, message: "\(plan.code) publishes no indicator file \(file).")
            }
            return Self.csv(OpenData.sdgCSV(indicator: indicator, published: published), name: "\(plan.code)-\(indicator.ref.anchor)")
        }
    }

    /// The plan without its Part II items, and its published returns: all the public may see.
    private func publicPlan(_ context: AppRequestContext) async throws -> (ServicePlan, [QuarterlyReturn]) {
        let code = try context.parameters.require("plan")
        guard let plan = try await plans.plan(code: code) else { throw HTTPError(.notFound, message: "There is no plan \(code).") }
        return (plan.visible(to: nil), try await returns.returns(plan: plan.code).visible(to: nil))
    }

    static func csv(_ text: String, name: String) -> Response {
        var response = JSONResponse.text(text, contentType: "text/csv; charset=utf-8")
        response.headers[.contentDisposition] = "inline; filename=\"\(name).csv\""
        return response
    }
}

/// The open-data page: per plan, its downloads; the package; the licence.
struct OpenDataPage: PageView {
    var chrome = Chrome.none
    let pageTitle = "Open data – serviceplan"
    let licenceTitle: String
    let licenceURL: String
    let plans: [Plan]
    let hasPlans: Bool

    struct Plan {
        let code: String
        let title: String
        let figures: String
        let targets: String
        let indicators: [Link]
    }

    struct Link {
        let label: String
        let href: String
    }

    init(plans summaries: [PlanSummary], refs: [(plan: String, ref: String)], licence: OpenData.Licence) {
        licenceTitle = licence.title
        licenceURL = licence.url
        let byPlan = Dictionary(grouping: refs, by: \.plan)
        plans = summaries.map { s in
            Plan(code: s.code, title: s.title, figures: "/open-data/\(s.code.urlPathEncoded)/figures.csv",
                 targets: "/open-data/\(s.code.urlPathEncoded)/targets.csv",
                 indicators: (byPlan[s.code] ?? []).map { Link(label: $0.ref, href: "/open-data/\(s.code.urlPathEncoded)/sdg/\($0.ref.anchor.urlPathEncoded).csv") })
        }
        hasPlans = !plans.isEmpty
    }
}
