import ServicePlanDomain
import Testing

/// Each kind of change between two versions of a plan reads as its own line, and a run of
/// versions nets to the change from the first to the last.
@Suite struct PlanComparisonTests {
    static let year = FinancialYear(startYear: 2010)

    static func rated(_ likelihood: Int, _ severity: Int) -> RiskAssessment {
        .rated(try! RiskRating(likelihood: likelihood, severity: severity))
    }

    static func indicator(_ ref: String, _ title: String, target: Double) -> Indicator {
        Indicator(ref: ref, title: title, category: .quality, scope: .local, isKey: .no, inLocalAreaAgreement: .no,
                  unit: .count, polarity: .higherIsBetter, baseline: Baseline(year: FinancialYear(startYear: 2007), value: .value(40)),
                  targets: [year: .value(target)])
    }

    static let centre = Milestone(text: "Open the centre", due: CalendarDate("2011-03-31")!)

    /// One objective with a milestone, one indicator and one register risk, as a plan file gives them (no ids).
    static func plan() -> ServicePlan {
        let objective = ServiceObjective(ref: "ULS 1", title: "Raise attainment", areasOfFocus: [1], responsibleOfficer: "Ann Smith",
                                         risk: RiskProfile(initial: rated(4, 4), residual: rated(3, 4)), indicatorRefs: ["NI80"],
                                         milestoneYears: [MilestoneYear(year: year, entries: .listed([centre]))])
        let risk = Risk(objectiveRef: "ULS 1", description: "Funding is cut", treatment: ["Bid early"], initial: rated(4, 4), residual: rated(2, 4))
        return ServicePlan(code: "ULS", title: "Universal Learning Services", status: .draft,
                           period: try! PlanPeriod(first: FinancialYear(startYear: 2009), last: FinancialYear(startYear: 2011)),
                           council: Council(name: "C", directorate: "D", department: "Dep", divisions: []),
                           priorities: [CorporatePriority(number: 1, title: "P", areasOfFocus: [AreaOfFocus(number: 1, title: "A")])],
                           objectives: [objective], indicators: [indicator("NI80", "Achievement at level 3 by age 19", target: 45)], risks: [risk])
    }

    static func edited(_ edit: (inout ServicePlan) -> Void) -> ServicePlan {
        var plan = plan()
        edit(&plan)
        return plan
    }

    func lines(from old: ServicePlan, to new: ServicePlan) -> [String] {
        PlanComparison.lines(ServicePlan.changes(from: old, to: new))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let edit: @Sendable (inout ServicePlan) -> Void
        let expected: [String]
    }

