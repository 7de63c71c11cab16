import ServicePlanDomain

/// One milestone as the API serves it at `/objectives/{ref}/milestones/{id}`.
public struct MilestoneItemDocument: Codable, Sendable, Equatable {
    public var id: Int64?
    public var objective: String
    public var year: String
    public var text: String
    public var due: String
    /// A milestone is Part II when its objective is.
    public var partII: Bool

    public init(milestone: Milestone, objective: ServiceObjective, year: FinancialYear) {
        id = milestone.id
        self.objective = objective.ref
        self.year = year.label
        text = milestone.text
        due = milestone.due.description
        partII = objective.partII
    }
}

/// Reads item documents (the API's JSON, decoded) back into domain values, naming the field of
/// the first value that breaks a rule: `unit: "kg" is not one of percentage, …`.
public enum ItemDocuments {
    public static func indicator(_ d: IndicatorDocument) throws(PlanViolation) -> Indicator {
        let root = FieldPath.root
        var quartiles: [FinancialYear: Quartiles] = [:]
        for (i, q) in d.quartiles.enumerated() {
            let year = try year(q.year, root["quartiles"][i]["year"])
            quartiles[year] = Quartiles(top: try figure(q.top.value, q.top.missing, root["quartiles"][i]["top"]),
                                        middle: try figure(q.middle.value, q.middle.missing, root["quartiles"][i]["middle"]),
                                        bottom: try figure(q.bottom.value, q.bottom.missing, root["quartiles"][i]["bottom"]))
        }
        return Indicator(
            ref: try text(d.ref, root["ref"]), title: try text(d.title, root["title"]),
            category: try choice(d.category, root["category"]), scope: try choice(d.scope, root["scope"]),
            isKey: try choice(d.key, root["key"]), inLocalAreaAgreement: try choice(d.laa, root["laa"]),
            unit: try choice(d.unit, root["unit"]), polarity: try choice(d.polarity, root["polarity"]),
            aggregation: try choice(d.aggregation ?? Aggregation.snapshot.rawValue, root["aggregation"]),
            corporatePlanCodes: d.corporatePlan.map(\.trimmingSpaces).filter { !$0.isEmpty },
            baseline: Baseline(year: try year(d.baseline.year, root["baseline"]["year"]),
                               value: try figure(d.baseline.value, d.baseline.missing, root["baseline"])),
            quartiles: quartiles,
            targets: try figures(d.targets, root["targets"]),
            actuals: try figures(d.actuals, root["actuals"]),
            notes: d.notes, owner: try owner(d.owner, root["owner"]), partII: d.partII,
            profile: try d.profile.map { p throws(PlanViolation) in
                do throws(RuleViolation) { return try QuarterlyProfile.parse(kind: p.kind, shares: p.shares) }
                catch { throw PlanViolation(root["profile"]["kind"], error) }
            })
    }

    public static func objective(_ d: PlanDocument.ObjectiveDocument) throws(PlanViolation) -> ServiceObjective {
        let root = FieldPath.root
        var years: [MilestoneYear] = []
        for (i, y) in d.milestones.enumerated() {
            let p = root["milestones"][i]
            let fy = try year(y.year, p["year"])
            switch (y.items, y.missing) {
            case (let items?, nil):
                var list: [Milestone] = []
                for (m, item) in items.enumerated() {
                    list.append(Milestone(id: item.id, text: try text(item.text, p["items"][m]["text"]),
                                          due: try date(item.due, p["items"][m]["due"])))
                }
                years.append(MilestoneYear(year: fy, entries: .listed(list)))
            case (nil, let missing?):
                years.append(MilestoneYear(year: fy, entries: .missing(try reason(missing, p["missing"]))))
            default:
                throw PlanViolation(p, RuleViolation(value: nil, rule: "needs either items or missing"))
            }
        }
        var ecm: [ECMOutcome] = []
        for (i, outcome) in d.ecmOutcomes.enumerated() { ecm.append(try choice(outcome, root["ecmOutcomes"][i])) }
        return ServiceObjective(
            ref: try text(d.ref, root["ref"]), title: try text(d.title, root["title"]), areasOfFocus: d.areasOfFocus,
            ecmOutcomes: ecm, cyppPriorities: d.cyppPriorities, crossReferences: d.crossReferences,
            responsibleOfficer: try text(d.responsibleOfficer, root["responsibleOfficer"]),
            risk: RiskProfile(initial: try assessment(d.risk.initial, root["risk"]["initial"]),
                              residual: try assessment(d.risk.residual, root["risk"]["residual"])),
            indicatorRefs: d.indicators, milestoneYears: years, notes: d.notes,
            owner: try owner(d.owner, root["owner"]), partII: d.partII)
    }

    public static func milestone(_ d: MilestoneItemDocument) throws(PlanViolation) -> (year: FinancialYear, milestone: Milestone) {
        let root = FieldPath.root
        return (try year(d.year, root["year"]),
                Milestone(id: d.id, text: try text(d.text, root["text"]), due: try date(d.due, root["due"])))
    }

