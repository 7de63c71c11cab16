import ServicePlanStore

extension MonitoringReport {
    /// The report's items as CSV, one row per milestone and indicator (RFC 4180).
    public var csv: String {
        var rows = [["section", "ref", "item", "due", "actual", "target", "status", "officer_status", "direction_on_last_year",
                     "direction_on_last_quarter", "forecast", "commentary"]]
        if example { rows.append(["note", "", "Example data — not Halton's figures", "", "", "", "", "", "", "", "", ""]) }
        for o in objectives {
            for m in o.milestones {
                rows.append(["milestone", o.ref, m.text, m.due, "", "", m.symbol.label, m.reported ?? "", "", "", "", m.commentary])
            }
        }
        for i in keyIndicators + otherIndicators {
            rows.append(["indicator", i.ref, i.title, "", i.actual, i.target, i.symbol.label,
                         i.override.map { "\($0): \(i.overrideReason ?? "")" } ?? "",
                         i.directionYear.label, i.directionQuarter.label, i.forecast, i.commentary])
        }
        return rows.map { $0.map(IndicatorCSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
