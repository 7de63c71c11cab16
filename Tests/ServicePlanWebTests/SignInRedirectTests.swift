import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Signing in returns people to a page of this site, never to another.
@Suite struct SignInRedirectTests {
    @Test("sign-in never redirects off the site", arguments: ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/ok\n"])
    func safeNext(next: String) async throws {
        try await withPeople { _, client in
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let r = try await browser.post("/sign-in", [("email", People.accounts[.member]!.email), ("password", People.password), ("next", next)])
            #expect(r.headers[.location] == "/")
        }
    }
}