    public static func risk(_ d: PlanDocument.RiskDocument) throws(PlanViolation) -> Risk {
        let root = FieldPath.root
        return Risk(id: d.id, objectiveRef: try text(d.objective, root["objective"]),
                    description: try text(d.description, root["description"]),
                    treatment: d.treatment.map(\.trimmingSpaces).filter { !$0.isEmpty },
                    initial: try assessment(d.initial, root["initial"]), residual: try assessment(d.residual, root["residual"]),
                    notes: d.notes, partII: d.partII)
    }

    public static func equalityAction(_ d: PlanDocument.EqualityActionDocument) throws(PlanViolation) -> EqualityAction {
        let root = FieldPath.root
        var years: [FinancialYear] = []
        for (i, y) in d.years.enumerated() { years.append(try year(y, root["years"][i])) }
        return EqualityAction(id: d.id, area: try text(d.area, root["area"]), impact: try choice(d.impact, root["impact"]),
                              action: try text(d.action, root["action"]), years: years,
                              officers: try text(d.officers, root["officers"]), partII: d.partII)
    }

    /// `{likelihood, severity}`, `{score}`, `{band, missing}` or `{missing}`; a computed band
    /// sent back with a score (as GET returns it) is accepted when it agrees.
    public static func assessment(_ d: PlanDocument.AssessmentDocument, _ at: FieldPath) throws(PlanViolation) -> RiskAssessment {
        do throws(RuleViolation) {
            if let l = d.likelihood, let s = d.severity {
                let rating = try RiskRating(likelihood: l, severity: s)
                if let score = d.score, score != rating.score {
                    throw RuleViolation(value: String(score), rule: "is not likelihood × severity (\(l) × \(s) = \(rating.score))")
                }
                return .rated(rating)
            }
            if let score = d.score {
                let rating = try RiskRating(score: score)
                if let band = d.band, band != rating.band.rawValue {
                    throw RuleViolation(value: band, rule: "is not the band of score \(score) (\(rating.band.rawValue))")
                }
                return .rated(rating)
            }
            guard let missing = d.missing else {
                throw RuleViolation(value: nil, rule: "needs likelihood and severity, a score, or missing with a reason")
            }
            guard let reason = MissingReason(rawValue: missing) else {
                throw RuleViolation(value: missing, rule: "is not one of \(MissingReason.allowedList)")
            }
            if let band = d.band { return .bandOnly(try RiskBand(parsing: band), reason) }
            return .unknown(reason)
        } catch {
            throw PlanViolation(at, error)
        }
    }

    // MARK: Values

    static func text(_ value: String, _ at: FieldPath) throws(PlanViolation) -> String {
        let trimmed = value.trimmingSpaces
        guard !trimmed.isEmpty else { throw PlanViolation(at, RuleViolation(value: nil, rule: "must not be empty")) }
        return trimmed
    }

    static func choice<T: Choice>(_ value: String, _ at: FieldPath) throws(PlanViolation) -> T {
        do { return try T(parsing: value) } catch { throw PlanViolation(at, error) }
    }

    static func year(_ value: String, _ at: FieldPath) throws(PlanViolation) -> FinancialYear {
        guard let year = FinancialYear(value) else {
            throw PlanViolation(at, RuleViolation(value: value, rule: "is not a financial year (write 2009/10)"))
        }
        return year
    }

    static func date(_ value: String, _ at: FieldPath) throws(PlanViolation) -> CalendarDate {
        guard let date = CalendarDate(value) else {
            throw PlanViolation(at, RuleViolation(value: value, rule: "is not a date (write YYYY-MM-DD, e.g. 2010-03-31)"))
        }
        return date
    }

    static func reason(_ value: String, _ at: FieldPath) throws(PlanViolation) -> MissingReason {
        guard let reason = MissingReason(rawValue: value) else {
            throw PlanViolation(at, RuleViolation(value: value, rule: "is not one of \(MissingReason.allowedList)"))
        }
        return reason
    }

    /// Exactly one of a number and a reason.
    static func figure(_ value: Double?, _ missing: String?, _ at: FieldPath) throws(PlanViolation) -> Figure {
        switch (value, missing) {
        case (let v?, nil):
            guard v.isFinite else { throw PlanViolation(at, RuleViolation(value: String(v), rule: "is not a number")) }
            return .value(v)
        case (nil, let m?): return .missing(try reason(m, at["missing"]))
        default: throw PlanViolation(at, RuleViolation(value: nil, rule: "needs exactly one of value and missing"))
        }
    }

    static func figures(_ list: [IndicatorDocument.YearFigure], _ at: FieldPath) throws(PlanViolation) -> [FinancialYear: Figure] {
        var out: [FinancialYear: Figure] = [:]
        for (i, entry) in list.enumerated() {
            let y = try year(entry.year, at[i]["year"])
            guard out[y] == nil else { throw PlanViolation(at[i]["year"], RuleViolation(value: entry.year, rule: "is listed twice")) }
            out[y] = try figure(entry.value, entry.missing, at[i])
        }
        return out
    }

    static func owner(_ value: String?, _ at: FieldPath) throws(PlanViolation) -> String? {
        guard let value, !value.trimmingSpaces.isEmpty else { return nil }
        do { try User.checkEmail(value.trimmingSpaces) } catch { throw PlanViolation(at, error) }
        return User.normalise(email: value)
    }
}
