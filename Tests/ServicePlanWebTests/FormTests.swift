import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Editing in the browser: who gets which form, errors in the GOV.UK pattern, nothing lost.
@Suite struct FormTests {
    @Test("form routes: the public is sent to sign in, others without the role get 403", arguments: [
        (People.Who.publicVisitor, HTTPResponse.Status.seeOther), (.member, .forbidden), (.officer, .forbidden),
        (.otherDirector, .forbidden), (.owner, .ok), (.director, .ok), (.admin, .ok),
    ])
    func editFormAccess(who: People.Who, status: HTTPResponse.Status) async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            if who != .publicVisitor { _ = try await browser.signIn(who) }
            let response = try await browser.get("/plans/ULS/indicators/NI80/edit")
            #expect(response.status == status)
            if status == .seeOther { #expect(response.headers[.location] == "/sign-in?next=%2Fplans%2FULS%2Findicators%2FNI80%2Fedit") }
            // Another officer's indicator stays closed to the owner.
            if who == .owner { #expect(try await browser.get("/plans/ULS/indicators/NI72/edit").status == .forbidden) }
        }
    }

    @Test("an anonymous form post is sent to sign in, and changes nothing")
    func anonymousPost() async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let before = try await people.auditCount()
            let r = try await browser.post("/plans/ULS/equality-actions/1/delete", [("version", "\"x\"")])
            #expect(r.status == .seeOther)
            #expect(r.headers[.location]?.hasPrefix("/sign-in") == true)
            #expect(try await people.auditCount() == before)
        }
    }

    @Test("the owner edits a target; the page shows it and the history records it")
    func ownerEditsTarget() async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.owner)
            let form = String(buffer: try await browser.get("/plans/ULS/indicators/NI80/edit").body)
            #expect(!form.contains(#"name="partII""#), "only plan managers see the Part II flag")
            var fields = Self.fields(in: form)
            fields["target-2010-11"] = "43.5"
            let response = try await browser.post("/plans/ULS/indicators/NI80/edit", fields.map { ($0.key, $0.value) })
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/plans/ULS#indicator-NI80")
            #expect(try await people.plan().indicator("NI80")?.targets[FinancialYear(startYear: 2010)] == .value(43.5))
            #expect(String(buffer: try await browser.get("/plans/ULS").body).contains(">43.5%</td>"))
            let history = String(buffer: try await browser.get("/plans/ULS/history").body)
            #expect(history.contains("owner@halton.test"))
            #expect(history.contains("Update Indicator NI80"))
            #expect(history.contains("<dt>targets.2010/11</dt>"))
            #expect(history.contains("<del>42.2</del>"))
            #expect(history.contains("<ins>43.5</ins>"))
            // The edit is a version of the plan; its link says in words what it changed (as `serviceplan diff`).
            let link = try #require(history.components(separatedBy: "href=\"/plans/ULS/history/compare?").dropFirst().first?
                .prefix { $0 != "\"" }.replacingOccurrences(of: "&amp;", with: "&"))
            let compared = try await browser.get("/plans/ULS/history/compare?" + link)
            #expect(compared.status == .ok)
            let words = String(buffer: compared.body)
            #expect(words.contains("<li>NI80 target for 2010/11 changed from 42.2 to 43.5</li>"))
            let list = words.components(separatedBy: "<ul class=\"changes-in-words\">").dropFirst().first?.components(separatedBy: "</ul>").first ?? ""
            #expect(list.components(separatedBy: "<li>").count == 2, "one change, one line")
            #expect(try await browser.get("/plans/ULS/history/compare?from=9999").status == .badRequest)
            #expect(try await browser.get("/plans/ULS/history/compare?from=2&to=1").status == .badRequest)
            // The public never reads the history, so never its comparisons.
            let signedOut = try await Browser(client).get("/plans/ULS/history/compare?" + link)
            #expect(signedOut.status == .seeOther && signedOut.headers[.location]?.hasPrefix("/sign-in") == true)
            // Signing in leads back to the same comparison, query and all.
            #expect(signedOut.headers[.location] == "/sign-in?next=" + ("/plans/ULS/history/compare?" + link).urlPathEncoded)
        }
    }

    @Test("errors are summarised at the top, linked to their fields, shown inline, and nothing typed is lost")
    func errorPattern() async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            var fields = Self.fields(in: String(buffer: try await browser.get("/plans/ULS/indicators/NI80/edit").body))
            fields["target-2009-10"] = "170"
            fields["title"] = "A title I typed"
            fields["target-2011-12"] = "lots"
            let response = try await browser.post("/plans/ULS/indicators/NI80/edit", fields.map { ($0.key, $0.value) })
            #expect(response.status == .unprocessableContent)
            let html = String(buffer: response.body)
            #expect(html.contains("<title>Error: "))
            #expect(html.contains(#"<h2 id="error-summary-title">There is a problem</h2>"#))
            #expect(html.contains(##"<a href="#target-2011-12">Target 2011/12 must be a number or one of: "##))
            #expect(html.contains(#"id="target-2011-12-error""#))
            #expect(html.contains(#"aria-describedby="target-2011-12-hint target-2011-12-error""#))
            #expect(html.contains(#"value="lots""#))
            #expect(html.contains("A title I typed"))
            #expect(try await people.plan().indicator("NI80")?.title != "A title I typed")

            // The same rule as the import: a percentage over 100 is refused on its field.
            fields["target-2011-12"] = "44"
            let second = String(buffer: try await browser.post("/plans/ULS/indicators/NI80/edit", fields.map { ($0.key, $0.value) }).body)
            #expect(second.contains(##"<a href="#target-2009-10">Target 2009/10: &quot;170&quot; is not a percentage from 0 to 100</a>"##))
        }
    }

    @Test("a director adds a milestone with its due date taken from its words, then deletes it")
    func addAndDeleteMilestone() async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            let form = String(buffer: try await browser.get("/plans/ULS/objectives/ULS%202/milestones/new?objective=ULS%202").body)
            #expect(form.contains("Add a milestone"))
            let response = try await browser.post("/plans/ULS/objectives/ULS%202/milestones/new",
                                                   [("version", ""), ("objective", "ULS 2"), ("year", "2009/10"),
                                                    ("text", "Agree the categorisation of settings by December 2009"), ("due", "")])
            #expect(response.status == .seeOther)
            let year = try #require(try await people.plan().objective("ULS 2")?.milestoneYears.first)
            #expect(year.milestones.map(\.text) == ["Agree the categorisation of settings by December 2009"])
            #expect(year.milestones.first?.due.description == "2009-12-31")
            let id = try #require(year.milestones.first?.id)
            try await browser.get("/plans/ULS/objectives/ULS%202/milestones/\(id)/edit")
            #expect(try await browser.post("/plans/ULS/objectives/ULS%202/milestones/\(id)/delete", [("version", browser.version)]).status == .seeOther)
            #expect(try await people.plan().objective("ULS 2")?.milestoneYears.first?.milestones.isEmpty == true)
        }
    }

    @Test("a risk's likelihood and severity give its score and band")
    func riskScore() async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            let id = try #require(try await people.plan().risks.first?.id)
            var fields = Self.fields(in: String(buffer: try await browser.get("/plans/ULS/risks/\(id)/edit").body))
            fields["initial-likelihood"] = "3"
            fields["initial-severity"] = "4"
            fields["residual-likelihood"] = "2"
            #expect(try await browser.post("/plans/ULS/risks/\(id)/edit", fields.map { ($0.key, $0.value) }).status == .unprocessableContent)
            fields["residual-severity"] = "2"
            #expect(try await browser.post("/plans/ULS/risks/\(id)/edit", fields.map { ($0.key, $0.value) }).status == .seeOther)
            let risk = try #require(try await people.plan().risks.first)
            #expect(risk.initial.score == 12 && risk.initial.band == .high)
            #expect(risk.residual.score == 4 && risk.residual.band == .low)
            #expect(String(buffer: try await browser.get("/plans/ULS").body).contains("HIGH (12)"))
        }
    }

    @Test("a likelihood or severity outside 1–4, posted by hand, is refused on its field, not clamped", arguments: ["9", "-3", "0"])
    func riskFactorOutOfRange(value: String) async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            let before = try await people.plan()
            let id = try #require(before.risks.first?.id)
            var fields = Self.fields(in: String(buffer: try await browser.get("/plans/ULS/risks/\(id)/edit").body))
            (fields["initial-likelihood"], fields["initial-severity"]) = (value, "2")
            let response = try await browser.post("/plans/ULS/risks/\(id)/edit", fields.map { ($0.key, $0.value) })
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("likelihood"))
            #expect(try await people.plan().risks.first == before.risks.first)
        }
    }

    /// Found by a hostile review: free text with a line break, saved unchanged, read as changed.
    @Test("free text with line breaks, saved unchanged in a browser (CR LF), is stored as it was and records no change")
    func crlfFreeText() async throws {
        try await withPeople { people, client in
            let id = try #require(try await people.plan().risks.first?.id)
            let (status, _) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/risks/\(id)") { $0["description"] = "Line A\nLine B" }
            #expect(status == .ok)
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            let audit = try await people.auditCount()
            var fields = Self.fields(in: String(buffer: try await browser.get("/plans/ULS/risks/\(id)/edit").body))
            for (name, value) in fields where value.contains("\n") { fields[name] = value.replacingOccurrences(of: "\n", with: "\r\n") }
            #expect(try await browser.post("/plans/ULS/risks/\(id)/edit", fields.map { ($0.key, $0.value) }).status == .seeOther)
            #expect(try await people.plan().risks.first { $0.id == id }?.description == "Line A\nLine B")
            #expect(try await people.auditCount() == audit)
        }
    }

    /// Browsers send a textarea's line breaks as CR LF (HTML's form submission rules); Swift reads
    /// "\r\n" as one Character, so a split on "\n" alone once joined every list into one item.
    @Test("a form saved as a browser sends it (CR LF) keeps one item per line and records no change")
    func crlfListsStaySplit() async throws {
        try await withPeople { people, client in
            let browser = Browser(client)
            _ = try await browser.signIn(.director)
            let before = try await people.plan()
            let risk = try #require(before.risks.first { $0.treatment.count >= 2 })
            let id = try #require(risk.id)
            let audit = try await people.auditCount()
            var fields = Self.fields(in: String(buffer: try await browser.get("/plans/ULS/risks/\(id)/edit").body))
            for (name, value) in fields where value.contains("\n") { fields[name] = value.replacingOccurrences(of: "\n", with: "\r\n") }
            #expect(fields["treatment"]?.contains("\r\n") == true, "the form shows one measure per line")
            #expect(try await browser.post("/plans/ULS/risks/\(id)/edit", fields.map { ($0.key, $0.value) }).status == .seeOther)
            let after = try #require(try await people.plan().risks.first { $0.id == id })
            #expect(after.treatment == risk.treatment)
            #expect(after.notes == risk.notes)
            #expect(try await people.auditCount() == audit, "an unchanged item is no change")
            // A new line typed in the browser is a new measure.
            fields["treatment"] = (fields["treatment"] ?? "") + "\r\nA fourth measure"
            #expect(try await browser.post("/plans/ULS/risks/\(id)/edit", fields.map { ($0.key, $0.value) }).status == .seeOther)
            #expect(try await people.plan().risks.first { $0.id == id }?.treatment == risk.treatment + ["A fourth measure"])
        }
    }

    @Test("a member sees no edit links; a director sees them")
    func editLinks() async throws {
        try await withPeople { _, client in
            let member = Browser(client), director = Browser(client)
            _ = try await member.signIn(.member)
            _ = try await director.signIn(.director)
            #expect(!String(buffer: try await member.get("/plans/ULS").body).contains("/edit\""))
            let page = String(buffer: try await director.get("/plans/ULS").body)
            #expect(page.contains(#"href="/plans/ULS/indicators/NI80/edit""#))
            #expect(page.contains(#"href="/plans/ULS/indicators/new""#))
        }
    }

    /// The values a browser would submit for the first form on the page, as the user left it.
    static func fields(in html: String) -> [String: String] {
        var out: [String: String] = [:]
        let form = html.range(of: "<form method=\"post\" action=\"/plans/").map { String(html[$0.lowerBound...]) } ?? html
        let body = form.range(of: "</form>").map { String(form[..<$0.lowerBound]) } ?? form
        func attribute(_ name: String, _ tag: Substring) -> String? {
            guard let r = tag.range(of: "\(name)=\"") else { return nil }
            return String(tag[r.upperBound...].prefix { $0 != "\"" })
        }
        func unescape(_ s: String) -> String {
            s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        for match in body.matches(of: /<input([^>]*)>/) {
            let tag = match.1
            guard let name = attribute("name", tag), name != "csrf" else { continue }
            let type = attribute("type", tag) ?? "text"
            if (type == "radio" || type == "checkbox") && !tag.contains(" checked") { continue }
            out[name] = unescape(attribute("value", tag) ?? "")
        }
        for match in body.matches(of: /<textarea[^>]*name="([^"]*)"[^>]*>([^<]*)<\/textarea>/) { out[String(match.1)] = unescape(String(match.2)) }
        for match in body.matches(of: /<select[^>]*name="([^"]*)"[^>]*>(.*?)<\/select>/) {
            if let selected = String(match.2).firstMatch(of: /<option value="([^"]*)" selected/) { out[String(match.1)] = unescape(String(selected.1)) }
            else { out[String(match.1)] = "" }
        }
        return out
    }
}
