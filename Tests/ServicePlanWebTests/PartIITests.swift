import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Part II (exempt) items never reach the public — not on a page, in an export, in the API, or
/// in a count — while members and staff see them.
@Suite struct PartIITests {
    /// Words that appear only in the items marked Part II below.
    static let secrets = ["SEN/Non-SEN achievement gap at GCSE", "Lack of consistency in standards across early years settings",
                          "Secondary Level", "Review Social, Emotional Aspects of Learning Programmes",
                          "Embed a system of stakeholder engagement", "owner@halton.test"]

    static let publicURIs = [
        "/", "/plans/ULS", "/plans/ULS/export/yaml", "/plans/ULS/export/json", "/plans/ULS/export/csv",
        "/api/v1/plans", "/api/v1/plans/ULS", "/api/v1/plans/ULS/indicators",
    ]

    /// Marks NI105, objective ULS 4, the second ULS 2 risk and the third equality action as Part II.
    static func markPartII(_ people: People) async throws {
        _ = try await people.plans.update(code: "ULS", actor: Actor(name: "fixture", via: .cli)) { plan in
            plan.indicators[plan.indicators.firstIndex { $0.ref == "NI105" }!].partII = true
            plan.objectives[plan.objectives.firstIndex { $0.ref == "ULS 4" }!].partII = true
            plan.risks[plan.risks.firstIndex { $0.description.hasPrefix("Lack of consistency") }!].partII = true
            plan.equalityActions[2].partII = true
        }
    }

    @Test("the public sees no Part II item, reference or count on any page, export or API route", arguments: publicURIs)
    func publicSeesNothing(uri: String) async throws {
        try await withPeople { people, client in
            try await Self.markPartII(people)
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                for secret in Self.secrets {
                    #expect(!text.contains(secret), "\(uri) shows \(secret)")
                    #expect(!text.contains(secret.replacingOccurrences(of: "&", with: "&amp;")), "\(uri) shows \(secret)")
                }
                #expect(!text.contains("NI105"), "\(uri) names the Part II indicator")
                #expect(!text.contains("ULS 4"), "\(uri) names the Part II objective")
            }
        }
    }

    @Test("a Part II item's own URL answers 404 to the public", arguments: [
        "/api/v1/plans/ULS/indicators/NI105", "/api/v1/plans/ULS/objectives/ULS%204",
    ])
    func publicItemURL(uri: String) async throws {
        try await withPeople { people, client in
            try await Self.markPartII(people)
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: uri, method: .get, headers: people.headers(.member)) { response in
                #expect(response.status == .ok)
                let item = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(item?["partII"] as? Bool == true)
            }
        }
    }

    @Test("Part II risks and actions answer 404 to the public by id")
    func publicRiskAndAction() async throws {
        try await withPeople { people, client in
            try await Self.markPartII(people)
            let plan = try await people.plan()
            let risk = plan.risks.first { $0.partII }!.id!, action = plan.equalityActions[2].id!
            for uri in ["/api/v1/plans/ULS/risks/\(risk)", "/api/v1/plans/ULS/equality-actions/\(action)"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
                try await client.execute(uri: uri, method: .get, headers: people.headers(.member)) { #expect($0.status == .ok, "\(uri)") }
            }
        }
    }

    @Test("members see Part II items, marked as such, on the plan page and in the API")
    func membersSeeEverything() async throws {
        try await withPeople { people, client in
            try await Self.markPartII(people)
            let browser = Browser(client)
            _ = try await browser.signIn(.member)
            let page = String(buffer: try await browser.get("/plans/ULS").body)
            #expect(page.contains("ULS 4: To Improve Educational Outcomes for all Children at Secondary Level <span class=\"part-ii\">Part II</span>"))
            #expect(page.contains(">NI105</a> <span class=\"part-ii\">Part II</span>"))
            try await client.execute(uri: "/api/v1/plans/ULS/indicators", method: .get, headers: people.headers(.member)) { response in
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(list?.count == 17)
            }
            try await client.execute(uri: "/api/v1/plans/ULS/indicators", method: .get) { response in
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(list?.count == 16, "the public count leaves the Part II indicator out")
            }
        }
    }

    @Test("the history page is for signed-in users only")
    func history() async throws {
        try await withPeople { _, client in
            try await client.execute(uri: "/plans/ULS/history", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/sign-in") == true)
            }
        }
    }
}
