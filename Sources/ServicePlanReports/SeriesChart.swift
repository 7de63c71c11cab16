import ServicePlanDomain

/// An SVG chart of one indicator's whole series, every quarter of every plan: the actuals, each
/// quarter's target (its plan's, pro rata when cumulative) and a rule where one plan gives way
/// to the next. Like `QuarterChart` it is drawn from numbers alone, and the table beside it on
/// the page holds every figure.
public enum SeriesChart {
    static let width = 640.0, height = 200.0
    static let left = 44.0, right = 12.0, top = 12.0, bottom = 40.0

    public static func svg(indicator: Indicator, points: [IndicatorSeries.Point], title: String, description: String) -> String {
        guard let first = points.map(\.quarter).min(), let last = points.map(\.quarter).max() else { return "" }
        func offset(_ q: Quarter) -> Int { (q.year.startYear - first.year.startYear) * 4 + q.number - first.number }
        let span = max(1, offset(last) + 1)
        let targets: [(Quarter, Double)] = points.compactMap { p in
            p.line.indicator.quarterTarget(p.quarter).map { (p.quarter, $0) }
        }
        let actuals: [(Quarter, Double)] = points.compactMap { p in p.actual.map { (p.quarter, $0) } }
        let values = actuals.map(\.1) + targets.map(\.1)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if indicator.unit == .percentage || indicator.unit == .count { low = min(0, low) }
        if high - low < 1e-9 { high = low + 1 }
        high += (high - low) * 0.1
        if indicator.unit == .percentage { high = min(100, high) }

        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ q: Quarter) -> Double { left + plotWidth * (Double(offset(q)) + 0.5) / Double(span) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - low) / (high - low)) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        let id = "series-\(indicator.ref.anchor)"

        var parts: [String] = []
        parts.append(#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="\#(Int(width))" height="\#(Int(height))" role="img" aria-labelledby="\#(id)-title \#(id)-desc">"#)
        parts.append("<title id=\"\(id)-title\">\(QuarterChart.escape(title))</title>")
        parts.append("<desc id=\"\(id)-desc\">\(QuarterChart.escape(description))</desc>")
        parts.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\"/>")
        parts.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(width - right))\" y2=\"\(n(top + plotHeight))\"/>")
        parts.append("<text class=\"tick\" x=\"\(n(left - 4))\" y=\"\(n(top + 4))\" text-anchor=\"end\">\(QuarterChart.escape(Figure.format((high * 10).rounded() / 10)))</text>")
        parts.append("<text class=\"tick\" x=\"\(n(left - 4))\" y=\"\(n(top + plotHeight))\" text-anchor=\"end\">\(QuarterChart.escape(Figure.format((low * 10).rounded() / 10)))</text>")
        // Each financial year labelled under its first quarter shown.
        var labelled = Set<FinancialYear>()
        for p in points.sorted(by: { $0.quarter < $1.quarter }) where labelled.insert(p.quarter.year).inserted {
            parts.append("<text class=\"tick\" x=\"\(n(x(p.quarter)))\" y=\"\(n(height - 20))\" text-anchor=\"start\">\(QuarterChart.escape(p.quarter.year.label))</text>")
        }
        // Where the plan changes: a rule between the last quarter of one and the first of the next.
        let ordered = points.sorted { $0.quarter < $1.quarter }
        for (a, b) in zip(ordered, ordered.dropFirst()) where a.plan != b.plan {
            let between = (x(a.quarter) + x(b.quarter)) / 2
            parts.append("<line class=\"axis\" stroke-dasharray=\"2 2\" x1=\"\(n(between))\" y1=\"\(n(top))\" x2=\"\(n(between))\" y2=\"\(n(top + plotHeight))\"/>")
            parts.append("<text class=\"tick\" x=\"\(n(between + 3))\" y=\"\(n(height - 6))\">\(QuarterChart.escape(b.plan))</text>")
        }
        if targets.count > 1 {
            parts.append("<polyline class=\"target\" points=\"\(targets.map { "\(n(x($0.0))),\(n(y($0.1)))" }.joined(separator: " "))\"/>")
        }
        if actuals.count > 1 {
            parts.append("<polyline class=\"actual\" points=\"\(actuals.map { "\(n(x($0.0))),\(n(y($0.1)))" }.joined(separator: " "))\"/>")
        }
        for (q, v) in actuals {
            parts.append("<circle class=\"actual-point\" cx=\"\(n(x(q)))\" cy=\"\(n(y(v)))\" r=\"4\"/>")
        }
        parts.append("</svg>")
        return parts.joined()
    }
}
