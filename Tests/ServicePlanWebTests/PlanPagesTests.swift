import Foundation
import HummingbirdTesting
import Testing

/// The HTML pages a performance officer reads.
@Suite struct PlanPagesTests {
    @Test("the home page lists the Halton plan with a link to it")
    func home() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains(#"<a href="/plans/ULS">Universal &amp; Learning Services Service Plan 2009–12</a>"#))
            }
        }
    }

    @Test("the plan page shows every part of the plan")
    func planPage() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/plans/ULS", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                // Objectives, milestones, officers, risks, linked indicators.
                #expect(html.contains("ULS 5: To Improve Outcomes Post-16"))
                #expect(html.contains("Map the range and quality of post-16 provision in the borough by March 2010"))
                #expect(html.contains(#"<time datetime="2010-03-31">31 March 2010</time>"#))
                #expect(html.contains("DM 14-19"))
                #expect(html.contains("HIGH (16)"))
                #expect(html.contains("HIGH (score unknown)"))
                #expect(html.contains("Not known: the milestones for this year were lost"))
                #expect(html.contains(##"<a href="#indicator-NI80">NI80</a>"##))
                #expect(html.contains("NI101 <span class=\"hint\">(not in this plan)</span>"))
                // Indicator table by category, with reasons for missing figures and computed columns.
                for category in ["Corporate Health", "Cost &amp; Efficiency", "Fair Access", "Quality", "Service Delivery"] {
                    #expect(html.contains(">\(category)</h3>"), "\(category)")
                }
                #expect(html.contains("There are presently no indicators of this type identified for the service."))
                #expect(html.contains("2011/12 target</th>"))
                #expect(html.contains(#"2008/09 target</th><th scope="col">2008/09 actual</th><th scope="col">2009/10 target"#))
                #expect(html.contains("2007/08 England top quartile</th>"))
                #expect(html.contains(">40.5%</td>"))
                #expect(html.contains(">Baseline to be established</td>"))
                // Staffing totals are computed; the budget is the plan's own "To Follow", no figure invented.
                #expect(html.contains(">90</td>"))
                #expect(html.contains("The plan gives no budget figures yet: <strong>To Follow</strong>."))
                #expect(!html.contains("Budget by division and year"))
                // Risk register, equality actions and the areas of focus appendix.
                #expect(html.contains("Lack of quality provision post-16"))
                #expect(html.contains("Embed a system of stakeholder engagement"))
                #expect(html.contains("Ensuring that the Council has the right people with the right skills"))
            }
        }
    }

    @Test("tables use header cells with scope and headings run in order")
    func semantics() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/plans/ULS", method: .get) { response in
                let html = response.text
                #expect(!html.contains("<th>"), "every header cell has a scope")
                #expect(html.contains(#"<th scope="col">"#) && html.contains(#"<th scope="row">"#))
                let levels = html.matches(of: /<h([1-6])[ >]/).map { Int($0.1)! }
                #expect(levels.first == 1)
                #expect(levels.filter { $0 == 1 }.count == 1)
                for (previous, next) in zip(levels, levels.dropFirst()) {
                    #expect(next <= previous + 1, "heading level jumps from h\(previous) to h\(next)")
                }
                #expect(html.contains(#"<html lang="en-GB">"#))
                #expect(!html.contains("<script"))
            }
        }
    }

    @Test("the plan downloads in each export format", arguments: [
        ("yaml", "application/yaml", "format: serviceplan/1"), ("json", "application/json", "\"code\" : \"ULS\""),
        ("csv", "text/csv", "ref,title,category"),
    ])
    func exports(format: String, contentType: String, start: String) async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/plans/ULS/export/\(format)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix(contentType) == true)
                #expect(response.text.contains(start))
                #expect(response.headers[.contentDisposition] == "attachment; filename=\"ULS.\(format)\"")
                // Only the CSV, which people open in Excel, starts with a byte-order mark.
                #expect(response.body.readableBytesView.starts(with: [0xEF, 0xBB, 0xBF]) == (format == "csv"))
            }
        }
    }

    @Test("unknown pages answer 404 as a page in the site's layout", arguments: ["/plans/NOPE", "/plans/ULS/export/pdf", "/nowhere"])
    func notFound(uri: String) async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("<h1>Not Found</h1>"))
            }
        }
    }

    @Test("the stylesheet is served")
    func stylesheet() async throws {
        try await withHaltonApp { client in
            try await client.execute(uri: "/static/app.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("@media print"))
            }
        }
    }
}
