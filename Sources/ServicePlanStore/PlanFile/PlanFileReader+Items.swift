import ServicePlanDomain
import Yams

/// Readers for the plan's items: objectives and their milestones, risk assessments,
/// indicators, risks, equality actions and staffing.
extension PlanFileReader {
    static func readObjective(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> ServiceObjective {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: [
                "ref", "title", "areasOfFocus", "ecmOutcomes", "cyppPriorities", "crossReferences",
                "responsibleOfficer", "owner", "risk", "indicators", "milestones", "notes", "partII",
            ])
            let ecm = try f.optional("ecmOutcomes", default: [], listOf { r in
                { n, p throws(PlanFileError) in try r.choice(n, p, as: ECMOutcome.self) }
            })
            let risk = try f.required("risk") { r in
                { n, p throws(PlanFileError) in
                    let rf = try r.map(n, p, allowed: ["initial", "residual"])
                    return RiskProfile(initial: try rf.required("initial", readAssessment),
                                       residual: try rf.required("residual", readAssessment))
                }
            }
            return ServiceObjective(
                ref: try f.required("ref", YAMLReader.string),
                title: try f.required("title", YAMLReader.string),
                areasOfFocus: try f.required("areasOfFocus", YAMLReader.ints),
                ecmOutcomes: ecm,
                cyppPriorities: try f.optional("cyppPriorities", default: [], YAMLReader.strings),
                crossReferences: try f.optional("crossReferences", default: [], YAMLReader.strings),
                responsibleOfficer: try f.required("responsibleOfficer", YAMLReader.string),
                risk: risk,
                indicatorRefs: try f.optional("indicators", default: [], YAMLReader.strings),
                milestoneYears: try f.required("milestones", listOf(readMilestoneYear)),
                notes: try f.optional("notes", default: [], YAMLReader.strings),
                owner: try f.optional("owner", default: nil) { r in { n, p throws(PlanFileError) in try r.email(n, p) } },
                partII: try f.optional("partII", default: false, YAMLReader.bool))
        }
    }

    static func readMilestoneYear(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> MilestoneYear {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["year", "items", "missing"])
            let year = try f.required("year", YAMLReader.year)
            switch (f.value("items"), f.value("missing")) {
            case (.some, .some):
                throw r.fail(f.value("missing"), path["missing"], nil, "cannot be given with items: a year either lists milestones or says why not")
            case (.none, .some):
                return MilestoneYear(year: year, entries: .missing(try f.required("missing", YAMLReader.missingReason)))
            case (.none, .none):
                throw r.fail(node, path["items"], nil, "is required (or give `missing` with a reason)")
            case (.some, .none):
                let items = try f.required("items", listOf { r in
                    { n, p throws(PlanFileError) in
                        let m = try r.map(n, p, allowed: ["text", "due"])
                        return Milestone(text: try m.required("text", YAMLReader.string),
                                         due: try m.required("due", YAMLReader.date))
                    }
                })
                return MilestoneYear(year: year, entries: .listed(items))
            }
        }
    }

    static func readAssessment(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> RiskAssessment {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["likelihood", "severity", "score", "band", "missing"])
            let likelihood = try f.optional("likelihood", default: nil) { r in { n, p throws(PlanFileError) in try r.int(n, p) } }
            let severity = try f.optional("severity", default: nil) { r in { n, p throws(PlanFileError) in try r.int(n, p) } }
            let score = try f.optional("score", default: nil) { r in { n, p throws(PlanFileError) in try r.int(n, p) } }
            let band = try f.optional("band", default: nil) { r in { n, p throws(PlanFileError) in try r.choice(n, p, as: RiskBand.self) } }
            let missing = try f.optional("missing", default: nil) { r in { n, p throws(PlanFileError) in try r.missingReason(n, p) } }

            if likelihood != nil || severity != nil || score != nil {
                if let field = ["band", "missing"].first(where: { f.value($0) != nil }) {
                    throw r.fail(f.value(field), path[field], nil, "cannot be given with a score: the band is computed from the score")
                }
                do {
                    switch (likelihood, severity) {
                    case let (l?, s?):
                        let rating = try RiskRating(likelihood: l, severity: s)
                        if let score, score != rating.score {
                            throw r.fail(f.value("score"), path["score"], String(score), "is not likelihood × severity (\(l) × \(s) = \(rating.score))")
                        }
                        return .rated(rating)
                    case (nil, nil):
                        return .rated(try RiskRating(score: score!))
                    default:
                        let given = likelihood == nil ? "severity" : "likelihood"
                        let other = likelihood == nil ? "likelihood" : "severity"
                        throw r.fail(f.value(given), path[other], nil, "is required when \(given) is given")
                    }
                } catch let error as PlanFileError {
                    throw error
                } catch let error as RuleViolation {
                    let field = score != nil && likelihood == nil ? "score" : (error.rule.contains("severity") ? "severity" : "likelihood")
                    throw r.fail(f.value(field), path[field], error)
                } catch {
                    throw r.fail(node, path, nil, "\(error)")
                }
            }
            guard let missing else {
                throw r.fail(node, path, nil, "needs likelihood and severity, a score, or `missing` with a reason")
            }
            if let band { return .bandOnly(band, missing) }
            return .unknown(missing)
        }
    }

    static func readIndicator(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> Indicator {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: [
                "ref", "title", "category", "scope", "key", "laa", "unit", "polarity", "aggregation", "corporatePlan",
                "baseline", "quartiles", "targets", "actuals", "notes", "owner", "partII", "profile",
            ])
            let baseline = try f.required("baseline") { r in
                { n, p throws(PlanFileError) in
                    let b = try r.map(n, p, allowed: ["year", "value"])
                    return Baseline(year: try b.required("year", YAMLReader.year), value: try b.required("value", YAMLReader.figure))
                }
            }
            let quartiles = try f.optional("quartiles", default: [:]) { r in
                { n, p throws(PlanFileError) in
                    try r.byYear(n, p) { (q: Node, qp: FieldPath) throws(PlanFileError) -> Quartiles in
                        let m = try r.map(q, qp, allowed: ["top", "middle", "bottom"])
                        return Quartiles(top: try m.required("top", YAMLReader.figure),
                                         middle: try m.required("middle", YAMLReader.figure),
                                         bottom: try m.required("bottom", YAMLReader.figure))
                    }
                }
            }
            let figures: (YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> [FinancialYear: Figure] = { r in
                { n, p throws(PlanFileError) in try r.byYear(n, p, r.figure) }
            }
            return Indicator(
                ref: try f.required("ref", YAMLReader.string),
                title: try f.required("title", YAMLReader.string),
                category: try f.required("category") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
                scope: try f.required("scope") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
                isKey: try f.required("key") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
                inLocalAreaAgreement: try f.required("laa") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
                unit: try f.required("unit") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
                polarity: try f.required("polarity") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
                aggregation: try f.optional("aggregation", default: .snapshot) { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
                corporatePlanCodes: try f.optional("corporatePlan", default: [], YAMLReader.strings),
                baseline: baseline,
                quartiles: quartiles,
                targets: try f.required("targets", figures),
                actuals: try f.optional("actuals", default: [:], figures),
                notes: try f.optional("notes", default: [], YAMLReader.strings),
                owner: try f.optional("owner", default: nil) { r in { n, p throws(PlanFileError) in try r.email(n, p) } },
                partII: try f.optional("partII", default: false, YAMLReader.bool),
                profile: try f.optional("profile", default: nil, readProfile))
        }
    }

    /// `profile: equalSteps`, `profile: equalQuarters` or `profile: {seasonal: [0.22, 0.46, 0.72]}`.
    static func readProfile(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> QuarterlyProfile? {
        { node, path throws(PlanFileError) in
            if node.scalar != nil {
                let kind = try r.string(node, path)
                do throws(RuleViolation) { return try QuarterlyProfile.parse(kind: kind, shares: kind == "seasonal" ? nil : []) }
                catch { throw r.fail(node, path, error) }
            }
            let m = try r.map(node, path, allowed: ["seasonal"])
            let shares = try m.required("seasonal") { r in
                { n, p throws(PlanFileError) in try r.list(n, p).map { (item, ip) throws(PlanFileError) in try r.number(item, ip) } }
            }
            return .seasonal(shares)
        }
    }

    static func readRisk(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> Risk {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["objective", "description", "treatment", "initial", "residual", "notes", "partII"])
            return Risk(
                objectiveRef: try f.required("objective", YAMLReader.string),
                description: try f.required("description", YAMLReader.string),
                treatment: try f.optional("treatment", default: [], YAMLReader.strings),
                initial: try f.required("initial", readAssessment),
                residual: try f.required("residual", readAssessment),
                notes: try f.optional("notes", default: [], YAMLReader.strings),
                partII: try f.optional("partII", default: false, YAMLReader.bool))
        }
    }

    static func readEqualityAction(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> EqualityAction {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["area", "impact", "action", "years", "officers", "partII"])
            return EqualityAction(
                area: try f.required("area", YAMLReader.string),
                impact: try f.required("impact") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
                action: try f.required("action", YAMLReader.string),
                years: try f.required("years", listOf { r in { n, p throws(PlanFileError) in try r.year(n, p) } }),
                officers: try f.required("officers", YAMLReader.string),
                partII: try f.optional("partII", default: false, YAMLReader.bool))
        }
    }

    /// `budget:` — `missing: To Follow`, or `lines` (year, division, expenditure, income, net) and `serviceCosts` (year, service, cost).
    static func readBudget(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> Budget {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["missing", "lines", "serviceCosts"])
            let missing: MissingReason? = try f.optional("missing", default: nil) { r in
                { n, p throws(PlanFileError) in try r.missingReason(n, p) }
            }
            let lines = try f.optional("lines", default: [], listOf(readBudgetLine))
            let costs = try f.optional("serviceCosts", default: [], listOf(readServiceCost))
            return Budget(missing: missing, lines: lines, serviceCosts: costs)
        }
    }

    static func readBudgetLine(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> BudgetLine {
        { node, path throws(PlanFileError) in
            let l = try r.map(node, path, allowed: ["year", "division", "expenditure", "income", "net"])
            return BudgetLine(year: try l.required("year", YAMLReader.year), division: try l.required("division", YAMLReader.string),
                              expenditure: try l.required("expenditure", YAMLReader.figure), income: try l.required("income", YAMLReader.figure),
                              net: try l.required("net", YAMLReader.figure))
        }
    }

    static func readServiceCost(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> ServiceCost {
        { node, path throws(PlanFileError) in
            let c = try r.map(node, path, allowed: ["year", "service", "cost"])
            return ServiceCost(year: try c.required("year", YAMLReader.year), service: try c.required("service", YAMLReader.string),
                               cost: try c.required("cost", YAMLReader.figure))
        }
    }

    static func readStaffing(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> StaffingYear {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["year", "fte"])
            let year = try f.required("year", YAMLReader.year)
            let fte = try f.required("fte") { r in
                { n, p throws(PlanFileError) in
                    let m = try r.map(n, p, allowed: [])
                    var out: [(division: String, fte: Double)] = []
                    for (division, value) in m.entries {
                        let number = try r.number(value, p[division])
                        guard number >= 0 else { throw r.fail(value, p[division], Figure.format(number), "is not a number of posts (0 or more)") }
                        out.append((division, number))
                    }
                    return out
                }
            }
            return StaffingYear(year: year, fte: fte)
        }
    }
}
