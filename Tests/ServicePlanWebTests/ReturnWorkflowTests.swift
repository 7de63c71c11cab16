import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Quarterly returns through the API: entering figures, the computed judgements, who may move
/// a return on, locking, and what the public sees.
@Suite struct ReturnWorkflowTests {
    static let base = "/api/v1/plans/ULS/returns/2009-10-Q2"

    func send(_ client: some TestClientProtocol, _ people: People, _ who: People.Who, _ method: HTTPRequest.Method,
              _ path: String, _ body: [String: Any]? = nil) async throws -> (HTTPResponse.Status, [String: Any]) {
        var result: (HTTPResponse.Status, [String: Any]) = (.ok, [:])
        try await client.execute(uri: Self.base + path, method: method, headers: people.headers(who, json: true),
                                 body: body.map(RoleMatrixTests.json)) { response in
            result = (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:])
        }
        return result
    }

    @Test("entering an actual returns the stored line with computed status, direction and forecast")
    func enterActual() async throws {
        try await withPeople { people, client in
            let (status, line) = try await send(client, people, .owner, .put, "/indicators/NI80", ["actual": 41.2, "commentary": "Ahead of plan"])
            #expect(status == .ok)
            #expect(line["actual"] as? Double == 41.2)
            #expect(line["status"] as? String == "green")
            #expect(line["directionOfTravel"] as? String == "notComparable")
            // One quarter is no trend: the forecast says why there is no figure, and offers none.
            let forecast = try #require(line["forecast"] as? [String: Any])
            #expect(forecast["reason"] as? String == "Too few quarters to forecast: 1 of the 3 quarterly figures a trend needs.")
            #expect(forecast["outturn"] == nil && forecast["status"] == nil)
            #expect(line["commentary"] as? String == "Ahead of plan")
        }
    }

    @Test("direction of travel compares with the same quarter last year")
    func directionAgainstLastYear() async throws {
        try await withPeople { people, client in
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2010-11-Q2/indicators/NI92", method: .put,
                                     headers: people.headers(.director, json: true), body: RoleMatrixTests.json(["actual": 30])) { _ in }
            let (_, line) = try await send(client, people, .director, .put, "/indicators/NI92", ["actual": 32])
            #expect(line["status"] as? String == "amber", "NI92 is lower-is-better: 32 against 30.7 is 4 % short")
            var later: [String: Any] = [:]
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2010-11-Q2", method: .get, headers: people.headers(.director)) { r in
                later = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as! [String: Any]
            }
            let ni92 = (later["indicators"] as! [[String: Any]]).first { $0["ref"] as? String == "NI92" }!
            #expect(ni92["directionOfTravel"] as? String == "better", "30 in 2010/11 Q2 is a narrower gap than 32 a year before")
        }
    }

    @Test("an actual outside its unit's domain is refused with 422 naming the rule, and nothing is stored", arguments: [
        ("NI80", 100.5, "is not a percentage from 0 to 100"), ("NI80", -1, "is not a percentage from 0 to 100"),
        ("ULS LI1", 12.5, "is not a count (a whole number, 0 or more)"),
    ])
    func outsideDomain(ref: String, actual: Double, rule: String) async throws {
        try await withPeople { people, client in
            let path = "/indicators/\(ref.replacingOccurrences(of: " ", with: "%20"))"
            let (status, body) = try await send(client, people, .director, .put, path, ["actual": actual])
            #expect(status == .unprocessableContent)
            #expect(((body["error"] as? [String: Any])?["message"] as? String)?.contains(rule) == true)
            #expect(try await SQLReturnRepository(database: people.database).returns(plan: "ULS").isEmpty)
        }
    }

    @Test("a numerator and denominator give the actual; an override needs a reason")
    func numeratorAndOverride() async throws {
        try await withPeople { people, client in
            let (_, line) = try await send(client, people, .director, .put, "/indicators/NI80", ["numerator": 81, "denominator": 200])
            #expect(line["actual"] as? Double == 40.5)
            let (refused, _) = try await send(client, people, .director, .put, "/indicators/NI80", ["actual": 38, "override": "green"])
            #expect(refused == .unprocessableContent)
            let (ok, overridden) = try await send(client, people, .director, .put, "/indicators/NI80",
                                                  ["actual": 38, "override": "green", "overrideReason": "Summer results not yet in"])
            #expect(ok == .ok)
            #expect(overridden["status"] as? String == "amber")
            #expect(overridden["override"] as? String == "green")
        }
    }

    @Test("who may enter figures: the indicator's owner and plan managers only", arguments: [
        (People.Who.publicVisitor, HTTPResponse.Status.unauthorized), (.member, .forbidden), (.officer, .forbidden),
        (.otherDirector, .forbidden), (.owner, .ok), (.director, .ok), (.admin, .ok),
    ])
    func whoMayEnter(who: People.Who, expected: HTTPResponse.Status) async throws {
        try await withPeople { people, client in
            let r1 = try await send(client, people, who, .put, "/indicators/NI80", ["actual": 40])

            #expect(r1.0 == expected)
        }
    }

    @Test("submit, approve (not by the submitter), publish and reopen, each by the right role, on every engine", arguments: WebEngines.all)
    func workflow(engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            _ = try await send(client, people, .owner, .put, "/indicators/NI80", ["actual": 41])
            let r2 = try await send(client, people, .member, .post, "/submit")

            #expect(r2.0 == .forbidden)
            let r3 = try await send(client, people, .director, .post, "/approve")

            #expect(r3.0 == .conflict, "a draft cannot be approved")
            let r4 = try await send(client, people, .director, .post, "/submit")

            #expect(r4.0 == .ok)
            let own = try await send(client, people, .director, .post, "/approve")
            #expect(own.0 == .forbidden)
            #expect(((own.1["error"] as? [String: Any])?["message"] as? String)?.contains("someone else must approve") == true)
            let r5 = try await send(client, people, .otherDirector, .post, "/approve")

            #expect(r5.0 == .forbidden)
            let r6 = try await send(client, people, .owner, .post, "/approve")

            #expect(r6.0 == .forbidden)
            let r7 = try await send(client, people, .admin, .post, "/approve")

            #expect(r7.0 == .ok)
            // Approved returns are locked.
            let locked = try await send(client, people, .owner, .put, "/indicators/NI80", ["actual": 42])
            #expect(locked.0 == .conflict)
            let r8 = try await send(client, people, .director, .post, "/publish")

            #expect(r8.0 == .forbidden)
            let r9 = try await send(client, people, .admin, .post, "/publish")

            #expect(r9.0 == .ok)
            let r10 = try await send(client, people, .admin, .post, "/reopen")

            #expect(r10.0 == .unprocessableContent, "reopening needs a reason")
            let r11 = try await send(client, people, .director, .post, "/reopen", ["reason": "x"])

            #expect(r11.0 == .forbidden)
            let reopened = try await send(client, people, .admin, .post, "/reopen", ["reason": "NI80 was mistyped"])
            #expect(reopened.1["status"] as? String == "draft")
            let r12 = try await send(client, people, .owner, .put, "/indicators/NI80", ["actual": 42])

            #expect(r12.0 == .ok)
            let history = try await people.plans.history(code: "ULS").filter { $0.itemType == "return" }
            #expect(history.map { $0.changes.first { $0.field == "status" }?.new } .compactMap { $0 }
                    == ["draft", "published", "approved", "submitted", "draft"], "newest first, back to the draft first created")
        }
    }

    @Test("the public sees a return only once it is published, and never its Part II lines")
    func publicVisibility() async throws {
        try await withPeople { people, client in
            try await PartIITests.markPartII(people)
            _ = try await send(client, people, .director, .put, "/indicators/NI105", ["actual": 20])
            _ = try await send(client, people, .director, .put, "/indicators/NI80", ["actual": 41])
            let r13 = try await send(client, people, .publicVisitor, .get, "")

            #expect(r13.0 == .notFound)
            let r14 = try await send(client, people, .member, .get, "")

            #expect(r14.0 == .ok)
            _ = try await send(client, people, .owner, .post, "/submit")
            _ = try await send(client, people, .director, .post, "/approve")
            _ = try await send(client, people, .admin, .post, "/publish")
            let (status, document) = try await send(client, people, .publicVisitor, .get, "")
            #expect(status == .ok)
            let refs = (document["indicators"] as? [[String: Any]])?.compactMap { $0["ref"] as? String } ?? []
            #expect(refs.contains("NI80") && !refs.contains("NI105"))
        }
    }

    @Test("the draft commentary is written from the line's figures, never stored, and follows who may read the return")
    func draftCommentary() async throws {
        try await withPeople { people, client in
            try await PartIITests.markPartII(people)
            _ = try await send(client, people, .director, .put, "/indicators/NI105", ["actual": 20])
            _ = try await send(client, people, .owner, .put, "/indicators/NI80", ["actual": 41.2, "commentary": "Mine"])
            let before = try await people.auditCount()
            let (status, draft) = try await send(client, people, .owner, .get, "/indicators/NI80/draft-commentary")
            #expect(status == .ok)
            let text = try #require(draft["text"] as? String)
            #expect(text.hasPrefix("At 41.2% in Q2 2009/10, NI80 is on target: 0.7 percentage points above the target of 40.5%."))
            #expect(Set(draft.keys) == ["text"])
            // Reading a draft writes nothing: the officer's own commentary stands.
            #expect(try await people.auditCount() == before)
            let (_, line) = try await send(client, people, .owner, .get, "")
            let ni80 = (line["indicators"] as? [[String: Any]])?.first { $0["ref"] as? String == "NI80" }
            #expect(ni80?["commentary"] as? String == "Mine")
            // No actual yet: no draft, and the answer says why.
            let (empty, why) = try await send(client, people, .owner, .get, "/indicators/NI92/draft-commentary")
            #expect(empty == .notFound && ((why["error"] as? [String: Any])?["message"] as? String ?? "").contains("has no actual for Q2 2009/10 yet"))
            #expect(try await send(client, people, .owner, .get, "/indicators/NOPE/draft-commentary").0 == .notFound)
            // The public reads published returns only, and never a Part II line.
            #expect(try await send(client, people, .publicVisitor, .get, "/indicators/NI80/draft-commentary").0 == .notFound)
            _ = try await send(client, people, .owner, .post, "/submit")
            _ = try await send(client, people, .director, .post, "/approve")
            _ = try await send(client, people, .admin, .post, "/publish")
            #expect(try await send(client, people, .publicVisitor, .get, "/indicators/NI80/draft-commentary").0 == .ok)
            #expect(try await send(client, people, .publicVisitor, .get, "/indicators/NI105/draft-commentary").0 == .notFound)
            #expect(try await send(client, people, .member, .get, "/indicators/NI105/draft-commentary").0 == .ok)
        }
    }

    @Test("a quarter outside the plan's period is not found")
    func outsidePeriod() async throws {
        try await withPeople { people, client in
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2014-15-Q1", method: .get, headers: people.headers(.director)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test("submitting a return nobody started: the API answers 404, the form 409 with what to do; a wrong transition says so in words")
    func nothingToSubmit() async throws {
        try await withPeople { people, client in
            let (status, body) = try await send(client, people, .director, .post, "/submit")
            #expect(status == .notFound)
            #expect(((body["error"] as? [String: Any])?["message"] as? String)?.contains("save some figures first") == true)
            let director = Browser(client)
            _ = try await director.signIn(.director)
            try await director.get("/plans/ULS/returns/2009-10-Q2")
            #expect(try await director.post("/plans/ULS/returns/2009-10-Q2/submit", []).status == .conflict)

            _ = try await send(client, people, .director, .put, "/indicators/NI80", ["actual": 40])
            let (wrong, refusal) = try await send(client, people, .admin, .post, "/publish")
            #expect(wrong == .conflict)
            #expect((refusal["error"] as? [String: Any])?["message"] as? String == "A draft return cannot be published.")
        }
    }
}

/// What a hostile officer can send as figures: refused with the field named, nothing stored,
/// and the server keeps answering.
/// A field sent is checked even when it is then dropped (issue 23, item 15).
@Suite struct IgnoredFieldTests {
    @Test("an override reason sent without an override is still held to the text rules", arguments: ["bad\u{07}bell", "\u{00}"])
    func reasonWithoutOverride(reason: String) async throws {
        try await withPeople { people, client in
            let (status, body) = try await ReturnWorkflowTests().send(client, people, .owner, .put, "/indicators/NI80",
                                                                       ["actual": 41, "overrideReason": reason])
            #expect(status == .unprocessableContent)
            #expect(((body["error"] as? [String: Any])?["message"] as? String)?.contains("overrideReason") == true, "\(body)")
            let (fine, line) = try await ReturnWorkflowTests().send(client, people, .owner, .put, "/indicators/NI80",
                                                                     ["actual": 41, "overrideReason": "a fine reason"])
            #expect(fine == .ok && line["overrideReason"] == nil, "a reason without an override is not kept")
        }
    }
}

@Suite struct HostileFigureTests {
    @Test("an actual of 1.5e308 for the cumulative ULS LI1 is refused with 422 and the return stays readable",
          arguments: [1.5e308, -1.5e308, 1e13])
    func hugeActual(actual: Double) async throws {
        try await withPeople { people, client in
            let workflow = ReturnWorkflowTests()
            let (status, body) = try await workflow.send(client, people, .admin, .put, "/indicators/ULS%20LI1", ["actual": actual])
            #expect(status == .unprocessableContent)
            #expect(((body["error"] as? [String: Any])?["message"] as? String)?.contains("actual") == true)
            #expect(try await people.stores.returns.returns(plan: "ULS").isEmpty, "nothing stored")
            let (ok, _) = try await workflow.send(client, people, .admin, .put, "/indicators/ULS%20LI1", ["actual": 120])
            #expect(ok == .ok)
            let (read, document) = try await workflow.send(client, people, .admin, .get, "")
            #expect(read == .ok && document["indicators"] != nil)
        }
    }

    @Test("numerators and denominators are held to the same bounds", arguments: [("numerator", 1e300), ("denominator", 1e300)])
    func hugeCounts(field: String, value: Double) async throws {
        try await withPeople { people, client in
            var body: [String: Any] = ["numerator": 10, "denominator": 20]
            body[field] = value
            let (status, reply) = try await ReturnWorkflowTests().send(client, people, .admin, .put, "/indicators/NI80", body)
            #expect(status == .unprocessableContent)
            #expect(((reply["error"] as? [String: Any])?["message"] as? String)?.contains(field) == true)
        }
    }
}
