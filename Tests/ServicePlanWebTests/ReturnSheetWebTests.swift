import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore
import Spreadsheet
import Testing

/// Return sheets in the browser and the API (issue #13 part 1): the officer's workbook, an
/// upload previewed with nothing stored, then stored once confirmed as one audited change.
@Suite struct ReturnSheetWebTests {
    static let path = "/plans/ULS/returns/2010-11-Q3"
    static let quarter = Quarter("2010-11-Q3")!

    static func csv(_ rows: [[String]]) -> String {
        ([ReturnSheet.columns] + rows).map { $0.map { "\"\($0)\"" }.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Sends a file as a browser's form does: multipart, with the page's CSRF token as a part.
    static func upload(_ browser: Browser, _ uri: String, file: String, name: String = "sheet.csv", csrf: String? = nil) async throws -> TestResponse {
        let boundary = "----serviceplanTest\(UUID().uuidString.prefix(8))"
        var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf ?? browser.csrf)\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"sheet\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n"
        body += "--\(boundary)--\r\n"
        var headers = browser.cookieHeader
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await browser.client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func milestoneID(_ people: People) async throws -> Int64 {
        let plan = try await people.plan()
        let objective = try #require(plan.objectives.first { $0.ref == "ULS 5" })
        return try #require(objective.milestoneYears.first { $0.year == quarter.year }?.milestones.first?.id)
    }

    @Test("the owner's workbook holds NI80 and ULS 5's milestones of the year; the public is sent to sign in; a member has no sheet")
    func download() async throws {
        try await withPeople { people, client in
            let owner = Browser(client)
            _ = try await owner.signIn(.owner)
            let response = try await owner.get(Self.path + "/sheet.xlsx")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(response.headers[.cacheControl] == "no-store")
            let grid = try XLSXReader().read(Data(buffer: response.body))
            let refs = (2...grid.rowCount).map { grid["B\($0)"] }
            #expect(refs.first == .text("NI80") && refs.dropFirst().allSatisfy { $0 == .text("ULS 5") } && refs.count > 1)
            #expect(try await Browser(client).get(Self.path + "/sheet.xlsx").status == .seeOther)
            let member = Browser(client)
            _ = try await member.signIn(.member)
            #expect(try await member.get(Self.path + "/sheet.xlsx").status == .forbidden)
            let page = String(buffer: try await owner.get(Self.path).body)
            #expect(page.contains("href=\"\(Self.path)/sheet.xlsx\"") && page.contains("href=\"\(Self.path)/upload\""))
        }
    }

    @Test("an upload shows the changes and their status and stores nothing; confirming stores them as one change")
    func previewThenConfirm() async throws {
        try await withPeople { people, client in
            let id = try await Self.milestoneID(people)
            let owner = Browser(client)
            _ = try await owner.signIn(.owner)
            try await owner.get(Self.path + "/upload")
            let before = try await people.auditCount()
            let file = Self.csv([["Indicator", "NI80", "", "", "", "", "", "52.5", "", "From the sheet"],
                                 ["Milestone", "ULS 5", String(id), "", "", "", "", "", "Complete", "Done"]])
            let preview = try await Self.upload(owner, Self.path + "/upload", file: file)
            let html = String(buffer: preview.body)
            #expect(preview.status == .ok, "\(html.prefix(2000))")
            #expect(html.contains("Nothing is saved until you confirm") && html.contains("52.5%") && html.contains("From the sheet"), "\(html.split(separator: "<main").last ?? "")")
            #expect(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Self.quarter) == nil, "a preview stores nothing")
            #expect(try await people.auditCount() == before)
            let changes = try #require(html.firstMatch(of: /name="changes" value="([^"]*)"/).map { String($0.1) })
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            try await owner.get(Self.path + "/upload")
            let confirmed = try await owner.post(Self.path + "/upload/confirm", [("changes", changes)])
            #expect(confirmed.status == .seeOther)
            let stored = try #require(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Self.quarter))
            #expect(stored.indicators["NI80"]?.actual == 52.5 && stored.indicators["NI80"]?.commentary == "From the sheet")
            #expect(stored.milestones[id]?.status == .complete)
            let history = try await people.plans.history(code: "ULS")
            let added = history.prefix(try await people.auditCount() - before)
            #expect(!added.isEmpty && Set(added.map(\.at)).count == 1, "one change: every record at one moment")
        }
    }

    @Test("problems are listed by row and column and nothing is stored; no token, a forged token or a file too large are refused")
    func refused() async throws {
        try await withPeople { people, client in
            let owner = Browser(client)
            _ = try await owner.signIn(.owner)
            try await owner.get(Self.path + "/upload")
            let bad = try await Self.upload(owner, Self.path + "/upload", file: Self.csv([["Indicator", "NI80", "", "", "", "", "", "150", "", ""],
                                                                                      ["Indicator", "NI105", "", "", "", "", "", "5", "", ""]]))
            let html = String(buffer: bad.body)
            #expect(bad.status == .unprocessableContent)
            #expect(html.contains("Row 2, column H (Actual): &quot;150&quot; is not a percentage from 0 to 100"))
            #expect(html.contains("Row 3, column B (Ref): NI105 is not an indicator you report on in this return"))
            #expect(try await Self.upload(owner, Self.path + "/upload", file: "x", csrf: "forged").status == .forbidden)
            let notZip = try await Self.upload(owner, Self.path + "/upload", file: "PK\u{3}\u{4}not really a workbook", name: "sheet.xlsx")
            #expect(notZip.status == .unprocessableContent && String(buffer: notZip.body).contains("not an .xlsx workbook"))
            var headers = owner.cookieHeader
            headers[.contentType] = "multipart/form-data; boundary=x"
            headers[.contentLength] = String(7 << 20)
            let huge = try await client.execute(uri: Self.path + "/upload", method: .post, headers: headers, body: ByteBuffer(repeating: 0x41, count: 7 << 20))
            #expect(huge.status == .contentTooLarge)
            // Only the upload routes take 6 MB; any other path ending in /upload takes a form's 1 MB.
            var elsewhere = owner.cookieHeader
            elsewhere[.contentType] = "multipart/form-data; boundary=x"
            elsewhere[.contentLength] = String(2 << 20)
            #expect(try await client.execute(uri: "/nonexistent/upload", method: .post, headers: elsewhere,
                                             body: ByteBuffer(repeating: 0x41, count: 2 << 20)).status == .contentTooLarge)
            for odd in ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=" + String(repeating: "b", count: 200)] {
                var h = owner.cookieHeader
                h[.contentType] = odd
                #expect(try await client.execute(uri: Self.path + "/upload", method: .post, headers: h, body: ByteBuffer(string: "x")).status == .forbidden)
            }
            #expect(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Self.quarter) == nil)
        }
    }

    @Test("a confirm naming someone else's line is refused; a return approved since is refused with 409")
    func tamperedAndLocked() async throws {
        try await withPeople { people, client in
            let owner = Browser(client)
            _ = try await owner.signIn(.owner)
            try await owner.get(Self.path + "/upload")
            let theirs = #"[{"kind":"indicator","ref":"NI105","actual":5,"commentary":"","row":2}]"#
            #expect(try await owner.post(Self.path + "/upload/confirm", [("changes", theirs)]).status == .forbidden)
            #expect(try await owner.post(Self.path + "/upload/confirm", [("changes", "not json")]).status == .unprocessableContent)
            let twice = #"[{"kind":"indicator","ref":"NI80","actual":40,"commentary":"","row":2},{"kind":"indicator","ref":"NI80","actual":41,"commentary":"","row":3}]"#
            #expect(try await owner.post(Self.path + "/upload/confirm", [("changes", twice)]).status == .unprocessableContent)
            let flow = ReturnWorkflowTests()
            _ = try await client.execute(uri: "/api/v1/plans/ULS/returns/2010-11-Q3/indicators/NI80", method: .put,
                                         headers: people.headers(.owner, json: true), body: ByteBuffer(string: #"{"actual": 40}"#))
            _ = flow
            for (who, action) in [(People.Who.owner, "submit"), (.director, "approve")] {
                let r = try await client.execute(uri: "/api/v1/plans/ULS/returns/2010-11-Q3/\(action)", method: .post, headers: people.headers(who, json: true), body: nil)
                #expect(r.status == .ok)
            }
            #expect(try await owner.get(Self.path + "/sheet.xlsx").status == .conflict)
            let mine = #"[{"kind":"indicator","ref":"NI80","actual":5,"commentary":"","row":2}]"#
            #expect(try await owner.post(Self.path + "/upload/confirm", [("changes", mine)]).status == .conflict)
            let late = try await Self.upload(owner, Self.path + "/upload", file: Self.csv([["Indicator", "NI80", "", "", "", "", "", "5", "", ""]]))
            #expect(late.status == .conflict)
            #expect(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Self.quarter)?.indicators["NI80"]?.actual == 40)
        }
    }

    @Test("the API previews a CSV or workbook, and stores it with confirm=true", arguments: WebEngines.all)
    func api(engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            let uri = "/api/v1/plans/ULS/returns/2010-11-Q3/sheet"
            var headers = people.headers(.owner)
            headers[.contentType] = "text/csv"
            let file = ByteBuffer(string: Self.csv([["Indicator", "NI80", "", "", "", "", "", "47", "", "By script"]]))
            let preview = try await client.execute(uri: uri, method: .post, headers: headers, body: file)
            #expect(preview.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: preview.body)) as? [String: Any])
            #expect(document["applied"] as? Bool == false)
            let line = try #require((document["lines"] as? [[String: Any]])?.first)
            #expect(line["ref"] as? String == "NI80" && line["actual"] as? Double == 47 && line["status"] as? String != nil)
            #expect(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Self.quarter) == nil)
            let stored = try await client.execute(uri: uri + "?confirm=true", method: .post, headers: headers, body: file)
            #expect(stored.status == .ok)
            #expect(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Self.quarter)?.indicators["NI80"]?.actual == 47)
            let bad = try await client.execute(uri: uri + "?confirm=true", method: .post, headers: headers,
                                               body: ByteBuffer(string: Self.csv([["Indicator", "NI80", "", "", "", "", "", "-3", "", ""]])))
            #expect(bad.status == .unprocessableContent)
            let problems = try #require(try JSONSerialization.jsonObject(with: Data(buffer: bad.body)) as? [String: Any])
            #expect((problems["problems"] as? [[String: Any]])?.first?["column"] as? String == "H")
            #expect(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Self.quarter)?.indicators["NI80"]?.actual == 47)
            let anonymous = try await client.execute(uri: uri, method: .post, headers: [.contentType: "text/csv"], body: file)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
