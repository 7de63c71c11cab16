import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// The Quarterly Service Plan Monitoring Report, the dashboard and the return form.
@Suite struct ReportTests {
    static let report = "/plans/ULS/reports/2009-10-Q2"

    /// Loads the example quarter (published) into the fixture's database.
    static func example(_ people: People) async throws {
        try await ExampleReturns.load(ExampleReturns.sampleQuarter, into: people.stores.returns, plan: try await people.plan())
    }

    @Test("the report has every section, in order, with the example label and a chart and table per indicator")
    func sections() async throws {
        try await withPeople { people, client in
            try await Self.example(people)
            try await client.execute(uri: Self.report, method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                let headings = ["1 Introduction", "2 Key developments", "3 Emerging issues", "4 Progress against service objectives and milestones",
                                "5 Progress against performance indicators", "6 Risk control measures", "7 Equality actions",
                                "Appendix: explanation of symbols"]
                let positions = headings.map { html.range(of: ">\($0)</h2>")?.lowerBound }
                #expect(positions.allSatisfy { $0 != nil }, "\(zip(headings, positions).filter { $0.1 == nil }.map(\.0))")
                #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
                #expect(html.contains("Example data — not Halton&#39;s figures") || html.contains("Example data — not Halton's figures"))
                #expect(html.components(separatedBy: "<svg ").count - 1 == 17)
                #expect(html.components(separatedBy: "class=\"chart-data\"").count - 1 == 17)
                #expect(html.contains(#"role="img""#))
                #expect(html.contains("●</span> On target: 6"))
                #expect(html.contains("Slightly off target"))
                #expect(!html.contains("<script"))
            }
        }
    }