    static let cases: [Case] = [
        Case(testDescription: "target changed", edit: { $0.indicators[0].targets[year] = .value(47) },
             expected: ["NI80 target for 2010/11 changed from 45 to 47"]),
        Case(testDescription: "target set for a new year", edit: { $0.indicators[0].targets[year.next] = .missing(.toBeAgreed) },
             expected: ["NI80 target for 2011/12 changed from (none) to TBA"]),
        Case(testDescription: "baseline changed", edit: { $0.indicators[0].baseline = Baseline(year: FinancialYear(startYear: 2008), value: .value(41)) },
             expected: ["NI80 baseline changed from \"2007/08: 40\" to \"2008/09: 41\""]),
        Case(testDescription: "milestone added", edit: {
            $0.objectives[0].milestoneYears[0].entries = .listed([centre, Milestone(text: "Train the staff", due: CalendarDate("2010-09-30")!)])
        }, expected: ["Milestone added to ULS 1 (2010/11): Train the staff"]),
        Case(testDescription: "milestone removed", edit: { $0.objectives[0].milestoneYears[0].entries = .listed([]) },
             expected: ["Milestone removed from ULS 1 (2010/11): Open the centre"]),
        Case(testDescription: "milestone reworded", edit: {
            $0.objectives[0].milestoneYears[0].entries = .listed([Milestone(text: "Open the new centre", due: CalendarDate("2011-03-31")!)])
        }, expected: ["Milestone #1 of ULS 1 (2010/11) \"Open the centre\" reworded to \"Open the new centre\""]),
        Case(testDescription: "milestone due date moved", edit: {
            $0.objectives[0].milestoneYears[0].entries = .listed([Milestone(text: "Open the centre", due: CalendarDate("2011-06-30")!)])
        }, expected: ["Milestone #1 of ULS 1 (2010/11) due date moved from 2011-03-31 to 2011-06-30"]),
        Case(testDescription: "objective's residual risk moved", edit: { $0.objectives[0].risk.residual = rated(3, 3) },
             expected: ["ULS 1 residual risk moved from 12 (high; 3 × 4) to 9 (medium; 3 × 3)"]),
        Case(testDescription: "register risk's initial score moved", edit: { $0.risks[0].initial = rated(3, 4) },
             expected: ["Risk #1 initial score moved from 16 (high; 4 × 4) to 12 (high; 3 × 4)"]),
        Case(testDescription: "risk added to the register", edit: {
            $0.risks.append(Risk(objectiveRef: "ULS 1", description: "Staff leave", treatment: [], initial: rated(2, 2), residual: rated(1, 2)))
        }, expected: ["Risk #2 added to ULS 1: Staff leave"]),
        Case(testDescription: "responsible officer changed", edit: { $0.objectives[0].responsibleOfficer = "Bob Jones" },
             expected: ["ULS 1 responsible officer changed from Ann Smith to Bob Jones"]),
        Case(testDescription: "owner given", edit: { $0.indicators[0].owner = "x@halton.gov.uk" },
             expected: ["NI80 owner changed from (none) to x@halton.gov.uk"]),
        Case(testDescription: "indicator added", edit: { $0.indicators.append(indicator("ULS LI9", "Visits to the centre", target: 10)) },
             expected: ["Indicator ULS LI9 added: Visits to the centre"]),
        Case(testDescription: "indicator removed", edit: { $0.indicators = [] },
             expected: ["Indicator NI80 removed: Achievement at level 3 by age 19"]),
        Case(testDescription: "objective marked Part II", edit: { $0.objectives[0].partII = true },
             expected: ["ULS 1 marked Part II"]),
        Case(testDescription: "objective retitled", edit: { $0.objectives[0].title = "Raise attainment at 19" },
             expected: ["ULS 1 title changed from \"Raise attainment\" to \"Raise attainment at 19\""]),
        Case(testDescription: "two fields of one item", edit: { $0.indicators[0].targets[year] = .value(47); $0.indicators[0].owner = "x@t" },
             expected: ["NI80 target for 2010/11 changed from 45 to 47", "NI80 owner changed from (none) to x@t"]),
    ]

    @Test("each kind of change reads as its own line", arguments: cases)
    func eachKind(_ c: Case) {
        #expect(lines(from: Self.plan(), to: Self.edited(c.edit)) == c.expected)
    }

    @Test("an item taken out of Part II says so")
    func noLongerPartII() {
        #expect(lines(from: Self.edited { $0.indicators[0].partII = true }, to: Self.plan()) == ["NI80 no longer Part II"])
    }

