import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore
import Testing

/// `/open-data` (issue #13 part 4): downloads without signing in, from published returns and the
/// public's plan only, and a data package whose every path resolves.
@Suite struct OpenDataTests {
    func read(_ client: some TestClientProtocol, _ path: String) async throws -> (HTTPResponse.Status, String, String?) {
        var result: (HTTPResponse.Status, String, String?) = (.ok, "", nil)
        try await client.execute(uri: path, method: .get) { result = ($0.status, String(buffer: $0.body), $0.headers[.contentType]) }
        return result
    }

    @Test("published figures only, no Part II line, example data marked, each row judged as the report judges it")
    func figures() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            try await PartIITests.markPartII(people)
            // An unpublished return's figure stays out.
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2011-12-Q1/indicators/NI80", method: .put,
                                     headers: people.headers(.director, json: true), body: RoleMatrixTests.json(["actual": 43.3])) { _ in }
            let (status, csv, type) = try await read(client, "/open-data/ULS/figures.csv")
            #expect(status == .ok && type == "text/csv; charset=utf-8")
            let rows = csv.split(separator: "\r\n").map(String.init)
            #expect(rows.first == "council,plan,indicator_ref,indicator_title,unit,polarity,period,actual,target,status,direction,example_data")
            #expect(!csv.contains("NI105") && !csv.contains("2011-12-Q1"))
            // NI80 in Q2 2009/10: 41.2 against 40.5, on target, no Q2 2008/09 to compare with; example data.
            #expect(rows.contains(#"Halton Borough Council,ULS,NI80,% of young people achieving Level 3 qualification by 19,percentage,higherIsBetter,2009-10-Q2,41.2,40.5,green,notComparable,true"#))
            // ULS LI1 counts the year to date: Q1 2010/11's 12 against 53 × 1/4.
            #expect(rows.contains { $0.hasPrefix("Halton Borough Council,ULS,ULS LI1,") && $0.contains(",2010-11-Q1,12,13.25,") })
            // Six example quarters of sixteen public indicators with figures, nothing else.
            #expect(rows.count == 1 + 6 * 16)
        }
    }

    @Test("targets, the Open SDG layout and the page; an unknown plan or file is not found")
    func targetsAndSDG() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            try await PartIITests.markPartII(people)
            let (_, targets, _) = try await read(client, "/open-data/ULS/targets.csv")
            let rows = targets.split(separator: "\r\n").map(String.init)
            #expect(rows.first == "council,plan,indicator_ref,indicator_title,unit,polarity,measure,year,value,why_no_value")
            #expect(rows.contains { $0.contains(",NI80,") && $0.hasSuffix(",baseline,2007/08,34,") })
            #expect(rows.contains { $0.contains(",NI80,") && $0.hasSuffix(",target,2011/12,44,") })
            #expect(!targets.contains("NI105"))
            let (status, sdg, _) = try await read(client, "/open-data/ULS/sdg/NI80.csv")
            #expect(status == .ok)
            // The baseline and each year's target; 2009/10's fourth quarter is example data, which this
            // layout cannot mark, so it is no actual here (found by a hostile review).
            let targetsOnly = "Year,Units,Series,Value\r\n2007,Percentage,Baseline,34\r\n2008,Percentage,Target,38.9\r\n2009,Percentage,Target,40.5\r\n"
                + "2010,Percentage,Target,42.2\r\n2011,Percentage,Target,44\r\n"
            #expect(sdg == targetsOnly)
            // A real fourth quarter, once published, is the year's actual.
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2011-12-Q4/indicators/NI80", method: .put,
                                     headers: people.headers(.director, json: true), body: RoleMatrixTests.json(["actual": 45])) { _ in }
            #expect(try await read(client, "/open-data/ULS/sdg/NI80.csv").1 == targetsOnly, "not yet published")
            for (who, step) in [(People.Who.director, "submit"), (.admin, "approve"), (.admin, "publish")] {
                try await client.execute(uri: "/api/v1/plans/ULS/returns/2011-12-Q4/\(step)", method: .post, headers: people.headers(who)) {
                    #expect($0.status == .ok, "\(step)")
                }
            }
            #expect(try await read(client, "/open-data/ULS/sdg/NI80.csv").1 == targetsOnly + "2011,Percentage,Actual,45\r\n")
            #expect(try await read(client, "/open-data/ULS/sdg/ULS-LI1.csv").0 == .ok)
            #expect(try await read(client, "/open-data/ULS/sdg/NI105.csv").0 == .notFound, "Part II")
            #expect(try await read(client, "/open-data/NOPE/figures.csv").0 == .notFound)
            let (_, page, _) = try await read(client, "/open-data")
            #expect(page.contains(#"href="/open-data/ULS/figures.csv""#) && page.contains(#"href="/open-data/ULS/sdg/ULS-LI1.csv""#))
            #expect(!page.contains("NI105") && page.contains("Open Government Licence v3.0"))
        }
    }

    @Test("resource names are unique lower-case ASCII and paths percent-encoded, whatever the codes and refs (found by a hostile review)")
    func names() throws {
        let data = try OpenData.datapackage(plans: [
            .init(code: "ULS", title: "A", council: "C", indicators: ["ULS-LI1", "uls-li1", "ULS-LÏ6"]),
            .init(code: "uls", title: "B", council: "C", indicators: []),
        ], licence: .openGovernment, site: "")
        let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        let names = resources.compactMap { $0["name"] as? String }
        #expect(names.count == 7 && Set(names).count == 7)
        #expect(names.allSatisfy { $0.wholeMatch(of: /[-a-z0-9._\/]+/) != nil }, "\(names)")
        #expect(resources.contains { $0["path"] as? String == "ULS/sdg/ULS-L%C3%8F6.csv" })
    }

    @Test("text a spreadsheet would run as a formula is neutralised; numbers, negative ones too, are left alone")
    func formulas() async throws {
        try await withPeople { people, client in
            let (status, _) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/indicators/NI80") {
                $0["title"] = #"=HYPERLINK("http://evil.example","x")"#
            }
            #expect(status == .ok)
            let (_, csv, _) = try await read(client, "/open-data/ULS/targets.csv")
            #expect(csv.contains(#",NI80,"'=HYPERLINK(""http://evil.example"",""x"")",percentage,"#))
            #expect(OpenData.neutralised("-2.5") == "-2.5" && OpenData.neutralised("@SUM(A1)") == "'@SUM(A1)" && OpenData.neutralised("+1") == "+1")
        }
    }

    @Test("the data package states its licence, and every resource path resolves from its own address")
    func package() async throws {
        try await withPeople { people, client in
            try await PartIITests.markPartII(people)
            let (status, body, type) = try await read(client, "/open-data/datapackage.json")
            #expect(status == .ok && type == "application/json; charset=utf-8")
            let package = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let licence = try #require((package["licenses"] as? [[String: Any]])?.first)
            #expect(licence["name"] as? String == "OGL-UK-3.0" && (licence["path"] as? String)?.hasPrefix("https://www.nationalarchives.gov.uk/") == true)
            let resources = try #require(package["resources"] as? [[String: Any]])
            #expect(resources.count == 2 + 16, "figures, targets, and the sixteen public indicators")
            for resource in resources {
                let path = try #require(resource["path"] as? String)
                let (found, _, _) = try await read(client, "/open-data/" + path)
                #expect(found == .ok, "\(path)")
                #expect(!path.contains("NI105"))
            }
        }
    }
}
