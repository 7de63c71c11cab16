import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Items keep their identity whatever a request body says: ids are the server's, and a renamed
/// indicator takes its return lines and history with it.
@Suite struct ItemIdentityTests {
    static let objective = "/api/v1/plans/ULS/objectives/ULS%205"

    /// Rewrites the first milestone id of the first listed year of ULS 5 in the objective's JSON.
    static func withFirstID(_ document: inout [String: Any], _ transform: (Int64, [Int64]) -> Any) {
        guard var years = document["milestones"] as? [[String: Any]], var items = years[0]["items"] as? [[String: Any]] else { return }
        let ids = items.compactMap { ($0["id"] as? NSNumber)?.int64Value }
        items[0]["id"] = transform(ids[0], ids)
        years[0]["items"] = items
        document["milestones"] = years
    }

    @Test("an objective sent back with a milestone id invented, foreign or swapped is refused and nothing changes",
          arguments: ["negative", "invented", "other objective", "swapped"])
    func milestoneIDs(tamper: String) async throws {
        try await withPeople { people, client in
            let before = try await people.plan()
            let foreign = try #require(before.objective("ULS 3")?.milestoneYears.flatMap(\.milestones).first?.id)
            let (status, body) = try await HostileInputTests.put(client, people, Self.objective) { document in
                switch tamper {
                case "negative": Self.withFirstID(&document) { _, _ in -1 }
                case "invented": Self.withFirstID(&document) { _, _ in 999_999 }
                case "other objective": Self.withFirstID(&document) { _, _ in foreign }
                default:
                    guard var years = document["milestones"] as? [[String: Any]], var items = years[0]["items"] as? [[String: Any]],
                          items.count >= 2 else { return }
                    (items[0]["id"], items[1]["id"]) = (items[1]["id"] ?? NSNull(), items[0]["id"] ?? NSNull())
                    years[0]["items"] = items
                    document["milestones"] = years
                }
            }
            #expect(status == .unprocessableContent, "\(body)")
            #expect(body.contains("milestones[0].items["), "the field is named: \(body)")
            #expect(try await people.plan() == before)
        }
    }

    @Test("an objective sent back as it came, with a milestone edited and one added without an id, keeps its ids")
    func milestoneIDsKept() async throws {
        try await withPeople { people, client in
            let before = try #require(try await people.plan().objective("ULS 5")?.milestoneYears[0].milestones)
            let (status, body) = try await HostileInputTests.put(client, people, Self.objective) { document in
                guard var years = document["milestones"] as? [[String: Any]], var items = years[0]["items"] as? [[String: Any]] else { return }
                items[0]["text"] = "Pilot demand led commissioning by March 2010 (revised)"
                items.append(["id": NSNull(), "text": "A new milestone by March 2010", "due": "2010-03-31"])
                years[0]["items"] = items
                document["milestones"] = years
            }
            #expect(status == .ok, "\(body)")
            let after = try #require(try await people.plan().objective("ULS 5")?.milestoneYears[0].milestones)
            #expect(Array(after.prefix(before.count)).map(\.id) == before.map(\.id))
            #expect(after.count == before.count + 1 && after.last?.id != nil)
        }
    }

