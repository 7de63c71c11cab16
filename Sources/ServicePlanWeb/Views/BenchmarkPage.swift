import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// `GET /benchmarks/{ref}`: the national distribution of one indicator per year — a strip plot
/// with the council and its neighbours marked, and the same figures as tables.
struct BenchmarkPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    let ref: String
    let title: String
    let councilName: String
    let polarity: String
    let years: [YearView]

    struct YearView {
        let year: String
        let count: Int
        let lower: String
        let median: String
        let upper: String
        let councilLine: String?
        let neighbourLine: String?
        /// Our own SVG: numbers and escaped names only (see `strip`).
        let chart: String
        let rows: [Row]
    }

    struct Row {
        let rank: Int
        let authority: String
        let code: String
        let value: String
        let mark: String
    }

    init(ref: String, indicator: Indicator?, council: Council?, years: [YearView]) {
        pageTitle = "\(ref) benchmarking – serviceplan"
        self.ref = ref
        title = indicator?.title ?? ref
        councilName = council?.name ?? "the council"
        polarity = (indicator?.polarity ?? .higherIsBetter).label
        self.years = years
    }
}

extension BenchmarkPage.YearView {
    init(result: BenchmarkResult, values: [BenchmarkValue], indicator: Indicator?, council: Council?) {
        let unit = indicator?.unit ?? .number
        let polarity = indicator?.polarity ?? .higherIsBetter
        func show(_ v: Double) -> String { unit.display((v * 100).rounded() / 100) }
        year = result.year
        count = result.count
        lower = show(result.quartiles.lower)
        median = show(result.quartiles.median)
        upper = show(result.quartiles.upper)
        councilLine = result.council.map {
            "\(council?.name ?? $0.code): \(show($0.value)), ranked \($0.rank) of \(result.count) (1 is best); "
                + (Benchmarking.Position(rawValue: $0.quartile)?.label.lowercased() ?? $0.quartile) + "."
        }
        neighbourLine = result.neighbours.map { n in
            "Comparison group (\(n.count) authorities with data): median \(n.median.map(show) ?? "none")"
                + (n.rank.map { ", \(council?.name ?? "the council") ranked \($0) of \(n.count)" } ?? "") + "."
        }
        let neighbours = Set(council?.neighbours ?? [])
        let own = council?.authorityCode
        let all = values.map(\.value)
        rows = values.map { v in
            (Benchmarking.rank(of: v.value, among: all, polarity: polarity), v)
        }.sorted { ($0.0, $0.1.authorityName) < ($1.0, $1.1.authorityName) }.map { rank, v in
            BenchmarkPage.Row(rank: rank, authority: v.authorityName, code: v.authorityCode, value: show(v.value),
                              mark: v.authorityCode == own ? "This council" : neighbours.contains(v.authorityCode) ? "Comparison group" : "")
        }
        chart = Self.strip(values: values, result: result, own: own, neighbours: neighbours,
                           title: "\(result.indicator) in \(result.year): \(result.count) authorities",
                           description: "Lower quartile \(lower), median \(median), upper quartile \(upper)."
                               + (councilLine.map { " " + $0 } ?? ""))
    }

    /// One dot per authority along the value axis, the quartiles as lines, the council as a
    /// large diamond and its comparison group as squares.
    static func strip(values: [BenchmarkValue], result: BenchmarkResult, own: String?, neighbours: Set<String>,
                      title: String, description: String) -> String {
        let width = 640.0, height = 130.0, left = 20.0, right = 20.0, axis = 80.0
        let low = values.map(\.value).min() ?? 0, high = values.map(\.value).max() ?? 1
        let span = max(high - low, 1e-9)
        func x(_ v: Double) -> Double { left + (width - left - right) * (v - low) / span }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        let id = "strip-\(result.indicator.anchor)-\(result.year.anchor)"
        var parts = [#"<svg xmlns="http://www.w3.org/2000/svg" class="chart strip" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" aria-labelledby="\#(id)-t \#(id)-d">"#,
                     "<title id=\"\(id)-t\">\(QuarterChart.escape(title))</title>",
                     "<desc id=\"\(id)-d\">\(QuarterChart.escape(description))</desc>",
                     "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(axis))\" x2=\"\(n(width - right))\" y2=\"\(n(axis))\"/>"]
        for (label, v) in [("lower", result.quartiles.lower), ("median", result.quartiles.median), ("upper", result.quartiles.upper)] {
            parts.append("<line class=\"target\" x1=\"\(n(x(v)))\" y1=\"20\" x2=\"\(n(x(v)))\" y2=\"\(n(axis + 8))\"/>")
            parts.append("<text class=\"tick\" x=\"\(n(x(v)))\" y=\"14\" text-anchor=\"middle\">\(label)</text>")
        }
        for (i, v) in values.enumerated() where v.authorityCode != own && !neighbours.contains(v.authorityCode) {
            // A little vertical jitter, fixed by position, so equal values stay visible.
            parts.append("<circle class=\"dot\" cx=\"\(n(x(v.value)))\" cy=\"\(n(axis - 12 - Double(i % 5) * 6))\" r=\"2.5\"/>")
        }
        for v in values where neighbours.contains(v.authorityCode) {
            parts.append("<rect class=\"neighbour\" x=\"\(n(x(v.value) - 4))\" y=\"\(n(axis - 46))\" width=\"8\" height=\"8\"/>")
        }
        if let own, let v = values.first(where: { $0.authorityCode == own }) {
            let cx = x(v.value), cy = axis - 60
            parts.append("<polygon class=\"council\" points=\"\(n(cx)),\(n(cy - 8)) \(n(cx + 8)),\(n(cy)) \(n(cx)),\(n(cy + 8)) \(n(cx - 8)),\(n(cy))\"/>")
        }
        parts.append("<text class=\"tick\" x=\"\(n(left))\" y=\"\(n(axis + 20))\">\(QuarterChart.escape(Figure.format((low * 10).rounded() / 10)))</text>")
        parts.append("<text class=\"tick\" x=\"\(n(width - right))\" y=\"\(n(axis + 20))\" text-anchor=\"end\">\(QuarterChart.escape(Figure.format((high * 10).rounded() / 10)))</text>")
        parts.append("</svg>")
        return parts.joined()
    }
}
