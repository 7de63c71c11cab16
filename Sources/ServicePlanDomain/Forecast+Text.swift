extension Forecast {
    /// The forecast in a report's words: "46%, between 41.2% and 50.8%", the year's outturn at
    /// Q4, or why there is none. Figures to one decimal place: the interval is not more precise.
    public func figures(_ unit: IndicatorUnit) -> String {
        guard let p = projection else { return reason ?? "" }
        let shown = unit.displayToTenth
        if p.method == .yearEndActual { return "\(shown(p.outturn)) (the year's outturn)" }
        // Points on a straight line leave no spread to state.
        if shown(p.low) == shown(p.high) { return shown(p.outturn) }
        return "\(shown(p.outturn)), between \(shown(p.low)) and \(shown(p.high))"
    }

    /// "possibly off target" (or "possibly on target or off target") when either end of the
    /// interval earns a status other than the likely one; nil when both ends agree with it.
    public var possibly: String? {
        guard let p = projection, !p.possibleStatuses.isEmpty else { return nil }
        return "possibly " + p.possibleStatuses.map { $0.label.lowercased() }.joined(separator: " or ")
    }

    /// The whole statement: "46%, between 41.2% and 50.8%: likely slightly off target, possibly off target".
    public func sentence(_ unit: IndicatorUnit) -> String {
        guard let p = projection else { return figures(unit) }
        let likely = p.method == .yearEndActual ? p.status.label.lowercased() : "likely \(p.status.label.lowercased())"
        return "\(figures(unit)): \(likely)" + (possibly.map { ", \($0)" } ?? "")
    }
}
