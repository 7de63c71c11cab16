import Foundation
import ServicePlanDomain

/// The formats `serviceplan export` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// The plan file (docs/plan-format.md): import it back after editing.
    case yaml
    /// The whole plan as the API returns it.
    case json
    /// The indicator table, one row per indicator, for spreadsheets.
    case csv

    public func render(_ plan: ServicePlan) -> String {
        switch self {
        case .yaml: return PlanFileWriter.yaml(plan)
        case .json: return PlanJSON.string(PlanDocument(plan))
        case .csv: return IndicatorCSV.csv(plan)
        }
    }
}

/// JSON with sorted keys, so that output compared by scripts and tests is stable.
public enum PlanJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        // Figures are checked finite before they are stored, so this never applies; if one ever
        // slipped through, the answer says so in the JSON instead of stopping the server.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    public static func string<T: Encodable>(_ value: T) -> String {
        // Documents are plain structs of strings and numbers, and non-finite numbers are written as
        // strings, so encoding cannot fail; an empty object stands in should that ever change.
        guard let data = try? encoder().encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The section 5.2 indicator table as CSV (RFC 4180): fixed columns, then one column per year for
/// each series that has any figure. A cell without a number holds the plan's reason (`TBA`).
public enum IndicatorCSV {
    public static func csv(_ plan: ServicePlan) -> String {
        let indicators = plan.indicators
        func years(_ pick: (Indicator) -> [FinancialYear]) -> [FinancialYear] {
            Array(Set(indicators.flatMap(pick))).sorted()
        }
        let quartileYears = years { Array($0.quartiles.keys) }
        let targetYears = years { Array($0.targets.keys) }
        let actualYears = years { Array($0.actuals.keys) }

        var header = ["ref", "title", "category", "scope", "key", "laa", "unit", "polarity", "corporate_plan",
                      "baseline_year", "baseline"]
        for y in quartileYears {
            header += ["quartile_top \(y.label)", "quartile_middle \(y.label)", "quartile_bottom \(y.label)"]
        }
        header += targetYears.map { "target \($0.label)" }
        header += actualYears.map { "actual \($0.label)" }

        var lines = [header]
        for i in indicators {
            var row = [i.ref, i.title, i.category.rawValue, i.scope.rawValue, i.isKey.rawValue,
                       i.inLocalAreaAgreement.rawValue, i.unit.rawValue, i.polarity.rawValue,
                       i.corporatePlanCodes.joined(separator: "; "), i.baseline.year.label, i.baseline.value.text]
            for y in quartileYears {
                let q = i.quartiles[y]
                row += [q?.top.text ?? "", q?.middle.text ?? "", q?.bottom.text ?? ""]
            }
            row += targetYears.map { i.targets[$0]?.text ?? "" }
            row += actualYears.map { i.actuals[$0]?.text ?? "" }
            lines.append(row)
        }
        return CSVWriter.text(lines)
    }
}
