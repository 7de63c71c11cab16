import Hummingbird
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// One indicator across plan periods: `/plans/{code}/indicators/{ref}` (every year's baseline,
/// targets and actuals and every quarter's return, in every plan of the council that carries the
/// ref, with a chart) and the same as JSON at `/api/v1/plans/{code}/indicators/{ref}/series`.
/// The public reads published returns and no Part II item, in any plan of the series.
struct IndicatorSeriesController {
    let plans: any PlanRepository
    let returns: any ReturnRepository
    let councils: any CouncilRepository
    let benchmarks: any BenchmarkRepository
    let pages: PageRenderer
    let monitoring: MonitoringConfiguration

    func add(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("plans/:code/indicators/:ref", use: page)
        api.get("plans/:code/indicators/:ref/series", use: document)
    }

    /// The indicator as the requester may see it and its series; 404 for an indicator they may not see.
    private func series(_ context: AppRequestContext) async throws -> (ServicePlan, Indicator, [PlanReturns], IndicatorSeriesFigures) {
        let stored = try await plans.requireStored(context)
        let ref = try context.pathValue("ref")
        let own = PlanReturns(plan: stored, returns: try await returns.returns(plan: stored.code)).visible(to: context.user)
        guard let indicator = own.plan.indicator(ref) else {
            throw HTTPError(.notFound, message: "Plan \(stored.code) has no indicator \(ref).")
        }
        let others = try await councils.otherPlans(of: stored, plans: plans, returns: returns, earlierOnly: false)
            .map { $0.visible(to: context.user) }
        // Only plans whose indicator of this ref measures alike join its series.
        var chain: [PlanReturns] = []
        // The All-England quartiles computed from stored national data, where a plan file has none
        // (as the plan page shows them): a year with national values never reads "Unknown".
        for member in IndicatorSeries.chain(of: own, among: others) where member.plan.indicator(ref).map(indicator.measuresLike) ?? false {
            chain.append(try await withNationalQuartiles(member, ref: ref))
        }
        let figures = IndicatorSeries.figures(ref: ref, chain: chain, rules: monitoring.statusRules)
        return (own.plan, indicator, chain, IndicatorSeriesFigures(years: figures.years, points: figures.points))
    }

    /// `member` with the indicator's quartiles computed from national data, where there is some,
    /// for every year of its plan and its baseline's (`computeQuartiles`, as the plan page has them).
    private func withNationalQuartiles(_ member: PlanReturns, ref: String) async throws -> PlanReturns {
        guard let indicator = member.plan.indicator(ref) else { return member }
        let years = member.plan.period.years + [indicator.baseline.year]
        return PlanReturns(plan: try await benchmarks.computeQuartiles(member.plan, years: years, indicator: ref).plan, returns: member.returns)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (plan, indicator, chain, figures) = try await series(context)
        return try pages.page("indicator", IndicatorSeriesPage(plan: plan, indicator: indicator, chain: chain, figures: figures),
                              context: context, path: request.uri.path)
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (plan, indicator, chain, figures) = try await series(context)
        return JSONResponse.make(IndicatorSeriesDocument(plan: plan, indicator: indicator, chain: chain, figures: figures))
    }
}

/// The years and quarters of one indicator's series.
struct IndicatorSeriesFigures {
    let years: [IndicatorSeries.Year]
    let points: [IndicatorSeries.Point]
}

/// `GET /api/v1/plans/{code}/indicators/{ref}/series`: a contract with councils' scripts; extend, never rename.
struct IndicatorSeriesDocument: Encodable {
    struct PlanEntry: Encodable { let code: String, title: String, from: String, to: String }
    struct YearEntry: Encodable {
        let year: String, plan: String
        let target: IndicatorDocument.FigureValue?, actual: IndicatorDocument.FigureValue?
        /// The plan's baseline, in the year it names.
        let baseline: IndicatorDocument.FigureValue?
        let quartiles: QuartilesDocument?
    }
    struct QuartilesDocument: Encodable { let top: IndicatorDocument.FigureValue, middle: IndicatorDocument.FigureValue, bottom: IndicatorDocument.FigureValue }
    struct QuarterEntry: Encodable {
        let period: String, plan: String, actual: Double?, target: IndicatorDocument.FigureValue
        let status: String?, directionOnLastYear: String, directionOnLastQuarter: String
        let forecast: Double?, forecastStatus: String?
        /// The forecast's 80 % prediction interval (docs/status-rules.md); absent with `forecast`.
        let forecastLow: Double?, forecastHigh: Double?
        let returnStatus: String, example: Bool
    }

    let plan: String
    let ref: String
    let title: String
    let unit: String
    let polarity: String
    let aggregation: String
    let plans: [PlanEntry]
    let years: [YearEntry]
    let quarters: [QuarterEntry]

    init(plan: ServicePlan, indicator: Indicator, chain: [PlanReturns], figures: IndicatorSeriesFigures) {
        self.plan = plan.code
        ref = indicator.ref
        title = indicator.title
        unit = indicator.unit.rawValue
        polarity = indicator.polarity.rawValue
        aggregation = indicator.aggregation.rawValue
        plans = chain.map { PlanEntry(code: $0.plan.code, title: $0.plan.title, from: $0.plan.period.first.label, to: $0.plan.period.last.label) }
        years = figures.years.map { y in
            YearEntry(year: y.year.label, plan: y.plan,
                      target: y.target.map(IndicatorDocument.FigureValue.init), actual: y.actual.map(IndicatorDocument.FigureValue.init),
                      baseline: y.isBaseline ? IndicatorDocument.FigureValue(y.indicator.baseline.value) : nil,
                      quartiles: y.quartiles.map { QuartilesDocument(top: .init($0.top), middle: .init($0.middle), bottom: .init($0.bottom)) })
        }
        quarters = figures.points.map { p in
            QuarterEntry(period: p.quarter.identifier, plan: p.plan, actual: p.actual, target: IndicatorDocument.FigureValue(p.line.target),
                         status: p.line.status?.rawValue, directionOnLastYear: p.line.directionOnLastYear.rawValue,
                         directionOnLastQuarter: p.line.directionOnLastQuarter.rawValue,
                         forecast: p.line.forecast?.projection?.outturn, forecastStatus: p.line.forecast?.projection?.status.rawValue,
                         forecastLow: p.line.forecast?.projection?.low, forecastHigh: p.line.forecast?.projection?.high,
                         returnStatus: p.returnStatus.rawValue, example: p.isExample)
        }
    }
}
