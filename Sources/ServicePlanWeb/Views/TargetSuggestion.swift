import ServicePlanDomain
import ServicePlanStore

/// A suggestion on the indicator's edit form (issue #12 part 2): targets (or a quarterly
/// profile) worked out from the figures, which the officer accepts by following its link — the
/// form comes back with the values filled in, nothing saved — and then saves or changes.
struct TargetSuggestion: Sendable {
    let id: String
    let title: String
    let detail: String
    let acceptHref: String
    let acceptLabel: String
    /// The form values accepting it sets.
    let values: FormValues

    /// Every suggestion the figures support for `indicator`: the straight line from the
    /// baseline to the end target; the line to the national top quartile and to the comparison
    /// group's median by the plan's last year (with national data); and, for a year-to-date
    /// count, last year's quarterly shares as a seasonal profile.
    static func all(for indicator: Indicator, plan: ServicePlan, editHref: String, returns: [QuarterlyReturn],
                    benchmarks: any BenchmarkRepository) async throws -> [TargetSuggestion] {
        var found: [TargetSuggestion] = []
        // A target the unit forbids (national data read under another unit) is no suggestion.
        func allowed(_ line: [FinancialYear: Double]) -> Bool {
            !line.isEmpty && line.values.allSatisfy { value in (try? indicator.unit.check(value)) != nil }
        }
        func authorities(_ n: Int) -> String { n == 1 ? "1 authority" : "\(n) authorities" }
        func targets(_ line: [FinancialYear: Double]) -> (String, FormValues) {
            let years = line.keys.sorted()
            let text = years.map { "\($0.label): \(indicator.unit.display(line[$0] ?? 0))" }.joined(separator: ", ")
            var values: FormValues = [:]
            for year in years { values["target-\(year.identifier)"] = [Figure.format(line[year] ?? 0)] }
            return (text, values)
        }
        if let line = Trajectory.fromBaseline(indicator, period: plan.period), allowed(line) {
            let (text, values) = targets(line)
            found.append(TargetSuggestion(
                id: "baseline", title: "A straight line from the baseline to the end target",
                detail: "From \(indicator.baseline.year.label)'s \(indicator.display(indicator.baseline.value)) to \(plan.period.last.label)'s target: \(text).",
                acceptHref: editHref + "?suggest=baseline", acceptLabel: "Use these targets", values: values))
        }
        // The latest national year the plan can have seen: none after its last year.
        if let year = try await benchmarks.years(indicator: indicator.ref).filter({ $0 <= plan.period.last }).max() {
            let national = try await benchmarks.values(indicator: indicator.ref, year: year)
            if let distribution = Benchmarking.Distribution(national.map(\.value)) {
                let top = distribution.quartiles(polarity: indicator.polarity).top.number ?? distribution.upper
                if let line = Trajectory.toGoal(top, indicator: indicator, period: plan.period), allowed(line) {
                    let (text, values) = targets(line)
                    found.append(TargetSuggestion(
                        id: "top-quartile", title: "To reach the national top quartile by \(plan.period.last.label)",
                        detail: "The top quartile began at \(indicator.unit.display(top)) in \(year.label) (\(authorities(distribution.count))): \(text).",
                        acceptHref: editHref + "?suggest=top-quartile", acceptLabel: "Use these targets", values: values))
                }
            }
            // The comparison group counts the council itself, as the benchmark page and API do.
            let group = Set(plan.council.neighbours + [plan.council.authorityCode].compactMap { $0 })
            let neighbours = national.filter { group.contains($0.authorityCode) }.map(\.value).sorted()
            if let median = Benchmarking.quantile(neighbours, 0.5),
               let line = Trajectory.toGoal(median, indicator: indicator, period: plan.period), allowed(line) {
                let (text, values) = targets(line)
                found.append(TargetSuggestion(
                    id: "group-median", title: "To reach the comparison group's median by \(plan.period.last.label)",
                    detail: "The median of the comparison group (\(authorities(neighbours.count)), this council included) was \(indicator.unit.display(median)) in \(year.label): \(text).",
                    acceptHref: editHref + "?suggest=group-median", acceptLabel: "Use these targets", values: values))
            }
        }
        if indicator.aggregation == .cumulative {
            // The latest year with all four quarters reported.
            for year in Set(returns.map(\.quarter.year)).sorted(by: >) {
                let figures = Dictionary(returns.filter { $0.quarter.year == year }.compactMap { r in
                    r.indicators[indicator.ref]?.actual.map { (r.quarter.number, $0) }
                }, uniquingKeysWith: { a, _ in a })
                guard let profile = QuarterlyProfile.seasonal(fromYearToDate: figures), case .seasonal(let exact) = profile else { continue }
                // As the form holds them (percentages to one decimal place), and only if those still make a profile.
                let shares = exact.map { ($0 * 1000).rounded() / 1000 }
                guard (try? QuarterlyProfile.seasonal(shares).check(for: .cumulative)) != nil else { continue }
                found.append(TargetSuggestion(
                    id: "seasonal", title: "Share the year's target as \(year.label)'s quarters were",
                    detail: "By the end of Q1, Q2 and Q3 of \(year.label) the count had reached \(profile.text.dropFirst("seasonal ".count)) of the year's.",
                    acceptHref: editHref + "?suggest=seasonal", acceptLabel: "Use this quarterly profile",
                    values: ["profile": ["seasonal"], "profileShares": [shares.map { Figure.format(($0 * 1000).rounded() / 10) }.joined(separator: ", ")]]))
                break
            }
        }
        return found
    }
}
