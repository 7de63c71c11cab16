import ServicePlanDomain
import Yams

/// Reads a plan file (docs/plan-format.md) into a `ServicePlan`, checking every field and then
/// every rule that spans the plan. Nothing here touches a database: an import calls this
/// first, so a file with any error writes nothing.
public enum PlanFileReader {
    public static let formatTag = "serviceplan/1"

    /// Parses `text`; `file` is the name used in error messages (`plans/x.yaml`).
    public static func read(_ text: String, file: String) throws(PlanFileError) -> ServicePlan {
        let reader = YAMLReader(file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw reader.fail(nil, .root, nil, "the file is empty")
            }
            root = node
        } catch let error as PlanFileError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw PlanFileError(file: file, line: nil, field: .root,
                                violation: RuleViolation(value: nil, rule: "is not valid YAML: \(error)"))
        }
        let plan = try readPlan(root, reader)
        if let first = plan.violations().first {
            throw PlanFileError(file: file, line: reader.line(for: first.field), field: first.field, violation: first.violation)
        }
        return plan
    }

    private static func syntaxError(_ error: YamlError, file: String) -> PlanFileError {
        let (line, problem): (Int?, String)
        switch error {
        case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
            (line, problem) = (mark.line, p)
        default:
            (line, problem) = (nil, "\(error)")
        }
        return PlanFileError(file: file, line: line, field: .root,
                             violation: RuleViolation(value: nil, rule: "is not valid YAML: \(problem)"))
    }

    private static func readPlan(_ node: Node, _ r: YAMLReader) throws(PlanFileError) -> ServicePlan {
        let root = FieldPath.root
        let fields = try r.map(node, root, allowed: [
            "format", "code", "title", "status", "period", "council", "priorities", "keyAreasOfFocus",
            "objectives", "indicators", "risks", "equalityActions", "staffing", "notes",
        ])
        let format = try fields.required("format", YAMLReader.string)
        guard format == formatTag else {
            throw r.fail(fields.value("format"), root["format"], format, "is not a format this version reads (expected \(formatTag))")
        }
        let code = try fields.required("code", YAMLReader.string)
        do { try ServicePlan.checkCode(code) } catch { throw r.fail(fields.value("code"), root["code"], error) }

        let council = try fields.required("council", readCouncil)
        return ServicePlan(
            code: code,
            title: try fields.required("title", YAMLReader.string),
            status: try fields.required("status") { r in { n, p throws(PlanFileError) in try r.choice(n, p) } },
            period: try fields.required("period", readPeriod),
            council: council,
            priorities: try fields.required("priorities", listOf(readPriority)),
            keyAreasOfFocus: try fields.optional("keyAreasOfFocus", default: [], YAMLReader.ints),
            objectives: try fields.required("objectives", listOf(readObjective)),
            indicators: try fields.required("indicators", listOf(readIndicator)),
            risks: try fields.optional("risks", default: [], listOf(readRisk)),
            equalityActions: try fields.optional("equalityActions", default: [], listOf(readEqualityAction)),
            staffing: try fields.optional("staffing", default: [], listOf(readStaffing)),
            notes: try fields.optional("notes", default: [], YAMLReader.strings)
        )
    }

    /// Adapts a reader of one item into a reader of a list of them.
    private static func listOf<T>(
        _ readItem: @escaping (YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> T
    ) -> (YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> [T] {
        { r in
            { node, path throws(PlanFileError) in
                var out: [T] = []
                for (item, p) in try r.list(node, path) { out.append(try readItem(r)(item, p)) }
                return out
            }
        }
    }

    private static func readPeriod(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> PlanPeriod {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["from", "to"])
            let from = try f.required("from", YAMLReader.year)
            let to = try f.required("to", YAMLReader.year)
            do throws(RuleViolation) { return try PlanPeriod(first: from, last: to) } catch { throw r.fail(f.value("to"), path["to"], error) }
        }
    }

    private static func readCouncil(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> Council {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["name", "directorate", "department", "divisions", "authorityCode", "neighbours"])
            let code: (YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> String = { r in
                { n, p throws(PlanFileError) in
                    let text = try r.string(n, p)
                    do throws(RuleViolation) { try Council.checkAuthorityCode(text) } catch { throw r.fail(n, p, error) }
                    return text
                }
            }
            let divisions = try f.optional("divisions", default: [], listOf { r in
                { n, p throws(PlanFileError) in
                    try r.map(n, p, allowed: ["name"]).required("name", YAMLReader.string)
                }
            })
            return Council(
                name: try f.required("name", YAMLReader.string),
                directorate: try f.required("directorate", YAMLReader.string),
                department: try f.required("department", YAMLReader.string),
                divisions: divisions,
                authorityCode: try f.optional("authorityCode", default: nil) { r in { n, p throws(PlanFileError) in try code(r)(n, p) } },
                neighbours: try f.optional("neighbours", default: [], listOf(code)))
        }
    }

    private static func readPriority(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> CorporatePriority {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: ["number", "title", "areasOfFocus"])
            return CorporatePriority(
                number: try f.required("number", YAMLReader.int),
                title: try f.required("title", YAMLReader.string),
                areasOfFocus: try f.required("areasOfFocus", listOf { r in
                    { n, p throws(PlanFileError) in
                        let a = try r.map(n, p, allowed: ["number", "title"])
                        return AreaOfFocus(number: try a.required("number", YAMLReader.int),
                                           title: try a.required("title", YAMLReader.string))
                    }
                }))
        }
    }

    private static func readObjective(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> ServiceObjective {
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

    private static func readMilestoneYear(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> MilestoneYear {
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

    private static func readAssessment(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> RiskAssessment {
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

    private static func readIndicator(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> Indicator {
        { node, path throws(PlanFileError) in
            let f = try r.map(node, path, allowed: [
                "ref", "title", "category", "scope", "key", "laa", "unit", "polarity", "aggregation", "corporatePlan",
                "baseline", "quartiles", "targets", "actuals", "notes", "owner", "partII",
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
                partII: try f.optional("partII", default: false, YAMLReader.bool))
        }
    }

    private static func readRisk(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> Risk {
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

    private static func readEqualityAction(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> EqualityAction {
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

    private static func readStaffing(_ r: YAMLReader) -> (Node, FieldPath) throws(PlanFileError) -> StaffingYear {
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