    @Test("a renamed indicator is one line naming both refs")
    func renamed() {
        let renamed = Self.edited { $0.indicators[0].ref = "NI81" }
        #expect(PlanComparison.lines(ServicePlan.changes(from: Self.plan(), to: renamed, renamingIndicators: ["NI80": "NI81"]))
                == ["Indicator NI80 renamed to NI81"])
    }

    @Test("a stored milestone moved to another year names its id and both places")
    func storedMilestoneMoved() {
        let change = ItemChange(itemType: "milestone", key: "12", action: .update, fields: [
            .init(field: "year", old: "2009/10", new: "2010/11"), .init(field: "due", old: "2010-03-31", new: "2011-03-31"),
        ])
        #expect(PlanComparison.lines([change]) == ["Milestone #12 moved from 2009/10 to 2010/11",
                                                   "Milestone #12 of 2010/11 due date moved from 2010-03-31 to 2011-03-31"])
    }

    @Test("unknown items and fields, missing values and line breaks still read as one line each")
    func oddInput() {
        let changes = [
            ItemChange(itemType: "returnIndicator", key: "2009-10-Q1 NI80", action: .update, fields: [
                .init(field: "overrideReason", old: nil, new: ""), .init(field: "commentary", old: "a\nb", new: nil),
            ]),
            ItemChange(itemType: "", key: "", action: .update, fields: []),
            ItemChange(itemType: "indicator", key: "NI80", action: .create, fields: []),
            ItemChange(itemType: "milestone", key: "", action: .delete, fields: [.init(field: "text", old: nil, new: nil)]),
        ]
        #expect(PlanComparison.lines(changes) == [
            "Return indicator 2009-10-Q1 NI80 override reason changed from (none) to (empty)",
            "Return indicator 2009-10-Q1 NI80 commentary changed from \"a\\nb\" to (none)",
            "Item changed",
            "Indicator NI80 added",
            "Milestone removed",
        ])
    }

    // MARK: - Net

    func net(_ plans: ServicePlan...) -> [ItemChange] {
        PlanComparison.net(zip(plans, plans.dropFirst()).map { ServicePlan.changes(from: $0, to: $1) })
    }

    @Test("an item created and then deleted within the run vanishes")
    func createdThenDeleted() {
        let added = Self.edited { $0.indicators.append(Self.indicator("ULS LI9", "Visits", target: 10)) }
        #expect(net(Self.plan(), added, Self.plan()) == [])
    }

    @Test("a change and its reversal vanish")
    func updatedThenReverted() {
        #expect(net(Self.plan(), Self.edited { $0.indicators[0].targets[Self.year] = .value(47) }, Self.plan()) == [])
    }

    @Test("two updates keep the first old value and the last new one, in order of first change")
    func updatedTwice() {
        let first = Self.edited { $0.indicators[0].targets[Self.year] = .value(47) }
        let second = Self.edited { $0.objectives[0].responsibleOfficer = "Bob Jones"; $0.indicators[0].targets[Self.year] = .value(50) }
        let changes = net(Self.plan(), first, second)
        #expect(PlanComparison.lines(changes) == ["NI80 target for 2010/11 changed from 45 to 50",
                                                  "ULS 1 responsible officer changed from Ann Smith to Bob Jones"])
    }

    @Test("deleted and then created again is an update of what differs")
    func deletedThenCreated() {
        let gone = Self.edited { $0.indicators = [] }
        let back = Self.edited { $0.indicators[0].targets[Self.year] = .value(47) }
        #expect(net(Self.plan(), gone, back) == [ItemChange(itemType: "indicator", key: "NI80", action: .update,
                                                            fields: [.init(field: "targets.2010/11", old: "45", new: "47")])])
    }

    @Test("created and then updated stays a creation with the final values")
    func createdThenUpdated() {
        let added = Self.edited { $0.indicators.append(Self.indicator("ULS LI9", "Visits", target: 10)) }
        let updated = Self.edited { $0.indicators.append(Self.indicator("ULS LI9", "Visits", target: 12)) }
        let changes = net(Self.plan(), added, updated)
        #expect(changes.map(\.action) == [.create])
        #expect(changes.first?.fields.first { $0.field == "targets.2010/11" } == .init(field: "targets.2010/11", old: nil, new: "12"))
    }

    @Test("updated and then deleted is a deletion of the original values")
    func updatedThenDeleted() {
        let changes = net(Self.plan(), Self.edited { $0.indicators[0].targets[Self.year] = .value(47) }, Self.edited { $0.indicators = [] })
        #expect(changes.map(\.action) == [.delete])
        #expect(changes.first?.fields.first { $0.field == "targets.2010/11" } == .init(field: "targets.2010/11", old: "45", new: nil))
        #expect(PlanComparison.lines(changes) == ["Indicator NI80 removed: Achievement at level 3 by age 19"])
    }

    @Test("a renamed indicator's earlier changes join its rename")
    func changedThenRenamed() {
        let changed = Self.edited { $0.indicators[0].targets[Self.year] = .value(47) }
        var renamed = changed
        renamed.indicators[0].ref = "NI81"
        let versions = [ServicePlan.changes(from: Self.plan(), to: changed),
                        ServicePlan.changes(from: changed, to: renamed, renamingIndicators: ["NI80": "NI81"])]
        #expect(PlanComparison.lines(PlanComparison.net(versions)) == ["Indicator NI80 renamed to NI81",
                                                                      "NI81 target for 2010/11 changed from 45 to 47"])
    }
}
