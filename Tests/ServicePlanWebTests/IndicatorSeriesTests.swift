import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// An indicator with the same ref in successive plans of one council is one series: direction of
/// travel in a new plan's first quarter reads the plan before, and the indicator's page and API
/// show every year and quarter of both — published figures only, no Part II item, for the public.
@Suite struct IndicatorSeriesTests {
    static let tests = Actor(name: "tests", via: .cli)

    /// ULS's successor: plan ULS2, 2012/13–2014/15, same department, holding NI80 and NI73 with
    /// targets of its own (a test plan, not Halton's).
    static func addSuccessor(_ stores: Stores) async throws {
        var plan = try #require(try await stores.plans.plan(code: "ULS"))
        plan.code = "ULS2"
        plan.title = "Universal & Learning Services Service Plan 2012–15 (a test plan)"
        plan.period = try PlanPeriod(first: FinancialYear(startYear: 2012), last: FinancialYear(startYear: 2014))
        plan.objectives = []
        plan.risks = []
        plan.equalityActions = []
        plan.staffing = []
        plan.indicators = plan.indicators.filter { ["NI80", "NI73"].contains($0.ref) }.map { indicator in
            var i = indicator
            i.baseline = Baseline(year: FinancialYear(startYear: 2011), value: .value(43))
            i.targets = [FinancialYear(startYear: 2012): .value(45), FinancialYear(startYear: 2013): .value(46), FinancialYear(startYear: 2014): .value(47)]
            i.actuals = [:]
            i.quartiles = [:]
            return i
        }
        try await stores.plans.replace(plan, actor: tests)
    }

    /// Enters actuals in a return and takes it as far as `publish` says.
    static func enter(_ stores: Stores, _ plan: String, _ quarter: String, _ actuals: [String: Double], publish: Bool) async throws {
        let q = try #require(Quarter(quarter))
        try await stores.returns.change(plan: plan, quarter: q, actor: tests) { r in
            for (ref, value) in actuals { r.indicators[ref] = IndicatorEntry(actual: value) }
        }
        guard publish else { return }
        for action in [ReturnAction.submit, .approve, .publish] {
            _ = try await stores.returns.take(action, plan: plan, quarter: q, actor: tests)
        }
    }

