import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `GET /api/v1/benchmarks/{ref}/{year}` and `GET /benchmarks/{ref}`: All-England quartiles
/// computed from national data, and where the council stands.
struct BenchmarkController {
    let plans: any PlanRepository
    let benchmarks: any BenchmarkRepository
    let pages: PageRenderer

    func add(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        api.get("benchmarks/:ref/:year") { _, context -> Response in
            let ref = try Self.ref(context)
            let text = try context.parameters.require("year")
            guard let year = FinancialYear(text) else { throw HTTPError(.notFound, message: "\(text) is not a financial year (write 2007-08).") }
            let (indicator, council) = try await self.indicator(ref, user: context.user)
            guard let result = BenchmarkResult(indicator: indicator, ref: ref, year: year,
                                               values: try await benchmarks.values(indicator: ref, year: year), council: council) else {
                throw HTTPError(.notFound, message: "No national data for \(ref) in \(year.label).")
            }
            return JSONResponse.make(result)
        }
        router.get("benchmarks/:ref") { request, context -> Response in
            let ref = try Self.ref(context)
            let (indicator, council) = try await self.indicator(ref, user: context.user)
            var years: [BenchmarkPage.YearView] = []
            for year in try await benchmarks.years(indicator: ref).reversed() {
                let values = try await benchmarks.values(indicator: ref, year: year)
                if let result = BenchmarkResult(indicator: indicator, ref: ref, year: year, values: values, council: council) {
                    years.append(BenchmarkPage.YearView(result: result, values: values, indicator: indicator, council: council))
                }
            }
            guard !years.isEmpty else { throw HTTPError(.notFound, message: "No national data has been imported for \(ref).") }
            return try pages.page("benchmark", BenchmarkPage(ref: ref, indicator: indicator, council: council, years: years),
                                  context: context, path: request.uri.path)
        }
    }

    static func ref(_ context: AppRequestContext) throws -> String {
        try context.pathValue("ref")
    }

    /// The indicator (from the first plan by code that holds it and that the requester may see)
    /// and that plan's council; failing that, the first plan's council that has an authority code,
    /// to place in the data. Only the plans holding the ref are loaded (one indexed query finds
    /// them), and for the fallback only as many as it takes.
    func indicator(_ ref: String, user: User?) async throws -> (Indicator?, Council?) {
        for code in try await plans.planCodes(withIndicator: ref) {
            guard let plan = try await plans.plan(code: code)?.visible(to: user) else { continue }
            if let indicator = plan.indicator(ref) { return (indicator, plan.council) }
        }
        for summary in try await plans.summaries() {
            if let council = try await plans.plan(code: summary.code)?.council, council.authorityCode != nil { return (nil, council) }
        }
        return (nil, nil)
    }
}
