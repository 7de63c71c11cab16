import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// An indicator's quarterly profile through the API, the plan file and the status rules.
@Suite struct QuarterlyProfileTests {
    @Test("a profile set through the API is stored, exported and read back, recorded in the history, and judges the quarter")
    func throughTheAPI() async throws {
        try await withPeople { people, client in
            let (set, body) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/indicators/NI80") {
                $0["profile"] = ["kind": "equalSteps"]
            }
            #expect(set == .ok, "\(body)")
            #expect(try await people.plan().indicator("NI80")?.profile == .equalSteps)
            let (seasonal, _) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/indicators/ULS%20LI1") {
                $0["profile"] = ["kind": "seasonal", "shares": [0.22, 0.46, 0.72]]
            }
            #expect(seasonal == .ok)
            let plan = try await people.plan()
            let yaml = PlanFileWriter.yaml(plan)
            #expect(yaml.contains("  profile: equalSteps\n") && yaml.contains("  profile: {seasonal: [0.22, 0.46, 0.72]}\n"))
            let back = try PlanFileReader.read(yaml, file: "export.yaml")
            #expect(back.indicator("ULS LI1")?.profile == .seasonal([0.22, 0.46, 0.72]) && PlanFileWriter.yaml(back) == yaml)
            let record = try #require(try await people.plans.history(code: "ULS").first { $0.itemKey == "ULS LI1" })
            #expect(record.changes.contains { $0.field == "profile" && $0.new == "seasonal 22% / 46% / 72%" })
            // Q2 2010/11 of NI80 steps from 40.5 to 42.2: its target is 41.35, so 41.4 is on target (the year's 42.2 would make it amber).
            var line: [String: Any] = [:]
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2010-11-Q2/indicators/NI80", method: .put,
                                     headers: people.headers(.director, json: true), body: RoleMatrixTests.json(["actual": 41.4])) {
                line = (try? JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [String: Any]) ?? [:]
            }
            #expect(line["status"] as? String == "green")
            // The return form shows the quarter's share.
            let director = Browser(client)
            _ = try await director.signIn(.director)
            let form = String(buffer: try await director.get("/plans/ULS/returns/2010-11-Q2").body)
            #expect(form.contains("<dt>Target for Q2 2010/11</dt><dd>41.4% by Q2 2010/11 (42.2% for the year)</dd>"))
        }
    }

    @Test("a profile that does not suit the indicator is refused with 422 naming it, and nothing is stored")
    func refused() async throws {
        try await withPeople { people, client in
            let before = try await people.auditCount()
            for profile: [String: Any] in [["kind": "equalSteps"], ["kind": "seasonal", "shares": [0.5, 0.3, 0.9]], ["kind": "seasonal"],
                                           ["kind": "lumpy"], ["kind": "seasonal", "shares": [Double.greatestFiniteMagnitude, 1, 1]]] {
                let (status, body) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/indicators/ULS%20LI1") { $0["profile"] = profile }
                #expect(status == .unprocessableContent, "\(profile): \(body)")
                #expect(body.contains("profile"), "\(body)")
            }
            #expect(try await people.auditCount() == before)
        }
    }
}
