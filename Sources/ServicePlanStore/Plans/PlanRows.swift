import Foundation
import ServicePlanDomain

/// One record type per table, named after the table's columns (camelCase here, snake_case in
/// SQL through the encoder's key strategy). Short lists of codes are stored as JSON text.
enum PlanRows {
    struct Plan: Codable {
        var code: String
        var title: String
        var status: String
        var firstYear: Int
        var lastYear: Int
        var councilName: String
        var directorate: String
        var department: String
        var divisions: String
        var keyAreasOfFocus: String
        var notes: String
        var authorityCode: String?
        var neighbours: String
        var councilCode: String?
        var departmentCode: String?
        /// Why the plan gives no budget figures (section 4.1); NULL when it gives them or says nothing.
        var budgetMissing: String?
    }

    struct Priority: Codable {
        var planCode: String
        var number: Int
        var title: String
    }

    struct Area: Codable {
        var planCode: String
        var number: Int
        var priorityNumber: Int
        var title: String
    }

    struct Objective: Codable {
        var planCode: String
        var ref: String
        var position: Int
        var title: String
        var ecmOutcomes: String
        var cyppPriorities: String
        var crossReferences: String
        var responsibleOfficer: String
        var indicatorRefs: String
        var notes: String
        var owner: String?
        var partIi: Int
        var initialScore: Int?
        var initialLikelihood: Int?
        var initialSeverity: Int?
        var initialBand: String?
        var initialMissing: String?
        var residualScore: Int?
        var residualLikelihood: Int?
        var residualSeverity: Int?
        var residualBand: String?
        var residualMissing: String?
    }

    struct ObjectiveArea: Codable {
        var planCode: String
        var objectiveRef: String
        var position: Int
        var areaNumber: Int
    }

    struct MilestoneYear: Codable {
        var planCode: String
        var objectiveRef: String
        var year: Int
        var position: Int
        var missing: String?
    }

    struct Milestone: Codable {
        var id: Int64?
        var planCode: String
        var objectiveRef: String
        var year: Int
        var position: Int
        var text: String
        var dueDate: String
    }

    struct Indicator: Codable {
        var planCode: String
        var ref: String
        var position: Int
        var title: String
        var category: String
        var scope: String
        var keyFlag: String
        var laaFlag: String
        var unit: String
        var polarity: String
        var aggregation: String
        var corporatePlan: String
        var baselineYear: Int
        var baselineValue: Double?
        var baselineMissing: String?
        var notes: String
        var owner: String?
        var partIi: Int
        var profile: String?
    }

    struct IndicatorFigure: Codable {
        var planCode: String
        var indicatorRef: String
        var series: String
        var year: Int
        var value: Double?
        var missing: String?
    }

    struct Risk: Codable {
        var id: Int64?
        var planCode: String
        var objectiveRef: String
        var position: Int
        var description: String
        var treatment: String
        var notes: String
        var partIi: Int
        var initialScore: Int?
        var initialLikelihood: Int?
        var initialSeverity: Int?
        var initialBand: String?
        var initialMissing: String?
        var residualScore: Int?
        var residualLikelihood: Int?
        var residualSeverity: Int?
        var residualBand: String?
        var residualMissing: String?
    }

    struct EqualityAction: Codable {
        var id: Int64?
        var planCode: String
        var position: Int
        var area: String
        var impact: String
        var action: String
        var years: String
        var officers: String
        var partIi: Int
    }

    struct BudgetLine: Codable {
        var planCode: String
        var position: Int
        var year: Int
        var division: String
        var expenditureValue: Double?
        var expenditureMissing: String?
        var incomeValue: Double?
        var incomeMissing: String?
        var netValue: Double?
        var netMissing: String?
    }

    struct ServiceCost: Codable {
        var planCode: String
        var position: Int
        var year: Int
        var service: String
        var costValue: Double?
        var costMissing: String?
    }

    struct Staffing: Codable {
        var planCode: String
        var year: Int
        var division: String
        var position: Int
        var fte: Double
    }

    /// The columns of one stored risk assessment.
    struct Assessment {
        var score: Int?
        var likelihood: Int?
        var severity: Int?
        var band: String?
        var missing: String?

        init(score: Int?, likelihood: Int?, severity: Int?, band: String?, missing: String?) {
            self.score = score
            self.likelihood = likelihood
            self.severity = severity
            self.band = band
            self.missing = missing
        }

        init(_ assessment: RiskAssessment) {
            switch assessment {
            case .rated(let r):
                self.init(score: r.score, likelihood: r.likelihood, severity: r.severity, band: r.band.rawValue, missing: nil)
            case .bandOnly(let band, let reason):
                self.init(score: nil, likelihood: nil, severity: nil, band: band.rawValue, missing: reason.rawValue)
            case .unknown(let reason):
                self.init(score: nil, likelihood: nil, severity: nil, band: nil, missing: reason.rawValue)
            }
        }

        func domain() throws -> RiskAssessment {
            if let score {
                if let likelihood, let severity { return .rated(try RiskRating(likelihood: likelihood, severity: severity)) }
                return .rated(try RiskRating(score: score))
            }
            let reason = try StoredValue.missingReason(missing)
            if let band { return .bandOnly(try RiskBand(parsing: band), reason) }
            return .unknown(reason)
        }
    }
}

/// Conversions between stored text and domain values. A stored value that does not convert
/// means the database was changed behind the application's back: an error, never a guess.
enum StoredValue {
    /// A list as a JSON array. Encoding strings or integers cannot fail; were it ever to, an
    /// empty array is stored rather than stopping the server.
    static func json<Element: Encodable>(_ list: [Element]) -> String {
        guard let data = try? JSONEncoder().encode(list) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func strings(_ text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    static func ints(_ text: String) throws -> [Int] {
        try JSONDecoder().decode([Int].self, from: Data(text.utf8))
    }

    static func missingReason(_ text: String?) throws -> MissingReason {
        guard let text, let reason = MissingReason(rawValue: text) else {
            throw CorruptRow(message: "stored missing reason \(text ?? "NULL") is not one of \(MissingReason.allowedList)")
        }
        return reason
    }

    static func figure(value: Double?, missing: String?) throws -> Figure {
        if let value { return .value(value) }
        return .missing(try missingReason(missing))
    }

    static func choice<T: Choice>(_ text: String, as: T.Type = T.self) throws -> T {
        try T(parsing: text)
    }

    static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(text) else { throw CorruptRow(message: "stored date \(text) is not YYYY-MM-DD") }
        return date
    }
}

/// A row that the domain cannot accept.
struct CorruptRow: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