    @Test("a renamed indicator takes its return lines and history with it; one added under the old ref starts empty",
          arguments: WebEngines.all)
    func renameFollows(engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            let workflow = ReturnWorkflowTests()
            let (entered, _) = try await workflow.send(client, people, .admin, .put, "/indicators/ULS%20LI2", ["actual": 12, "commentary": "Twelve"])
            #expect(entered == .ok)
            let (renamed, body) = try await HostileInputTests.put(client, people, "/api/v1/plans/ULS/indicators/ULS%20LI2") { $0["ref"] = "ULS LI2X" }
            #expect(renamed == .ok, "\(body)")
            var headers = people.headers(.admin, json: true)
            headers[.contentType] = "application/json"
            var created = HTTPResponse.Status.ok
            let document: [String: Any] = try await {
                var copy: [String: Any] = [:]
                try await client.execute(uri: "/api/v1/plans/ULS/indicators/ULS%20LI2X", method: .get, headers: people.headers(.admin)) {
                    copy = (try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [String: Any]) ?? [:]
                }
                copy["ref"] = "ULS LI2"
                copy["title"] = "A new indicator under the old ref"
                return copy
            }()
            try await client.execute(uri: "/api/v1/plans/ULS/indicators", method: .post, headers: headers, body: RoleMatrixTests.json(document)) {
                created = $0.status
            }
            #expect(created == .created)
            let (_, reply) = try await workflow.send(client, people, .admin, .get, "")
            let lines = (reply["indicators"] as? [[String: Any]]) ?? []
            #expect(lines.first { $0["ref"] as? String == "ULS LI2X" }?["commentary"] as? String == "Twelve")
            #expect(lines.first { $0["ref"] as? String == "ULS LI2" }?["commentary"] as? String ?? "" == "", "the new indicator starts empty")
            let rename = try #require(try await people.plans.history(code: "ULS").first { $0.itemKey == "ULS LI2X" && $0.action == "update" })
            #expect(rename.changes.contains { $0.field == "ref" && $0.old == "ULS LI2" && $0.new == "ULS LI2X" })
        }
    }
}

/// A plan edit never changes what a locked return says (issue 23, item 2).
@Suite struct LockedReturnEditTests {
    static let quarter = "/api/v1/plans/ULS/returns/2011-12-Q1"

    /// Gives a ULS 5 milestone of 2011/12 a status in 2011-12-Q1 and publishes that return.
    func publishWithMilestone(_ client: some TestClientProtocol, _ people: People) async throws -> Int64 {
        let id = try #require(try await people.plan().objective("ULS 5")?.milestoneYears
            .first { $0.year == FinancialYear(startYear: 2011) }?.milestones.first?.id)
        for (who, method, path, body) in [(People.Who.owner, HTTPRequest.Method.put, "/milestones/\(id)", ["status": "amber", "commentary": "Slipping"]),
                                          (.director, .post, "/submit", [:]), (.admin, .post, "/approve", [:]), (.admin, .post, "/publish", [:])] {
            try await client.execute(uri: Self.quarter + path, method: method, headers: people.headers(who, json: true),
                                     body: RoleMatrixTests.json(body)) { #expect($0.status == .ok, "\(path): \(String(buffer: $0.body))") }
        }
        return id
    }

    func milestoneStatus(_ client: some TestClientProtocol, _ people: People, _ id: Int64) async throws -> String? {
        var status: String?
        try await client.execute(uri: Self.quarter, method: .get, headers: people.headers(.admin)) { r in
            let json = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
            let lines = json?["milestones"] as? [[String: Any]] ?? []
            status = lines.first { ($0["id"] as? NSNumber)?.int64Value == id }?["status"] as? String
        }
        return status
    }

    @Test("an objective sent back without its milestones' ids keeps them, and a published return keeps their statuses")
    func idsLeftOut() async throws {
        try await withPeople { people, client in
            let id = try await publishWithMilestone(client, people)
            #expect(try await milestoneStatus(client, people, id) == "amber")
            let before = try await people.plan().objective("ULS 5")
            let (status, body) = try await HostileInputTests.put(client, people, ItemIdentityTests.objective) { document in
                guard var years = document["milestones"] as? [[String: Any]] else { return }
                for y in years.indices {
                    guard var items = years[y]["items"] as? [[String: Any]] else { continue }
                    for i in items.indices { items[i]["id"] = nil }
                    years[y]["items"] = items
                }
                document["milestones"] = years
            }
            #expect(status == .ok, "\(body)")
            #expect(try await people.plan().objective("ULS 5") == before, "the same milestones, ids and all")
            #expect(try await milestoneStatus(client, people, id) == "amber")
        }
    }

