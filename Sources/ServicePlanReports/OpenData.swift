import Foundation
import ServicePlanDomain
import ServicePlanStore

/// The open data a council publishes (issue #13 part 4): per plan, every published quarterly
/// figure as one tidy CSV, the plan's baselines and targets, and each indicator in Open SDG's data
/// layout; a Frictionless data package describing them; and a DCAT catalogue of them for portals
/// that harvest (CKAN). Built only from what the public may see: the plan without its Part II
/// items (`ServicePlan.visible(to: nil)`) and published returns.
public enum OpenData {
    /// The licence the package states: the Open Government Licence v3.0 unless `serve` is told another.
    public struct Licence: Sendable, Equatable {
        public let name: String
        public let title: String
        public let url: String

        public init(name: String, title: String, url: String) {
            self.name = name
            self.title = title
            self.url = url
        }

        public static let openGovernment = Licence(name: "OGL-UK-3.0", title: "Open Government Licence v3.0",
                                                   url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
    }

    static let figureFields: [(String, String)] = [
        ("council", "string"), ("plan", "string"), ("indicator_ref", "string"), ("indicator_title", "string"), ("unit", "string"),
        ("polarity", "string"), ("period", "string"), ("actual", "number"), ("target", "number"), ("status", "string"),
        ("direction", "string"), ("example_data", "boolean"),
    ]
    static let targetFields: [(String, String)] = [
        ("council", "string"), ("plan", "string"), ("indicator_ref", "string"), ("indicator_title", "string"), ("unit", "string"),
        ("polarity", "string"), ("measure", "string"), ("year", "string"), ("value", "number"), ("why_no_value", "string"),
    ]
    static let sdgFields: [(String, String)] = [("Year", "integer"), ("Units", "string"), ("Series", "string"), ("Value", "number")]

    /// Every published quarterly figure of `plan` (already as the public sees it): one row per
    /// indicator line with an actual, judged as the report judges it. Example data says so.
    public static func figuresCSV(plan: ServicePlan, published returns: [QuarterlyReturn], rules: StatusRules) -> String {
        var rows = [figureFields.map(\.0)]
        let shown = returns.filter { $0.status == .published }.sorted { $0.quarter < $1.quarter }
        for r in shown {
            let assessment = ReturnAssessment(plan: plan, current: r, others: shown.filter { $0.quarter != r.quarter }, rules: rules)
            for line in assessment.indicators {
                guard let actual = line.entry?.actual else { continue }
                let i = line.indicator
                rows.append([plan.council.name, plan.code, i.ref, i.title, i.unit.rawValue, i.polarity.rawValue, r.quarter.identifier,
                             Figure.format(actual), i.quarterTarget(r.quarter).map(Figure.format) ?? "",
                             line.status?.rawValue ?? "", line.directionOnLastYear.rawValue, r.isExample ? "true" : "false"])
            }
        }
        return csv(rows)
    }

    /// Each indicator's baseline and its target for every year, with the plan's words where there is no number.
    public static func targetsCSV(plan: ServicePlan) -> String {
        var rows = [targetFields.map(\.0)]
        for i in plan.indicators {
            func row(_ measure: String, _ year: FinancialYear, _ figure: Figure) -> [String] {
                [plan.council.name, plan.code, i.ref, i.title, i.unit.rawValue, i.polarity.rawValue, measure, year.label,
                 figure.number.map(Figure.format) ?? "", figure.missingReason?.rawValue ?? ""]
            }
            rows.append(row("baseline", i.baseline.year, i.baseline.value))
            for (year, target) in i.targets.sorted(by: { $0.key < $1.key }) { rows.append(row("target", year, target)) }
        }
        return csv(rows)
    }

    /// One indicator in Open SDG's layout (Year, Units, Series, Value): its baseline, its yearly
    /// targets and its yearly actuals (recorded, else the published fourth quarter's figure — never
    /// an example quarter's, as this layout has no column to say so). Year is the calendar year a
    /// financial year starts in: 2009 for 2009/10.
    public static func sdgCSV(indicator i: Indicator, published returns: [QuarterlyReturn]) -> String {
        csv([sdgFields.map(\.0)] + sdgRows(indicator: i, published: returns))
    }

