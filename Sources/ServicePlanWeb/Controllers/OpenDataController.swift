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
    /// `serve --public-url` (as mail has it), for the catalogue's absolute addresses; nil: the request's Host.
    let publicURL: String?
    let secureCookies: Bool

    func add(to router: Router<AppRequestContext>) {
        router.get("open-data") { request, context -> Response in
            let page = OpenDataPage(plans: try await publicPlans(), licence: licence)
            return try pages.page("open-data", page, context: context, path: request.uri.path)
        }
        router.get("open-data/datapackage.json") { _, _ -> Response in
            let entries = try await publicPlans().map { OpenData.PlanEntry(plan: $0.plan, published: $0.published) }
            return Self.json(try OpenData.datapackage(plans: entries, licence: licence, site: ""))
        }
        router.get("open-data/catalog.json") { request, _ -> Response in
            let entries = try await publicPlans().map { OpenData.PlanEntry(plan: $0.plan, published: $0.published) }
            return Self.json(try OpenData.catalog(plans: entries, licence: licence, site: site(request)))
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
            // A file of headers alone fails Open SDG's check, so there is none until a number is.
            guard OpenData.hasSDGFigures(indicator: indicator, published: published) else {
                throw HTTPError(.notFound, message: "\(plan.code) \(indicator.ref) has no published figures yet.")
            }
            return Self.csv(OpenData.sdgCSV(indicator: indicator, published: published), name: "\(plan.code)-\(indicator.ref.anchor)")
        }
    }

    /// Every plan as the public sees it, with its published returns: the page, the package and
    /// the catalogue list only the SDG files that have a row, which the returns decide.
    private func publicPlans() async throws -> [(plan: ServicePlan, published: [QuarterlyReturn])] {
        var shown: [(plan: ServicePlan, published: [QuarterlyReturn])] = []
        for summary in try await plans.summaries() {
            guard let plan = try await plans.plan(code: summary.code) else { continue }
            shown.append((plan.visible(to: nil), try await returns.returns(plan: plan.code).visible(to: nil)))
        }
        return shown
    }

    /// Where the catalogue's addresses start: the public address `serve` was given, else the one
    /// the request reached us at if its Host is a plain host[:port] (as the calendar link does);
    /// anything else in Host (a path, quotes) gives paths alone rather than an address it made up.
    private func site(_ request: Request) -> String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        let host = request.head.authority ?? ""
        let plain = !host.isEmpty && host.utf8.count <= 253
            && host.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]").contains($0) }
        return plain ? "\(secureCookies ? "https" : "http")://\(host)" : ""
    }

    /// The plan without its Part II items, and its published returns: all the public may see.
    private func publicPlan(_ context: AppRequestContext) async throws -> (ServicePlan, [QuarterlyReturn]) {
        let code = try context.parameters.require("plan")
        guard let plan = try await plans.plan(code: code) else { throw HTTPError(.notFound, message: "There is no plan \(code).") }
        return (plan.visible(to: nil), try await returns.returns(plan: plan.code).visible(to: nil))
    }

    static func json(_ body: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func csv(_ text: String, name: String) -> Response {
        var response = JSONResponse.text(text, contentType: "text/csv; charset=utf-8")
        response.headers[.contentDisposition] = "inline; filename=\"\(name).csv\""
        return response
    }
}

/// The open-data page: per plan, its downloads (an SDG file only for an indicator with a figure);
/// the package; the catalogue; the licence.
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

    init(plans shown: [(plan: ServicePlan, published: [QuarterlyReturn])], licence: OpenData.Licence) {
        licenceTitle = licence.title
        licenceURL = licence.url
        plans = shown.map { plan, published in
            let folder = "/open-data/\(plan.code.urlPathEncoded)"
            return Plan(code: plan.code, title: plan.title, figures: "\(folder)/figures.csv", targets: "\(folder)/targets.csv",
                        indicators: plan.indicators.filter { OpenData.hasSDGFigures(indicator: $0, published: published) }
                            .map { Link(label: $0.ref, href: "\(folder)/sdg/\($0.ref.anchor.urlPathEncoded).csv") })
        }
        hasPlans = !plans.isEmpty
    }
}
