import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

@Suite struct DataQualityAndBenchmarkTests {
    static func national(_ people: People) async throws {
        var csv = "authority_code,authority_name,indicator_ref,year,value\n"
        for (i, v) in [34.0, 30, 40, 50, 28, 45, 38, 42].enumerated() {
            csv += "\(i == 0 ? "E06000006" : String(format: "E080000%02d", 10 + i)),Authority \(i),NI80,2007/08,\(v)\n"
        }
        try await SQLBenchmarkRepository(database: people.database).importRows(try BenchmarkCSV.parse(csv, file: "n.csv"))
    }

    @Test("GET /api/v1/benchmarks/{ref}/{year} gives count, quartiles and the council's rank and quartile")
    func benchmarkAPI() async throws {
        try await withPeople { people, client in
            try await Self.national(people)
            try await client.execute(uri: "/api/v1/benchmarks/NI80/2007-08", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(body["count"] as? Int == 8)
                let q = try #require(body["quartiles"] as? [String: Double])
                #expect(q["lower"] == 33 && q["median"] == 39 && q["upper"] == 42.75)
                let council = try #require(body["council"] as? [String: Any])
                #expect(council["value"] as? Double == 34)
                #expect(council["rank"] as? Int == 6)
                #expect(council["quartile"] as? String == "lowerMiddle")
            }
            try await client.execute(uri: "/api/v1/benchmarks/NI80/2010-11", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("the benchmark page draws the distribution with a table alternative, and the plan page uses the computed quartiles")
    func pages() async throws {
        try await withPeople { people, client in
            try await Self.national(people)
            try await client.execute(uri: "/benchmarks/NI80", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("class=\"chart strip\""))
                #expect(html.contains("All 8 authorities as a table"))
                #expect(html.contains("This council"))
            }
            try await client.execute(uri: "/plans/ULS", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("NI80 2007/08: computed from 8 authorities"))
                #expect(html.contains(">42.75%</td>"), "NI80's top quartile, higher is better: the upper value")
            }
        }
    }

    @Test("the data-quality API lists findings with rule, dimension, severity, plan, item, period and message")
    func dataQualityAPI() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(ExampleReturns.sampleQuarter, into: people.stores.returns, plan: try await people.plan())
            try await client.execute(uri: "/api/v1/data-quality", method: .get, headers: people.headers(.director)) { response in
                let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
                for key in ["rule", "dimension", "severity", "plan", "item", "message"] {
                    #expect(list.allSatisfy { $0[key] != nil }, "\(key)")
                }
                #expect(list.contains { $0["rule"] as? String == "valid.linked-indicator-exists" && $0["item"] as? String == "ULS 1" })
                #expect(list.contains { $0["rule"] as? String == "complete.return-missing" && $0["period"] as? String == "2009-10-Q1" })
            }
            try await client.execute(uri: "/data-quality", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                for d in ["Accurate", "Valid", "Reliable", "Timely", "Relevant", "Complete"] { #expect(html.contains(">\(d)</h2>")) }
            }
        }
    }

    @Test("the public's findings never name a Part II item")
    func dataQualityPartII() async throws {
        try await withPeople { people, client in
            _ = try await people.plans.update(code: "ULS", actor: Actor(name: "t", via: .cli)) { plan in
                plan.objectives[0].partII = true
            }
            try await client.execute(uri: "/api/v1/data-quality", method: .get) { response in
                #expect(!String(buffer: response.body).contains("ULS 1"))
            }
            try await client.execute(uri: "/api/v1/data-quality", method: .get, headers: people.headers(.member)) { response in
                #expect(String(buffer: response.body).contains("ULS 1"))
            }
        }
    }
}

@Suite struct BenchmarkingSettingsTests {
    @Test("only an admin edits the council's ONS code and comparison group; the change is audited")
    func adminEdits() async throws {
        try await withPeople { people, client in
            let director = Browser(client)
            _ = try await director.signIn(.director)
            #expect(try await director.get("/plans/ULS/benchmarking/edit").status == .forbidden)
            let admin = Browser(client)
            _ = try await admin.signIn(.admin)
            let form = String(buffer: try await admin.get("/plans/ULS/benchmarking/edit").body)
            #expect(form.contains(#"value="E06000006""#))
            let bad = try await admin.post("/plans/ULS/benchmarking/edit", [("version", admin.version), ("authorityCode", "E6"), ("neighbours", "")])
            #expect(bad.status == .unprocessableContent)
            let ok = try await admin.post("/plans/ULS/benchmarking/edit",
                                          [("version", admin.version), ("authorityCode", "e06000006"), ("neighbours", "E08000011, E08000012")])
            #expect(ok.status == .seeOther)
            #expect(try await people.plan().council.neighbours == ["E08000011", "E08000012"])
            let record = try #require(try await people.plans.history(code: "ULS").first)
            #expect(record.itemType == "plan" && record.changes.contains { $0.field == "neighbours" })
        }
    }
}
