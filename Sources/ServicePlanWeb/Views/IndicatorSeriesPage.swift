import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// `/plans/{code}/indicators/{ref}`: one indicator across every plan of the council that carries
/// it — a chart, then each year's baseline, target and actual, then every quarter's return.
struct IndicatorSeriesPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let ref: String
    let title: String
    let planCode: String
    let planHref: String
    let about: String
    let plans: [PlanLink]
    let hasSeveralPlans: Bool
    let example: Bool
    let exampleLabel: String
    let chart: String
    let chartCaption: String
    let hasQuarters: Bool
    let years: [YearRow]
    let quarters: [QuarterRow]

    struct PlanLink { let code: String, title: String, period: String, href: String }
    struct YearRow { let year: String, plan: String, baseline: String, target: String, actual: String, quartiles: String }
    struct QuarterRow {
        let quarter: String, plan: String, actual: String, target: String
        let status: StatusSymbol, directionYear: StatusSymbol, directionQuarter: StatusSymbol
        let forecast: String, example: Bool
    }

    init(plan: ServicePlan, indicator: Indicator, chain: [PlanReturns], figures: IndicatorSeriesFigures) {
        ref = indicator.ref
        title = indicator.title
        pageTitle = "\(indicator.ref) across plans – serviceplan"
        planCode = plan.code
        planHref = SitePaths.plan(plan.code) + "#" + (SitePaths.anchor(.indicator(plan: plan.code, ref: indicator.ref)) ?? "")
        about = [indicator.unit.label, indicator.polarity == .higherIsBetter ? "higher is better" : "lower is better",
                 indicator.aggregation == .cumulative ? "counted year to date" : "each quarter a snapshot"].joined(separator: " · ")
        plans = chain.map { p in
            PlanLink(code: p.plan.code, title: p.plan.title, period: p.plan.period.label,
                     href: SitePaths.item(.indicator(plan: p.plan.code, ref: indicator.ref)) ?? SitePaths.plan(p.plan.code))
        }
        hasSeveralPlans = chain.count > 1
        example = figures.points.contains(where: \.isExample)
        exampleLabel = ExampleReturns.label
        chart = SeriesChart.svg(indicator: indicator, points: figures.points, title: "\(indicator.ref) by quarter, every plan",
                                description: "Quarterly actuals with each quarter's target; the table below gives every figure.")
        let periods = figures.points.map(\.quarter)
        chartCaption = periods.isEmpty ? "" : "\(periods.min()?.label ?? "") to \(periods.max()?.label ?? ""): actuals (solid) and targets (dashed)."
        hasQuarters = !figures.points.isEmpty
        func shown(_ figure: Figure?, _ i: Indicator) -> String { figure.map(i.display) ?? "—" }
        years = figures.years.map { y in
            let q = y.quartiles.map { "\(y.indicator.display($0.top)) / \(y.indicator.display($0.middle)) / \(y.indicator.display($0.bottom))" }
            return YearRow(year: y.year.label, plan: y.plan, baseline: y.isBaseline ? y.indicator.display(y.indicator.baseline.value) : "",
                           target: shown(y.target, y.indicator), actual: shown(y.actual, y.indicator), quartiles: q ?? "—")
        }
        quarters = figures.points.map { p in
            let unit = p.line.indicator
            return QuarterRow(quarter: p.quarter.label, plan: p.plan, actual: p.actual.map(unit.unit.display) ?? "—",
                              target: unit.display(p.line.target), status: StatusSymbol(p.line.reportedStatus),
                              directionYear: StatusSymbol(p.line.directionOnLastYear), directionQuarter: StatusSymbol(p.line.directionOnLastQuarter),
                              forecast: p.line.forecast?.sentence(unit.unit) ?? "—", example: p.isExample)
        }
    }
}