    @Test("an edit that would remove a milestone a published return reports on is refused, naming the return")
    func removalRefused() async throws {
        try await withPeople { people, client in
            let id = try await publishWithMilestone(client, people)
            let before = try await people.plan()
            let (status, body) = try await HostileInputTests.put(client, people, ItemIdentityTests.objective) { document in
                guard var years = document["milestones"] as? [[String: Any]] else { return }
                for y in years.indices {
                    guard let items = years[y]["items"] as? [[String: Any]] else { continue }
                    years[y]["items"] = items.filter { ($0["id"] as? NSNumber)?.int64Value != id }
                }
                document["milestones"] = years
            }
            #expect(status == .conflict, "\(body)")
            #expect(body.contains("2011-12-Q1") && body.contains("reopen"), "\(body)")
            #expect(try await people.plan() == before)
            // Deleting the milestone itself, or the indicator or objective, is refused alike.
            var headers = people.headers(.admin)
            try await client.execute(uri: ItemIdentityTests.objective, method: .get, headers: headers) { headers[.ifMatch] = $0.headers[.eTag] }
            try await client.execute(uri: ItemIdentityTests.objective, method: .delete, headers: headers) { #expect($0.status == .conflict) }
            #expect(try await milestoneStatus(client, people, id) == "amber")
            // Once an admin reopens the return, the milestone may go.
            try await client.execute(uri: Self.quarter + "/reopen", method: .post, headers: people.headers(.admin, json: true),
                                     body: RoleMatrixTests.json(["reason": "ULS 5 replanned"])) { #expect($0.status == .ok) }
            try await client.execute(uri: ItemIdentityTests.objective, method: .get, headers: headers) { headers[.ifMatch] = $0.headers[.eTag] }
            try await client.execute(uri: ItemIdentityTests.objective, method: .delete, headers: headers) { #expect($0.status == .noContent) }
        }
    }

    /// Found by a hostile review: a move, new words or new targets changed what a published return says.
    @Test("moving a reported milestone to another year, changing its words, or a locked year's target or an indicator's polarity is refused")
    func changesRefused() async throws {
        try await withPeople { people, client in
            let id = try await publishWithMilestone(client, people)
            try await client.execute(uri: Self.quarter + "/reopen", method: .post, headers: people.headers(.admin, json: true),
                                     body: RoleMatrixTests.json(["reason": "add NI80"])) { #expect($0.status == .ok) }
            for (who, method, path, body) in [(People.Who.owner, HTTPRequest.Method.put, "/indicators/NI80", ["actual": 41.2] as [String: Any]),
                                              (.director, .post, "/submit", [:]), (.admin, .post, "/approve", [:]), (.admin, .post, "/publish", [:])] {
                try await client.execute(uri: Self.quarter + path, method: method, headers: people.headers(who, json: true),
                                         body: RoleMatrixTests.json(body)) { #expect($0.status == .ok, "\(path): \(String(buffer: $0.body))") }
            }
            let before = try await people.plan()
            let milestone = "/api/v1/plans/ULS/objectives/ULS%205/milestones/\(id)"
            for change in [{ (d: inout [String: Any]) in d["year"] = "2010/11"; d["due"] = "2011-03-31" },
                           { (d: inout [String: Any]) in d["text"] = "Completely different words by March 2012" },
                           { (d: inout [String: Any]) in d["due"] = "2011-12-31" }] {
                let (status, body) = try await HostileInputTests.put(client, people, milestone, change)
                #expect(status == .conflict || status == .unprocessableContent, "\(body)")
            }
            let ni80 = "/api/v1/plans/ULS/indicators/NI80"
            let (target, body) = try await HostileInputTests.put(client, people, ni80) { d in
                d["targets"] = ((d["targets"] as? [[String: Any]]) ?? []).map { t in
                    var t = t
                    if t["year"] as? String == "2011/12" { t["value"] = 99 }
                    return t
                }
            }
            #expect(target == .conflict && body.contains("2011-12-Q1"), "\(body)")
            let (polarity, _) = try await HostileInputTests.put(client, people, ni80) { $0["polarity"] = "lowerIsBetter" }
            #expect(polarity == .conflict)
            #expect(try await people.plan() == before, "nothing changed")
            #expect(try await milestoneStatus(client, people, id) == "amber")
            // A title may still be corrected: the same measure, judged alike.
            let (title, _) = try await HostileInputTests.put(client, people, ni80) { $0["title"] = "Level 3 qualifications at age 19 (corrected)" }
            #expect(title == .ok)
        }
    }
}
