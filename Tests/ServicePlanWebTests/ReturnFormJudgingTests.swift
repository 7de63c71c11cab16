import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// The return form built for judging (issue #12, parts 4 and 5): a card per indicator line with
/// what to judge it against, the computed judgements once there is an actual, and a draft of the
/// commentary the officer takes into the box only by asking, and edits before saving.
@Suite struct ReturnFormJudgingTests {
    static let form = "/plans/ULS/returns/2010-11-Q3"

    /// The text of the element that starts at `start` in `html`, up to `end`.
    func section(_ html: String, from start: String, to end: String) -> String {
        html.components(separatedBy: start).dropFirst().first?.components(separatedBy: end).first ?? ""
    }

    @Test("each line is a fieldset with its target, previous quarter and same quarter last year; the override stays closed")
    func cards() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            let officer = Browser(client)
            _ = try await officer.signIn(.owner)
            let html = String(buffer: try await officer.get(Self.form).body)
            let card = section(html, from: #"<fieldset class="return-line" id="line-NI80">"#, to: "</fieldset>")
            #expect(card.contains(#"<legend><span class="line-ref">NI80</span> % of young people achieving Level 3 qualification by 19</legend>"#))
            #expect(card.contains("<dt>Target for Q3 2010/11</dt><dd>42.2%</dd>"))
            #expect(card.contains("<dt>Previous quarter (Q2 2010/11)</dt><dd>42.5%</dd>"), "the example Q2 2010/11")
            #expect(card.contains("<dt>Same quarter last year (Q3 2009/10)</dt><dd>41%</dd>"))
            #expect(card.contains(#"<details class="line-override">"#), "closed until asked for")
            #expect(!card.contains("line-judged") && !card.contains("class=\"draft\""), "nothing to judge before an actual")
            // A year-to-date count's Q1 has no previous quarter: it starts again in April.
            let director = Browser(client)
            _ = try await director.signIn(.director)
            let q1 = String(buffer: try await director.get("/plans/ULS/returns/2011-12-Q1").body)
            #expect(section(q1, from: #"id="line-ULS-LI1">"#, to: "</fieldset>").contains("<dd>Not comparable (the count starts again in April)</dd>"))
        }
    }

    @Test("a draft is written from figures typed but not saved, put in the box only on asking, and saving records that it started from one")
    func draftThenSave() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            let officer = Browser(client)
            _ = try await officer.signIn(.owner)
            try await officer.get(Self.form)
            let before = try await people.auditCount()
            let drafted = try await officer.post(Self.form + "/draft", [("actual-NI80", "43"), ("commentary-NI80", ""), ("use-draft", "NI80")])
            #expect(drafted.status == .ok)
            let html = String(buffer: drafted.body)
            let card = section(html, from: #"id="line-NI80">"#, to: "</fieldset>")
            #expect(card.contains(#"value="43""#), "what was typed stays")
            #expect(card.contains(">At 43% in Q3 2010/11, NI80 is on target: 0.8 percentage points above the target of 42.2%."), "the draft is in the box")
            #expect(card.contains(#"<input type="hidden" name="from-draft-NI80" value="1">"#))
            #expect(card.contains("line-judged") && card.contains("On target"), "judged from the typed figure")
            #expect(html.contains("nothing is saved until you do"))
            // Nothing was stored by drafting.
            #expect(try await people.auditCount() == before)
            #expect(try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Quarter("2010-11-Q3")!) == nil)

            let saved = try await officer.post(Self.form, [("actual-NI80", "43"), ("commentary-NI80", "Validated: ahead of target."),
                                                           ("from-draft-NI80", "1")])
            #expect(saved.status == .seeOther)
            let stored = try await people.stores.returns.quarterlyReturn(plan: "ULS", quarter: Quarter("2010-11-Q3")!)?.indicators["NI80"]
            #expect(stored?.commentary == "Validated: ahead of target." && stored?.commentaryFromDraft == true)
            let record = try #require(try await people.plans.history(code: "ULS").first { $0.itemType == "returnIndicator" })
            #expect(record.changes.contains { $0.field == "commentaryFromDraft" && $0.new?.hasPrefix("yes") == true })

            // Once saved, the card shows the judgements and offers the draft; the mark is carried forward.
            let again = String(buffer: try await officer.get(Self.form).body)
            let saved2 = section(again, from: #"id="line-NI80">"#, to: "</fieldset>")
            #expect(saved2.contains("<dt>Year-end forecast</dt><dd>") && saved2.contains("between"))
            #expect(saved2.contains("<dt>Progress to the plan&#39;s end target</dt><dd>") || saved2.contains("<dt>Progress to the plan's end target</dt><dd>"))
            #expect(saved2.contains(#"formaction="/plans/ULS/returns/2010-11-Q3/draft" name="use-draft" value="NI80""#))
            #expect(saved2.contains(#"name="from-draft-NI80" value="1""#))
            // The API says so too.
            let (_, line) = try await get(client, people, .owner, "/api/v1/plans/ULS/returns/2010-11-Q3")
            #expect(line.contains(#""commentaryFromDraft" : true"#) || line.contains(#""commentaryFromDraft":true"#))
        }
    }

    @Test("an override without a reason opens its disclosure with the error; drafting is for the line's officers only")
    func overrideAndPermissions() async throws {
        try await withPeople { people, client in
            let officer = Browser(client)
            _ = try await officer.signIn(.owner)
            try await officer.get(Self.form)
            let bad = try await officer.post(Self.form, [("actual-NI80", "43"), ("override-NI80", "red")])
            #expect(bad.status == .unprocessableContent)
            let card = section(String(buffer: bad.body), from: #"id="line-NI80">"#, to: "</fieldset>")
            #expect(card.contains(#"<details class="line-override" open>"#))
            #expect(card.contains(#"id="override-reason-NI80-error""#))
            // Another officer's line, or none: refused.
            #expect(try await officer.post(Self.form + "/draft", [("actual-NI80", "43"), ("use-draft", "NI72")]).status == .badRequest)
            #expect(try await officer.post(Self.form + "/draft", [("actual-NI80", "43")]).status == .badRequest)
            // A figure that breaks its unit's rule is an error on the field, as when saving.
            let wrong = try await officer.post(Self.form + "/draft", [("actual-NI80", "140"), ("use-draft", "NI80")])
            #expect(wrong.status == .unprocessableContent)
            // A locked return has no commentary to draft (found by a hostile review): 409, saying so.
            _ = try await officer.post(Self.form, [("actual-NI80", "43")])
            for (who, step) in [(People.Who.owner, "submit"), (.director, "approve")] {
                try await client.execute(uri: "/api/v1/plans/ULS/returns/2010-11-Q3/\(step)", method: .post, headers: people.headers(who)) { _ in }
            }
            let locked = try await officer.post(Self.form + "/draft", [("actual-NI80", "44"), ("use-draft", "NI80")])
            #expect(locked.status == .conflict && String(buffer: locked.body).contains("locked: there is no commentary to draft"))
            // Members read everything but enter nothing.
            let member = Browser(client)
            _ = try await member.signIn(.member)
            try await member.get(Self.form)
            #expect(try await member.post(Self.form + "/draft", [("actual-NI80", "43"), ("use-draft", "NI80")]).status == .forbidden)
            // Without the form's CSRF token, nothing is drafted.
            #expect(try await officer.post(Self.form + "/draft", [("actual-NI80", "43"), ("use-draft", "NI80")], csrf: "forged").status == .forbidden)
        }
    }
}
