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
    @Test("the dashboard shows twenty plans a page, says which, links the pages and refuses one that is not there")
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
            for bad in ["/?page=3", "/?page=0", "/?page=-1", "/?page=abc", "/?page=99999999999999999999"] {
                #expect(try await get(client, people, .publicVisitor, bad).0 == .notFound, "\(bad)")
            }
        }
    }
}
