import ServicePlanDomain
import Testing

/// The public's findings are filtered by the items they refer to, never by their wording.
@Suite struct FindingVisibilityTests {
    /// A plan with a Part II indicator `NI1` and a public one `NI10`, neither linked to an
    /// objective, so each has findings of its own — and NI10's messages contain "NI1".
    static func plan() -> ServicePlan {
        var plan = DataQualityTests.plan()
        for (ref, partII) in [("NI1", true), ("NI10", false)] {
            var indicator = plan.indicators[0]
            indicator.ref = ref
            indicator.partII = partII
            indicator.targets = [:]
            plan.indicators.append(indicator)
        }
        return plan
    }

    static let member = User(id: 1, email: "m@t", name: "Member", role: .member, department: nil)

    @Test("with a Part II NI1 and a public NI10 the public sees NI10's findings and none about NI1")
    func partIIByReference() {
        let checker = DataQualityChecker(calendar: TestCalendar())
        let everything = checker.visibleFindings(plan: Self.plan(), returns: [], user: Self.member)
        #expect(everything.contains { $0.item == "NI1" }, "members see Part II findings")
        #expect(everything.contains { $0.item == "NI10" && $0.message.contains("NI1") }, "NI10's own messages name NI1 as a substring")

        let publicFindings = checker.visibleFindings(plan: Self.plan(), returns: [], user: nil)
        #expect(!publicFindings.contains { $0.references.contains(.indicator(plan: "T", ref: "NI1")) })
        #expect(!publicFindings.contains { $0.item == "NI1" })
        #expect(publicFindings.filter { $0.item == "NI10" }.count == everything.filter { $0.item == "NI10" }.count,
                "every finding about NI10 stays public")
    }

    @Test("a finding that mentions a Part II item is hidden even when its subject is public")
    func mentionsArePrivate() {
        var plan = Self.plan()
        // O1 links to NI1, which is Part II: the link itself is not news for the public.
        plan.objectives[0].indicatorRefs.append("NI1")
        plan.indicators.removeAll { $0.ref == "NI1" }
        plan.indicators.append({ var i = plan.indicators[0]; i.ref = "NI1X"; i.partII = true; return i }())
        plan.objectives[0].indicatorRefs.append("NI1X")
        let finding = Finding(rule: DataQualityChecker.rules[0], subject: .objective(plan: "T", ref: "O1"),
                              mentions: [.indicator(plan: "T", ref: "NI1X")], message: "Anything at all", fix: "")
        #expect(plan.isPartII(.returnLine(quarter: Quarter("2009-10-Q1")!, item: .indicator(plan: "T", ref: "NI1X"))))
        #expect(finding.references.contains(where: plan.isPartII))
        #expect(!plan.isPartII(finding.subject))
    }
}
