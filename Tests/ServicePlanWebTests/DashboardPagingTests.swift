import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// A body holding thousands of plans (a shared service, a national collection) gets the
/// dashboard a page of plans at a time, each panel as before.
@Suite("Dashboard pages")
struct DashboardPagingTests {
    @Test("the dashboard and data-quality page show twenty plans a page, say which, link the pages and refuse one that is not there")
    func pages() async throws {
        try await withPeople { people, client in
            let halton = try await people.plan()
            for n in 1...20 {
                var copy = halton
                copy.code = String(format: "ZZ%02d", n)
                copy.title = "Copy \(n) of the plan"
                copy.link = nil
                _ = try await people.plans.replace(copy, actor: Actor(name: "t", via: .cli))
            }
            let (status, first) = try await get(client, people, .publicVisitor, "/")
            #expect(status == .ok)
            #expect(first.contains("Plans 1 to 20 of 21; page 1 of 2"))
            #expect(first.contains(#"href="/?page=2" rel="next""#))
            #expect(!first.contains(#"rel="prev""#))
            #expect(first.components(separatedBy: "Copy ").count - 1 == 19, "in code order: ULS, then ZZ01 to ZZ19")
            let second = try await get(client, people, .publicVisitor, "/?page=2").1
            #expect(second.contains("Plans 21 to 21 of 21; page 2 of 2"))
            #expect(second.contains(#"href="/?page=1" rel="prev""#))
            #expect(second.contains("Copy 20 of the plan"))
            let quality = try await get(client, people, .member, "/data-quality").1
            #expect(quality.contains("Plans 1 to 20 of 21; page 1 of 2"))
            #expect(quality.contains(#"href="/data-quality?page=2" rel="next""#))
            #expect(quality.contains(">ZZ19 ") && !quality.contains(">ZZ20 "), "the first page judges ULS and ZZ01 to ZZ19")
            let qualityLast = try await get(client, people, .member, "/data-quality?page=2").1
            #expect(qualityLast.contains("Plans 21 to 21 of 21; page 2 of 2"))
            #expect(qualityLast.contains(">ZZ20 ") && !qualityLast.contains(">ZZ19 "), "the second page judges ZZ20 alone")
            #expect(try await get(client, people, .member, "/data-quality?page=3").0 == .notFound)
            for bad in ["/?page=3", "/?page=0", "/?page=-1", "/?page=abc", "/?page=99999999999999999999"] {
                #expect(try await get(client, people, .publicVisitor, bad).0 == .notFound, "\(bad)")
            }
        }
    }
}
