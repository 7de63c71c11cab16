import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Progress toward the plan's end target, where a reader meets it: the indicator JSON (item,
/// list, plan), the plan page and the report; each from the returns that reader may see.
@Suite struct ProgressTests {
    /// NI80: baseline 34 (2007/08), end target 44 (2011/12). The published 2009/10 year-end line
    /// says 40: growth a year (40/34)^(1/2) − 1 ≈ 8.5 % against the (44/34)^(1/4) − 1 ≈ 6.7 % the
    /// target needs, a ratio of about 1.27: on track. The 2010/11 year-end line (35), not yet
    /// published, gives (35/34)^(1/3) − 1 ≈ 1.0 %, a ratio of about 0.15: limited progress —
    /// for staff and members only.
    static func enterYearEnds(_ people: People) async throws {
        try await IndicatorSeriesTests.enter(people.stores, "ULS", "2009-10-Q4", ["NI80": 40], publish: true)
        try await IndicatorSeriesTests.enter(people.stores, "ULS", "2010-11-Q4", ["NI80": 35], publish: false)
    }

    static func progress(_ body: String, _ ref: String? = nil) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8))
        let item: [String: Any]?
        if let ref, let list = json as? [[String: Any]] {
            item = list.first { $0["ref"] as? String == ref }
        } else if let ref, let plan = json as? [String: Any], let list = plan["indicators"] as? [[String: Any]] {
            item = list.first { $0["ref"] as? String == ref }
        } else {
            item = json as? [String: Any]
        }
        return try #require(item?["progress"] as? [String: Any])
    }

    @Test("the indicator JSON carries progress from the returns the reader may see: the public's from published lines only",
          arguments: WebEngines.all)
    func inTheAPI(engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            try await Self.enterYearEnds(people)
            for path in ["/api/v1/plans/ULS/indicators/NI80", "/api/v1/plans/ULS/indicators", "/api/v1/plans/ULS"] {
                let (_, publicBody) = try await get(client, people, .publicVisitor, path)
                let seen = try Self.progress(publicBody, "NI80")
                #expect(seen["status"] as? String == "onTrack", "\(path)")
                let ratio = try #require(seen["ratio"] as? Double)
                let expected = (pow(40.0 / 34, 0.5) - 1) / (pow(44.0 / 34, 0.25) - 1)
                #expect(abs(ratio - expected) < 1e-9 && ratio > 1.2 && ratio < 1.3, "\(ratio)")
                #expect(seen["growth"] == nil && seen["exampleData"] == nil)
                let (_, memberBody) = try await get(client, people, .member, path)
                let member = try Self.progress(memberBody, "NI80")
                #expect(member["status"] as? String == "limitedProgress", "\(path): the unpublished 2010/11 line counts for a member")
            }
            // A new indicator has no baseline value and no figures: not enough data, and no ratio.
            let (_, body) = try await get(client, people, .publicVisitor, "/api/v1/plans/ULS/indicators/ULS%20LI2")
            let none = try Self.progress(body)
            #expect(none["status"] as? String == "notEnoughData" && none["ratio"] == nil)
        }
    }

    @Test("progress is read-only: a GET's body sent back with its ETag is accepted, and the progress it carried is not stored")
    func readOnly() async throws {
        try await withPeople { people, client in
            try await Self.enterYearEnds(people)
            let (status, body) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/indicators/NI80") { document in
                document["title"] = "Renamed with progress in the body"
                document["progress"] = ["status": "targetAchieved", "ratio": 99]
            }
            #expect(status == .ok, "\(body)")
            #expect(try Self.progress(body)["status"] as? String == "limitedProgress", "computed afresh, not taken from the body")
            // Whatever a body holds under progress, it is ignored: a malformed one does not make a
            // good edit fail (a hostile review found 400s for these).
            for junk: Any in ["abc", 5, [Any](), [String: Any](), ["status": 5], ["ratio": "NaN"], NSNull()] {
                let (status, body) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/indicators/NI80") { document in
                    document["progress"] = junk
                }
                #expect(status == .ok, "\(junk): \(body)")
            }
            let yaml = PlanFileWriter.yaml(try await people.plan())
            #expect(!yaml.contains("progress:") && !yaml.contains("targetAchieved"), "no progress key or value in the stored plan")
        }
    }

    @Test("the plan page and the report say it in words; a latest figure from example data says so")
    func inWords() async throws {
        try await withPeople { people, client in
            try await Self.enterYearEnds(people)
            let (_, page) = try await get(client, people, .publicVisitor, "/plans/ULS")
            #expect(page.contains("Progress to the end target"))
            #expect(page.contains("On track: from 34% in 2007/08 to 40% in 2009/10, 1.27 times the yearly rate that reaches 44% by 2011/12"), "\(page.count)")
            let (_, report) = try await get(client, people, .member, "/plans/ULS/reports/2010-11-Q4")
            #expect(report.contains("Progress to the plan&#39;s end target") || report.contains("Progress to the plan's end target"))
            #expect(report.contains("Limited progress: from 34% in 2007/08 to 35% in 2010/11"))
            // Marked as example data: the sentence says so.
            let q4 = try #require(Quarter("2009-10-Q4"))
            var r = try #require(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: q4))
            r.isExample = true
            let plan = try await people.plan()
            let measure = try #require(plan.indicator("NI80")).progress(period: plan.period, returns: [r])
            let ni80 = try #require(plan.indicator("NI80"))
            #expect(measure.fromExampleData)
            #expect(measure.sentence(for: ni80).contains("example data"))
        }
    }
}