    /// Whether the indicator's SDG file has a row at all. sdg-build's `check_csv` fails a file of
    /// headers alone (pandas types an empty Value column as text), so an indicator with no number
    /// yet (NI104 in the bundled plan: no baseline, targets "TBA") gets no file, no resource and no link.
    public static func hasSDGFigures(indicator i: Indicator, published returns: [QuarterlyReturn]) -> Bool {
        !sdgRows(indicator: i, published: returns).isEmpty
    }

    static func sdgRows(indicator i: Indicator, published returns: [QuarterlyReturn]) -> [[String]] {
        var rows: [[String]] = []
        func add(_ series: String, _ year: FinancialYear, _ value: Double?) {
            guard let value else { return }
            rows.append([String(year.startYear), i.unit.label, series, Figure.format(value)])
        }
        add("Baseline", i.baseline.year, i.baseline.value.number)
        for (year, target) in i.targets.sorted(by: { $0.key < $1.key }) { add("Target", year, target.number) }
        var actuals = i.actuals.compactMapValues(\.number)
        for r in returns where r.status == .published && !r.isExample && r.quarter.number == 4 && actuals[r.quarter.year] == nil {
            if let value = r.indicators[i.ref]?.actual { actuals[r.quarter.year] = value }
        }
        for (year, value) in actuals.sorted(by: { $0.key < $1.key }) { add("Actual", year, value) }
        return rows
    }

    /// A plan's entry in the package and the catalogue: its code, title and council, the indicators
    /// that have an SDG file, and when a return of it was last published.
    public struct PlanEntry: Sendable {
        public let code: String
        public let title: String
        public let council: String
        /// Each indicator's ref and its file name in the SDG layout (`ULS-LI1`).
        public let indicators: [String]
        /// The latest `publishedAt` of its published returns (ISO 8601), nil while none is.
        public let modified: String?

        public init(code: String, title: String, council: String, indicators: [String], modified: String? = nil) {
            self.code = code
            self.title = title
            self.council = council
            self.indicators = indicators
            self.modified = modified
        }

        /// `plan` as the public sees it and its returns, of which only published ones count.
        public init(plan: ServicePlan, published returns: [QuarterlyReturn]) {
            let shown = returns.filter { $0.status == .published }
            let latest = shown.compactMap { $0.publishedAt.flatMap(Timestamp.date) }.max()
            self.init(code: plan.code, title: plan.title, council: plan.council.name,
                      indicators: plan.indicators.filter { OpenData.hasSDGFigures(indicator: $0, published: shown) }.map(\.ref.anchor),
                      modified: latest.map { $0.formatted(.iso8601) })
        }
    }

