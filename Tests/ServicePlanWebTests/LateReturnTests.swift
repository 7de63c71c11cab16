import Foundation
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// "Late" is judged on the London day everywhere: the dashboard, the data-quality API and the
/// report agree, even at 23:30 UTC on a summer evening when London is already on the next day.
@Suite struct LateReturnTests {
    static let q1 = Quarter("2009-10-Q1")!

    @Test("a return submitted at 23:30 UTC on its deadline day (00:30 in London) is late on all three; at 22:30 UTC it is on time",
          arguments: [("2009-07-21T22:30:00Z", false), ("2009-07-21T23:30:00Z", true)])
    func lateOnTheLondonDay(submittedAt: String, late: Bool) async throws {
        #expect(ReturnDeadlines().deadline(for: Self.q1) == CalendarDate("2009-07-21"))
        let instant = try #require(Timestamp.date(submittedAt))
        // The clock stands at the moment of submission.
        let monitoring = try MonitoringConfiguration(calendar: CouncilClock(now: { instant }))
        try await withPeople(monitoring: monitoring) { people, client in
            let actor = Actor(name: "officer@halton.test", via: .api)
            try await people.stores.returns.change(plan: "ULS", quarter: Self.q1, actor: actor) { $0.keyDevelopments = "On time?" }
            try await people.stores.returns.take(.submit, plan: "ULS", quarter: Self.q1, actor: actor, at: instant)

            let dashboard = try await client.execute(uri: "/", method: .get, headers: people.headers(.admin), body: nil).text
            #expect(dashboard.contains("submitted late (22 July 2009)") == late, "dashboard")

            let api = try await client.execute(uri: "/api/v1/data-quality?plan=ULS&period=2009-10-Q1", method: .get,
                                               headers: people.headers(.admin), body: nil)
            let findings = try #require(try api.json() as? [[String: Any]])
            let lateFindings = findings.filter { $0["rule"] as? String == "timely.late-return" }
            #expect(lateFindings.count == (late ? 1 : 0), "data-quality API")
            if late { #expect(lateFindings.first?["value"] as? String == "2009-07-22") }

            let report = try await client.execute(uri: "/plans/ULS/reports/2009-10-Q1", method: .get, headers: people.headers(.admin),
                                                  body: nil).text
            #expect(report.contains("was submitted 1 day after its deadline") == late, "report")
        }
    }

    @Test("at 23:30 UTC on the deadline day London's today is the next day, so a quarter with no return is missing")
    func todayIsTheLondonDay() throws {
        let instant = try #require(Timestamp.date("2009-07-21T23:30:00Z"))
        let monitoring = try MonitoringConfiguration(calendar: CouncilClock(now: { instant }))
        #expect(monitoring.calendar.today() == CalendarDate("2009-07-22"))
        #expect(monitoring.timeliness(of: nil, for: Self.q1) == .missing)
        let earlier = try MonitoringConfiguration(calendar: CouncilClock(now: { instant.addingTimeInterval(-3600) }))
        #expect(earlier.timeliness(of: nil, for: Self.q1) == .notYetDue)
    }
}