    func line(_ body: String, _ ref: String) throws -> [String: Any] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let lines = try #require(json["indicators"] as? [[String: Any]])
        return try #require(lines.first { $0["ref"] as? String == ref })
    }

    @Test("direction of travel in a new plan's first quarter compares with the previous plan's same quarter and last quarter; the public's only with published figures",
          arguments: ["sqlite", "postgresql"])
    func directionAcrossBoundary(engine: String) async throws {
        guard engine == "sqlite" || WebEngines.postgresURL != nil else { return }
        try await withPeople(engine: engine) { people, client in
            try await Self.addSuccessor(people.stores)
            try await Self.enter(people.stores, "ULS", "2011-12-Q1", ["NI80": 43, "NI73": 80], publish: true)
            try await Self.enter(people.stores, "ULS", "2011-12-Q4", ["NI80": 44.5], publish: true)
            try await Self.enter(people.stores, "ULS2", "2012-13-Q1", ["NI80": 44, "NI73": 79], publish: true)

            let (status, body) = try await get(client, people, .publicVisitor, "/api/v1/plans/ULS2/returns/2012-13-Q1")
            #expect(status == .ok)
            let ni80 = try line(body, "NI80")
            #expect(ni80["directionOfTravel"] as? String == "better", "44 against 43 in Q1 2011/12, in plan ULS")
            #expect(ni80["directionOnPreviousQuarter"] as? String == "worse", "44 against 44.5 in Q4 2011/12, in plan ULS")
            #expect(try line(body, "NI73")["directionOfTravel"] as? String == "worse")

            // The report says the same; its cached public page follows a change to the earlier plan.
            let better = "Against the same quarter last year: <span class=\"symbol\" aria-hidden=\"true\">↑</span> Better"
            #expect(try await get(client, people, .publicVisitor, "/plans/ULS2/reports/2012-13-Q1").1.contains(better))
            let report = try await get(client, people, .publicVisitor, "/plans/ULS2/reports/2012-13-Q1/csv").1
            let row = try #require(report.split(separator: "\r\n").first { $0.hasPrefix("indicator,NI80,") })
            #expect(row.contains(",Better,Worse,"), "\(row)")

            // An earlier return that is not published counts for staff, not for the public.
            _ = try await people.stores.returns.take(.reopen, plan: "ULS", quarter: try #require(Quarter("2011-12-Q1")), actor: Self.tests,
                                                     reason: "A figure to check")
            #expect(try line(try await get(client, people, .publicVisitor, "/api/v1/plans/ULS2/returns/2012-13-Q1").1, "NI80")["directionOfTravel"] as? String
                    == "notComparable")
            #expect(try line(try await get(client, people, .member, "/api/v1/plans/ULS2/returns/2012-13-Q1").1, "NI80")["directionOfTravel"] as? String
                    == "better")
            #expect(!(try await get(client, people, .publicVisitor, "/plans/ULS2/reports/2012-13-Q1").1.contains(better)), "the cache moved on")
        }
    }

    @Test("a series joins only the department's own plans, and only an indicator that measures alike")
    func sameDepartmentAndMeasure() async throws {
        try await withPeople { people, client in
            try await Self.addSuccessor(people.stores)
            // ULS2's NI73 now counts the year to date: not comparable with ULS's snapshot NI73.
            _ = try await people.stores.plans.update(code: "ULS2", actor: Self.tests) { plan in
                if let i = plan.indicators.firstIndex(where: { $0.ref == "NI73" }) { plan.indicators[i].aggregation = .cumulative }
            }
            // Another department's plan after ULS, with NI80 too.
            var council = try #require(try await people.stores.councils.council(code: "HALTON"))
            council.directorates[0].departments.append(Department(code: "PS", name: "Preventative Services (a test department)"))
            try await people.stores.councils.replace(council, actor: Self.tests)
            var other = try #require(try await people.stores.plans.plan(code: "ULS2"))
            other.code = "PSX"
            other.link = CouncilLink(council: "HALTON", department: "PS")
            try await people.stores.plans.replace(other, actor: Self.tests)

            try await Self.enter(people.stores, "ULS", "2011-12-Q1", ["NI80": 43, "NI73": 80], publish: true)
            try await Self.enter(people.stores, "ULS2", "2012-13-Q1", ["NI80": 44, "NI73": 20], publish: true)
            try await Self.enter(people.stores, "PSX", "2012-13-Q1", ["NI80": 50], publish: true)

            let uls2 = try await get(client, people, .publicVisitor, "/api/v1/plans/ULS2/returns/2012-13-Q1").1
            #expect(try line(uls2, "NI80")["directionOfTravel"] as? String == "better")
            #expect(try line(uls2, "NI73")["directionOfTravel"] as? String == "notComparable", "a count is not compared with a percentage")
            let psx = try await get(client, people, .publicVisitor, "/api/v1/plans/PSX/returns/2012-13-Q1").1
            #expect(try line(psx, "NI80")["directionOfTravel"] as? String == "notComparable", "ULS is another department's plan")

            let series = try await get(client, people, .publicVisitor, "/api/v1/plans/ULS/indicators/NI80/series").1
            let json = try #require(try JSONSerialization.jsonObject(with: Data(series.utf8)) as? [String: Any])
            #expect((json["plans"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["ULS", "ULS2"])
            let ni73 = try #require(try JSONSerialization.jsonObject(with: Data(try await get(client, people, .publicVisitor,
                                                                                          "/api/v1/plans/ULS2/indicators/NI73/series").1.utf8)) as? [String: Any])
            #expect((ni73["plans"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["ULS2"])
        }
    }

    @Test("an indicator's page and series API show every year and quarter of both plans, with a chart; the public never sees a Part II indicator of the earlier plan")
    func seriesPage() async throws {
        try await withPeople { people, client in
            try await Self.addSuccessor(people.stores)
            try await Self.enter(people.stores, "ULS", "2011-12-Q1", ["NI80": 43], publish: true)
            try await Self.enter(people.stores, "ULS", "2011-12-Q2", ["NI80": 43.2], publish: false)
            try await Self.enter(people.stores, "ULS2", "2012-13-Q1", ["NI80": 44], publish: true)

            let (status, page) = try await get(client, people, .publicVisitor, "/plans/ULS2/indicators/NI80")
            #expect(status == .ok)
            #expect(page.contains("<svg") && page.contains("class=\"chart\""))
            #expect(page.contains("href=\"/plans/ULS/indicators/NI80\"") && page.contains("href=\"/plans/ULS2/indicators/NI80\""))
            for year in ["2008/09", "2009/10", "2010/11", "2011/12", "2012/13", "2013/14", "2014/15"] {
                #expect(page.contains("<th scope=\"row\">\(year)</th>"), "\(year)")
            }
            #expect(page.contains("<th scope=\"row\">Q1 2011/12</th>") && page.contains("<th scope=\"row\">Q1 2012/13</th>"))
            #expect(!page.contains("Q2 2011/12"), "not published")
            #expect(try await get(client, people, .member, "/plans/ULS2/indicators/NI80").1.contains("Q2 2011/12"))

            let (apiStatus, body) = try await get(client, people, .publicVisitor, "/api/v1/plans/ULS2/indicators/NI80/series")
            #expect(apiStatus == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect((json["plans"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["ULS", "ULS2"])
            let quarters = try #require(json["quarters"] as? [[String: Any]])
            #expect(quarters.compactMap { $0["period"] as? String } == ["2011-12-Q1", "2012-13-Q1"])
            #expect(quarters.last?["directionOnLastYear"] as? String == "better")
            let years = try #require(json["years"] as? [[String: Any]])
            #expect(years.first { $0["year"] as? String == "2012/13" }?["plan"] as? String == "ULS2")
            #expect((years.first { $0["year"] as? String == "2011/12" }?["target"] as? [String: Any])?["value"] as? Double == 44, "ULS's own target for its last year")

            // Part II in the earlier plan: gone from the public's series, still there for members.
            _ = try await people.stores.plans.update(code: "ULS", actor: Self.tests) { plan in
                if let i = plan.indicators.firstIndex(where: { $0.ref == "NI80" }) { plan.indicators[i].partII = true }
            }
            let publicSeries = try await get(client, people, .publicVisitor, "/api/v1/plans/ULS2/indicators/NI80/series").1
            #expect(!publicSeries.contains("2011-12-Q1") && !publicSeries.contains("\"ULS\""), "\(publicSeries)")
            #expect(try await get(client, people, .member, "/api/v1/plans/ULS2/indicators/NI80/series").1.contains("2011-12-Q1"))
            #expect(try await get(client, people, .publicVisitor, "/plans/ULS/indicators/NI80").0 == .notFound)
            #expect(try await get(client, people, .publicVisitor, "/plans/ULS2/indicators/NOPE").0 == .notFound)
            let report = try await get(client, people, .publicVisitor, "/plans/ULS2/reports/2012-13-Q1/csv").1
            let row = try #require(report.split(separator: "\r\n").first { $0.hasPrefix("indicator,NI80,") })
            #expect(row.contains(",Not comparable,Not comparable,"), "\(row)")
        }
    }
}