    /// `/open-data/datapackage.json`: a Frictionless data package (v1) whose resource paths are
    /// relative to it, each with its table schema, the licence and the source.
    public static func datapackage(plans: [PlanEntry], licence: Licence, site: String) throws -> Data {
        func schema(_ fields: [(String, String)]) -> [String: Any] {
            ["fields": fields.map { ["name": $0.0, "type": $0.1] }, "missingValues": [""]]
        }
        var resources: [[String: Any]] = []
        // Names are lower-case ASCII (the spec's pattern) and unique: refs or codes that differ only
        // in case or in letters beyond ASCII would otherwise share one.
        var taken = Set<String>()
        func name(_ parts: String...) -> String {
            let base = parts.joined(separator: "-").lowercased().unicodeScalars
                .map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? String($0) : "-" }.joined()
            var candidate = base, n = 1
            while !taken.insert(candidate).inserted { n += 1; candidate = "\(base)-\(n)" }
            return candidate
        }
        for plan in plans {
            resources.append(["name": name(plan.code, "figures"), "path": "\(plan.code.urlPathEncoded)/figures.csv", "format": "csv", "mediatype": "text/csv",
                              "encoding": "utf-8", "title": "\(plan.title): published quarterly figures",
                              "description": "Every published quarterly figure, with its target, status and direction against the same quarter last year. Rows marked example_data are made-up example figures, not the council's.",
                              "schema": schema(figureFields)])
            resources.append(["name": name(plan.code, "targets"), "path": "\(plan.code.urlPathEncoded)/targets.csv", "format": "csv", "mediatype": "text/csv",
                              "encoding": "utf-8", "title": "\(plan.title): baselines and targets", "schema": schema(targetFields)])
            for anchor in plan.indicators {
                resources.append(["name": name(plan.code, "sdg", anchor), "path": "\(plan.code.urlPathEncoded)/sdg/\(anchor.urlPathEncoded).csv", "format": "csv",
                                  "mediatype": "text/csv", "encoding": "utf-8", "title": "\(plan.code) \(anchor) in Open SDG's data layout (no example figures)",
                                  "schema": schema(sdgFields)])
            }
        }
        let package: [String: Any] = [
            "profile": "data-package", "name": "serviceplan-open-data", "title": "Service plan performance: open data",
            "description": "Published quarterly performance figures, baselines and targets of each service plan. Items exempt from publication (Part II) and returns not yet published are never included.",
            "licenses": [["name": licence.name, "title": licence.title, "path": licence.url]],
            "sources": plans.map { ["title": "\($0.council): \($0.title)", "path": "\(site)/plans/\($0.code)"] },
            "resources": resources,
        ]
        return try JSONSerialization.data(withJSONObject: package, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// `/open-data/catalog.json`: the plans as a DCAT catalogue in Project Open Data v1.1's
    /// `data.json` shape, which CKAN's harvester (ckanext-dcat's `dcat_json`) reads. One dataset a
    /// plan, whose distributions are the same files the package lists; every address absolute
    /// under `site`, as a harvester fetches them from elsewhere. The same bytes whatever is asked:
    /// the harvester asks for `?page=2`, … and stops at the first page that repeats the last.
    public static func catalog(plans: [PlanEntry], licence: Licence, site: String) throws -> Data {
        let datasets: [[String: Any]] = plans.map { plan in
            let folder = "\(site)/open-data/\(plan.code.urlPathEncoded)"
            func csv(_ file: String, _ title: String) -> [String: Any] {
                ["@type": "dcat:Distribution", "title": title, "downloadURL": "\(folder)/\(file)", "mediaType": "text/csv", "format": "CSV"]
            }
            var dataset: [String: Any] = [
                "@type": "dcat:Dataset", "identifier": folder, "title": "\(plan.council): \(plan.title): performance figures",
                "description": "Published quarterly figures, baselines and targets of the service plan \(plan.code), \(plan.title), and each indicator in Open SDG's data layout. Figures marked example_data are made-up example figures, not the council's. Part II items and unpublished returns are never included.",
                "keyword": ["performance", "service plan", "targets"],
                "publisher": ["@type": "org:Organization", "name": plan.council],
                "contactPoint": ["@type": "vcard:Contact", "fn": plan.council],
                "accessLevel": "public", "license": licence.url, "landingPage": "\(site)/open-data", "language": ["en-GB"],
                "distribution": [
                    csv("figures.csv", "Published quarterly figures"), csv("targets.csv", "Baselines and targets"),
                    ["@type": "dcat:Distribution", "title": "Data package (Frictionless Data) describing every file and its columns",
                     "downloadURL": "\(site)/open-data/datapackage.json", "mediaType": "application/json", "format": "JSON",
                     "conformsTo": "https://specs.frictionlessdata.io/data-package/"],
                ],
            ]
            if let modified = plan.modified { dataset["modified"] = modified }
            return dataset
        }
        let catalog: [String: Any] = [
            "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld", "@id": "\(site)/open-data/catalog.json",
            "@type": "dcat:Catalog", "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
            "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json", "dataset": datasets,
        ]
        return try JSONSerialization.data(withJSONObject: catalog, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func csv(_ rows: [[String]]) -> String { CSVWriter.text(rows) }
}
