import ServicePlanDomain

/// A small SVG chart of one indicator's year: quarterly actuals, the target line (the pro-rata
/// share for a cumulative indicator) and the All-England quartile band where known. We draw it
/// ourselves: no script, prints as vector, and every number is also in the table beside it.
public enum QuarterChart {
    static let width = 300.0, height = 150.0
    static let left = 44.0, right = 12.0, top = 12.0, bottom = 28.0

    /// `actuals` by quarter number (1–4) for one financial year.
    static func svg(indicator: Indicator, year: FinancialYear, actuals: [Int: Double], idPrefix: String = "", title: String, description: String) -> String {
        let id = idPrefix + Self.id(indicator)
        let target = indicator.targets[year]?.number
        let quartiles = indicator.quartiles[year].flatMap { q -> (Double, Double)? in
            guard let top = q.top.number, let bottom = q.bottom.number else { return nil }
            return (min(top, bottom), max(top, bottom))
        }
        func targetAt(_ q: Int) -> Double? {
            guard target != nil, let quarter = Quarter(year: year, number: q) else { return nil }
            return indicator.quarterTarget(quarter)
        }
        var values = Array(actuals.values)
        values += (1...4).compactMap(targetAt)
        if let quartiles { values += [quartiles.0, quartiles.1] }
        var low = values.min() ?? 0, high = values.max() ?? 1
        // Percentages and counts start at zero, so the chart does not exaggerate small differences.
        if indicator.unit == .percentage || indicator.unit == .count { low = 0 }
        if high - low < 1e-9 { high = low + 1 }
        high += (high - low) * 0.1
        if indicator.unit == .percentage { high = min(100, high) }

        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ q: Int) -> Double { left + plotWidth * (Double(q) - 0.5) / 4 }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - low) / (high - low)) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }

        var parts: [String] = []
        parts.append(#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="\#(Int(width))" height="\#(Int(height))" role="img" aria-labelledby="\#(id)-title \#(id)-desc">"#)
        parts.append("<title id=\"\(id)-title\">\(escape(title))</title>")
        parts.append("<desc id=\"\(id)-desc\">\(escape(description))</desc>")
        if let (a, b) = quartiles {
            parts.append("<rect class=\"quartile-band\" x=\"\(n(left))\" y=\"\(n(y(b)))\" width=\"\(n(plotWidth))\" height=\"\(n(max(0.5, y(a) - y(b))))\"/>")
        }
        // Axes and the scale's two ends.
        parts.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\"/>")
        parts.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(width - right))\" y2=\"\(n(top + plotHeight))\"/>")
        parts.append("<text class=\"tick\" x=\"\(n(left - 4))\" y=\"\(n(top + 4))\" text-anchor=\"end\">\(escape(Figure.format((high * 10).rounded() / 10)))</text>")
        parts.append("<text class=\"tick\" x=\"\(n(left - 4))\" y=\"\(n(top + plotHeight))\" text-anchor=\"end\">\(escape(Figure.format((low * 10).rounded() / 10)))</text>")
        for q in 1...4 {
            parts.append("<text class=\"tick\" x=\"\(n(x(q)))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">Q\(q)</text>")
        }
        // Target: a dashed line, stepping up each quarter when cumulative.
        let targetPoints = (1...4).compactMap { q in targetAt(q).map { "\(n(x(q))),\(n(y($0)))" } }
        if targetPoints.count > 1 {
            parts.append("<polyline class=\"target\" points=\"\(targetPoints.joined(separator: " "))\"/>")
        }
        let points = actuals.sorted { $0.key < $1.key }
        if points.count > 1 {
            parts.append("<polyline class=\"actual\" points=\"\(points.map { "\(n(x($0.key))),\(n(y($0.value)))" }.joined(separator: " "))\"/>")
        }
        for (q, v) in points {
            parts.append("<circle class=\"actual-point\" cx=\"\(n(x(q)))\" cy=\"\(n(y(v)))\" r=\"4\"/>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    static func id(_ indicator: Indicator) -> String { "chart-\(indicator.ref.anchor)" }

    /// Text for SVG and HTML: the five characters that could end a string or start markup, escaped.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
