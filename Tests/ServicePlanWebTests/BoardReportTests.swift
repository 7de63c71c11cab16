import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// The board report: for one quarter, a summary of every indicator in every plan the board
/// scrutinises, then each plan's report; the public version holds published returns only and
/// no Part II item of any plan.
@Suite struct BoardReportTests {
    static let tests = Actor(name: "tests", via: .cli)
    static let path = "/councils/HALTON/boards/CYP-PPB/reports/2009-10-Q2"

    /// A second department (PS) under the board, with plan PS: NI80 (Part II) and NI73, and a
    /// published return for Q2 2009/10 (NI80 41, NI73 70). A test plan, not Halton's.
    static func addSecondPlan(_ stores: Stores, publish: Bool = true) async throws {
        var council = try #require(try await stores.councils.council(code: "HALTON"))
        council.directorates[0].departments.append(Department(code: "PS", name: "Preventative Services (a test department)"))
        council.boards[0].departments.append("PS")
        try await stores.councils.replace(council, actor: tests)
        var plan = try #require(try await stores.plans.plan(code: "ULS"))
        plan.code = "PS"
        plan.title = "Preventative Services Service Plan (a test plan)"
        plan.link = CouncilLink(council: "HALTON", department: "PS")
        plan.period = try PlanPeriod(first: FinancialYear(startYear: 2009), last: FinancialYear(startYear: 2011))
        plan.objectives = []
        plan.risks = []
        plan.equalityActions = []
        plan.indicators = plan.indicators.filter { ["NI80", "NI73"].contains($0.ref) }.map { indicator in
            var i = indicator
            i.partII = i.ref == "NI80"
            return i
        }
        try await stores.plans.replace(plan, actor: tests)
        let quarter = try #require(Quarter("2009-10-Q2"))
        try await stores.returns.change(plan: "PS", quarter: quarter, actor: tests) { r in
            r.indicators["NI80"] = IndicatorEntry(actual: 41, commentary: "A Part II figure")
            r.indicators["NI73"] = IndicatorEntry(actual: 70)
        }
        guard publish else { return }
        for action in [ReturnAction.submit, .approve, .publish] { _ = try await stores.returns.take(action, plan: "PS", quarter: quarter, actor: tests) }
    }

    func summaryRefs(_ page: String) -> [String] {
        guard let start = page.range(of: "<table class=\"board-summary\">"), let end = page.range(of: "</table>", range: start.upperBound..<page.endIndex) else { return [] }
        let table = page[start.upperBound..<end.lowerBound]
        return table.matches(of: /href="#([^"]+)"/).map { String($0.output.1) }
    }

    @Test("the board report summarises every indicator of every plan the board scrutinises, then each plan's report, with no HTML id twice",
          arguments: ["sqlite", "postgresql"])
    func contents(engine: String) async throws {
        guard engine == "sqlite" || WebEngines.postgresURL != nil else { return }
        try await withPeople(engine: engine) { people, client in
            try await ExampleReturns.load(ExampleReturns.sampleQuarter, into: people.stores.returns, plan: try await people.plan())
            try await Self.addSecondPlan(people.stores)
            let uls = try await people.plan()
            let (status, page) = try await get(client, people, .member, Self.path)
            #expect(status == .ok)
            #expect(page.contains("Children and Young People Policy and Performance Board: Quarterly Service Plan Monitoring Report"))
            let expected = uls.indicators.map { "ULS_indicator-\($0.ref.anchor)" } + ["PS_indicator-NI73", "PS_indicator-NI80"]
            #expect(Set(summaryRefs(page)) == Set(expected))
            for anchor in expected { #expect(page.contains("id=\"\(anchor)\""), "\(anchor): each plan's report follows the summary") }
            let ids = page.matches(of: /\sid="([^"]+)"/).map { String($0.output.1) }
            #expect(ids.count == Set(ids).count, "duplicated: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
            #expect(page.components(separatedBy: "Appendix: explanation of symbols").count == 2, "explained once")

            // Exceptions: only red and amber, in the summary and the reports.
            let exceptions = try await get(client, people, .member, Self.path + "?exceptions=true").1
            let refs = summaryRefs(exceptions)
            #expect(refs.contains("ULS_indicator-NI75") && !refs.contains("ULS_indicator-NI80"), "NI75 is off target, NI80 on it: \(refs)")
            #expect(refs.contains("PS_indicator-NI73"), "70 against 77: off target")

            // CSV: each plan's rows under its code.
            let csv = try await get(client, people, .member, Self.path + "/csv").1
            #expect(csv.hasPrefix("\u{FEFF}plan,section,ref,"))
            #expect(csv.contains("\r\nPS,indicator,NI80,") && csv.contains("\r\nULS,indicator,NI80,"))
            #expect(try await get(client, people, .publicVisitor, "/councils/HALTON/boards/NOPE/reports/2009-10-Q2").0 == .notFound)
            #expect(try await get(client, people, .publicVisitor, "/councils/HALTON/boards/CYP-PPB/reports/2009-10").0 == .notFound)
            #expect(try await get(client, people, .publicVisitor, "/councils/HALTON/boards/%00/reports/2009-10-Q2").0 == .notFound)
        }
    }

    @Test("the public board report holds no Part II indicator of any plan and names a plan whose return is not published")
    func publicVersion() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(ExampleReturns.sampleQuarter, into: people.stores.returns, plan: try await people.plan())
            try await Self.addSecondPlan(people.stores)
            let (status, page) = try await get(client, people, .publicVisitor, Self.path)
            #expect(status == .ok)
            #expect(!summaryRefs(page).contains("PS_indicator-NI80") && summaryRefs(page).contains("PS_indicator-NI73"))
            #expect(!page.contains("A Part II figure") && !page.contains("PS_indicator-NI80"))
            #expect(page.contains("Items exempt from publication (Part II)"))
            let csv = try await get(client, people, .publicVisitor, Self.path + "/csv").1
            #expect(!csv.contains("PS,indicator,NI80") && csv.contains("PS,indicator,NI73"))

            _ = try await people.stores.returns.take(.reopen, plan: "PS", quarter: try #require(Quarter("2009-10-Q2")), actor: Self.tests,
                                                     reason: "A figure to check")
            let reopened = try await get(client, people, .publicVisitor, Self.path).1
            #expect(reopened.contains("There is no published return for Q2 2009/10."))
            #expect(!summaryRefs(reopened).contains("PS_indicator-NI73"))
            #expect(summaryRefs(try await get(client, people, .member, Self.path).1).contains("PS_indicator-NI73"), "members see the draft")
        }
    }
}
