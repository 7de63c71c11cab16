import ServicePlanStore

extension MonitoringReport {
    static let csvHeader = ["section", "ref", "item", "due", "actual", "target", "status", "officer_status", "direction_on_last_year",
                            "direction_on_last_quarter", "forecast", "commentary", "progress_to_end_target",
                            "forecast_low", "forecast_high"]

    /// The report's items as CSV, one row per milestone and indicator (RFC 4180).
    public var csv: String { Self.csvText([Self.csvHeader] + csvRows) }

    /// The rows under `csvHeader`: a note when the figures are example data, then each milestone
    /// and indicator the report shows.
    var csvRows: [[String]] {
        var rows: [[String]] = []
        if example { rows.append(["note", "", ExampleReturns.label, "", "", "", "", "", "", "", "", "", ""]) }
        if comparesWithExample {
            rows.append(["note", "", "Compared with earlier quarters that are example data (\(ExampleReturns.label))", "", "", "", "", "", "", "", "", "", ""])
        }
        for o in objectives {
            for m in o.milestones {
                rows.append(["milestone", o.ref, m.text, m.due, "", "", m.symbol.label, m.reported ?? "", "", "", "", m.commentary, ""])
            }
        }
        for i in keyIndicators + otherIndicators {
            rows.append(["indicator", i.ref, i.title, "", i.actual, i.target, i.symbol.label,
                         i.override.map { "\($0): \(i.overrideReason ?? "")" } ?? "",
                         i.directionYear.label, i.directionQuarter.label, i.forecast, i.commentary, i.progress,
                         i.forecastLow, i.forecastHigh])
        }
        // Every row as wide as the header: columns are added at the end, and notes leave them empty.
        return rows.map { $0 + Array(repeating: "", count: max(0, Self.csvHeader.count - $0.count)) }
    }

    static func csvText(_ rows: [[String]]) -> String {
        CSVWriter.text(rows)
    }
}