    @Test("exceptions keep only red and amber items")
    func exceptions() async throws {
        try await withPeople { people, client in
            try await Self.example(people)
            try await client.execute(uri: Self.report + "?exceptions=true", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("(exceptions)"))
                #expect(html.contains("NI75:"), "off target")
                #expect(html.contains("NI72:"), "slightly off target")
                #expect(!html.contains("NI80:"), "on target")
                #expect(!html.contains("NI104:"), "no target")
                #expect(html.components(separatedBy: "<svg ").count - 1 == 9)
            }
        }
    }

    @Test("the public version leaves out Part II items and unpublished returns; members see them")
    func publicVersion() async throws {
        try await withPeople { people, client in
            try await PartIITests.markPartII(people)
            try await Self.example(people)
            try await client.execute(uri: Self.report, method: .get) { response in
                let html = String(buffer: response.body)
                #expect(!html.contains("NI105"))
                #expect(!html.contains("ULS 4"))
                #expect(!html.contains("Embed a system of stakeholder engagement"))
                #expect(html.contains("Items exempt from publication (Part II) are not included"))
            }
            let member = Browser(client)
            _ = try await member.signIn(.member)
            #expect(String(buffer: try await member.get(Self.report).body).contains("NI105:"))
            // Another quarter's draft is not public.
            _ = try await SQLReturnRepository(database: people.database).change(plan: "ULS", quarter: Quarter("2009-10-Q3")!,
                                                                              actor: Actor(name: "t", via: .cli)) { $0.keyDevelopments = "Draft" }
            try await client.execute(uri: "/plans/ULS/reports/2009-10-Q3", method: .get) { #expect($0.status == .notFound) }
            #expect(try await member.get("/plans/ULS/reports/2009-10-Q3").status == .ok)
        }
    }

    @Test("a council's own return compared with example quarters says so, in the report and its CSV")
    func comparesWithExample() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            let quarter = try #require(Quarter("2010-11-Q3"))
            try await people.stores.returns.change(plan: "ULS", quarter: quarter, actor: Actor(name: "tests", via: .cli)) { r in
                r.indicators["NI80"] = IndicatorEntry(actual: 43)
            }
            for action in [ReturnAction.submit, .approve, .publish] {
                _ = try await people.stores.returns.take(action, plan: "ULS", quarter: quarter, actor: Actor(name: "tests", via: .cli))
            }
            var html = "", csv = ""
            try await client.execute(uri: "/plans/ULS/reports/2010-11-Q3", method: .get) { html = String(buffer: $0.body) }
            try await client.execute(uri: "/plans/ULS/reports/2010-11-Q3/csv", method: .get) { csv = String(buffer: $0.body) }
            #expect(html.contains("are among the earlier quarters this report compares with"))
            #expect(!html.contains("The figures and commentary in this report were made up"), "the return itself is the council's")
            #expect(csv.contains("note,,Compared with earlier quarters that are example data"))
            // A quarter that reads no example quarter carries no such note.
            try await client.execute(uri: "/plans/ULS/reports/2010-11-Q2", method: .get) { html = String(buffer: $0.body) }
            #expect(!html.contains("are among the earlier quarters this report compares with"), "an example return is labelled as one")
        }
    }

    @Test("the cached public report changes as soon as the plan or return does")
    func cacheFollowsChanges() async throws {
        try await withPeople { people, client in
            try await Self.example(people)
            try await client.execute(uri: Self.report, method: .get) { #expect(String(buffer: $0.body).contains("Provisional; ahead of target.")) }
            try await client.execute(uri: Self.report, method: .get) { #expect($0.status == .ok) }
            _ = try await people.plans.update(code: "ULS", actor: Actor(name: "t", via: .cli)) { plan in
                plan.indicators[plan.indicators.firstIndex { $0.ref == "NI80" }!].title = "Level 3 by 19 (renamed)"
            }
            try await client.execute(uri: Self.report, method: .get) { #expect(String(buffer: $0.body).contains("Level 3 by 19 (renamed)")) }
            try await SQLReturnRepository(database: people.database).take(.reopen, plan: "ULS", quarter: ExampleReturns.sampleQuarter,
                                                                        actor: Actor(name: "t", via: .cli), reason: "Correction")
            try await client.execute(uri: Self.report, method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("national data for the report's year draws a quartile band on that indicator's chart, cache or not")
    func quartileBand() async throws {
        try await withPeople { people, client in
            try await Self.example(people)
            try await client.execute(uri: Self.report, method: .get) { #expect(!String(buffer: $0.body).contains("quartile-band")) }
            var csv = "authority_code,authority_name,indicator_ref,year,value\n"
            for (i, v) in [38.0, 41, 44, 47].enumerated() { csv += "E0600000\(i + 6),A\(i),NI80,2009/10,\(v)\n" }
            try await SQLBenchmarkRepository(database: people.database).importRows(try BenchmarkCSV.parse(csv, file: "n.csv"))
            try await client.execute(uri: Self.report, method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.components(separatedBy: "class=\"quartile-band\"").count - 1 == 1, "only NI80 has national data")
            }
        }
    }

    @Test("the forecast carries its 80 % interval and the status at each end: API, report and CSV (six example quarters)")
    func forecastInterval() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            // ULS LI1 counts the year to date: 12 and 25 this year after last year's 36 and 50 give increments
            // 13, 14, 12, 13; two quarters to come: 25 + 24.8 = 49.8, between 44.0869 and 55.5131 (numpy and scipy),
            // against 53 for the year: likely amber, the low end red, the high end green.
            var body: [String: Any] = [:]
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2010-11-Q2", method: .get) { response in
                #expect(response.status == .ok)
                body = (try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
            }
            let lines = try #require(body["indicators"] as? [[String: Any]])
            let li1 = try #require(lines.first { $0["ref"] as? String == "ULS LI1" }?["forecast"] as? [String: Any])
            #expect(Set(li1.keys) == ["outturn", "low", "high", "status", "lowStatus", "highStatus", "method"])
            #expect(abs((li1["outturn"] as? Double ?? 0) - 49.8) < 1e-6)
            #expect(abs((li1["low"] as? Double ?? 0) - 44.0868572572) < 1e-6 && abs((li1["high"] as? Double ?? 0) - 55.5131427428) < 1e-6)
            #expect(li1["status"] as? String == "amber" && li1["lowStatus"] as? String == "red" && li1["highStatus"] as? String == "green")
            #expect(li1["method"] as? String == "trendOfQuarterlyIncrements")
            try await client.execute(uri: "/plans/ULS/reports/2010-11-Q2", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("49.8, between 44.1 and 55.5: likely <span"))
                #expect(html.contains("Slightly off target, possibly off target or on target"))
            }
            try await client.execute(uri: "/plans/ULS/reports/2010-11-Q2/csv", method: .get) { response in
                let rows = String(buffer: response.body).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                let header = try #require(rows.first)
                #expect(header.suffix(2) == ["forecast_low", "forecast_high"])
                let row = try #require(rows.first { $0.count > 2 && $0[1] == "ULS LI1" })
                #expect(row.suffix(2) == ["44.1", "55.5"])
                #expect(rows.allSatisfy { $0.count >= header.count }, "every row, notes too, is as wide as the header")
            }
        }
    }

    /// CSV formula injection (issue 23, item 7): one writer neutralises cells a spreadsheet
    /// would run, in every CSV people download, as open data already did.
    @Test("a title a spreadsheet would run as a formula is neutralised in the report, board and export CSVs")
    func formulaInjection() async throws {
        try await withPeople { people, client in
            try await Self.example(people)
            let evil = "=HYPERLINK(\"http://evil.example\",\"Click\")"
            for (ref, title) in [("NI80", evil), ("NI72", "@SUM(A1)"), ("NI73", "\tTabbed"), ("NI75", "-1+2")] {
                let (status, body) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/indicators/\(ref)") { $0["title"] = title }
                #expect(status == .ok || status == .unprocessableContent, "\(body)")
            }
            for path in [Self.report + "/csv", "/plans/ULS/export/csv", "/councils/HALTON/boards/CYP-PPB/reports/2009-10-Q2/csv"] {
                try await client.execute(uri: path, method: .get, headers: people.headers(.admin)) { response in
                    #expect(response.status == .ok, "\(path)")
                    let text = String(buffer: response.body)
                    #expect(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\""), "\(path)")
                    #expect(!text.contains(",=HYPERLINK") && !text.contains("\",=") && !text.contains("\"=HYPERLINK"), "\(path)")
                    #expect(text.contains(",'@SUM(A1),") && text.contains(",'-1+2,"), "\(path)")
                    #expect(!text.contains(",@SUM(A1),") && !text.contains(",-1+2,"), "\(path)")
                }
            }
        }
    }

    @Test("the report's CSV has a row per milestone and indicator")
    func csv() async throws {
        try await withPeople { people, client in
            try await Self.example(people)
            try await client.execute(uri: Self.report + "/csv", method: .get) { response in
                let lines = String(buffer: response.body).split(separator: "\r\n")
                // A byte-order mark first, so Excel reads the file as UTF-8 (issue 23, item 20).
                #expect(response.body.readableBytesView.starts(with: [0xEF, 0xBB, 0xBF]))
                #expect(lines.first?.hasPrefix("\u{FEFF}section,ref,item") == true)
                #expect(lines.filter { $0.hasPrefix("indicator,") }.count == 17)
                #expect(lines.contains { $0.hasPrefix("note,") && $0.contains("Example data") })
            }
        }
    }

    @Test("the dashboard counts the latest quarter per plan and per priority, and shows staff the missing returns")
    func dashboard() async throws {
        try await withPeople { people, client in
            try await Self.example(people)
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Latest quarter: Q2 2009/10"))
                #expect(html.contains("Example data — not Halton"))
                #expect(html.contains("CP3: Children &amp; Young People in Halton"))
                #expect(!html.contains("missing and"), "the public sees no return list")
            }
            let director = Browser(client)
            _ = try await director.signIn(.director)
            let html = String(buffer: try await director.get("/").body)
            #expect(html.contains("11 missing and 0 late."), "12 quarters have closed; only the example quarter has a return: \(html.firstMatch(of: /[0-9]+ missing and [0-9]+ late/).map { String($0.0) } ?? "none")")
            #expect(html.contains("Missing: was due 21 July 2009"))
        }
    }

    @Test("an officer fills in a return in the browser: only their lines, errors on the field, then it is submitted")
    func returnForm() async throws {
        try await withPeople { people, client in
            let officer = Browser(client)
            _ = try await officer.signIn(.owner)
            let page = String(buffer: try await officer.get("/plans/ULS/returns/2009-10-Q3").body)
            #expect(page.contains(#"name="actual-NI80""#))
            #expect(!page.contains(#"name="actual-NI72""#), "another officer's indicator")
            #expect(page.contains("Milestones"))
            let bad = try await officer.post("/plans/ULS/returns/2009-10-Q3", [("actual-NI80", "140"), ("commentary-NI80", "Typed")])
            #expect(bad.status == .unprocessableContent)
            let html = String(buffer: bad.body)
            #expect(html.contains(##"<a href="#actual-NI80">NI80: actual &quot;140&quot; is not a percentage from 0 to 100</a>"##))
            #expect(html.contains(">Typed</textarea>"))
            let ok = try await officer.post("/plans/ULS/returns/2009-10-Q3", [("actual-NI80", "41.5"), ("commentary-NI80", "On track")])
            #expect(ok.status == .seeOther)
            let stored = try await SQLReturnRepository(database: people.database).quarterlyReturn(plan: "ULS", quarter: Quarter("2009-10-Q3")!)
            #expect(stored?.indicators["NI80"]?.actual == 41.5)
            try await officer.get("/plans/ULS/returns/2009-10-Q3")
            #expect(try await officer.post("/plans/ULS/returns/2009-10-Q3/submit", []).status == .seeOther)
            #expect(try await SQLReturnRepository(database: people.database).quarterlyReturn(plan: "ULS", quarter: Quarter("2009-10-Q3")!)?.status == .submitted)
        }
    }
}
