import Foundation
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore
import Testing

/// The report module on its own, without a web server: what a committee clerk gets from
/// `serviceplan report` and what the site puts inside its pages.
@Suite struct ReportRendererTests {
    static func report(exceptionsOnly: Bool = false) throws -> MonitoringReport {
        let plan = try PlanFileReader.read(try BundledPlans.haltonText(), file: BundledPlans.haltonFileName)
        let quarter = try #require(Quarter("2009-10-Q2"))
        var current = QuarterlyReturn(planCode: plan.code, quarter: quarter)
        current.indicators["NI80"] = IndicatorEntry(actual: 30, commentary: "Well short <b>of</b> target.")
        current.status = .published
        return MonitoringReport(plan: plan, current: current, others: [current], rules: .standard, exceptionsOnly: exceptionsOnly,
                                isPublicVersion: true)
    }

    @Test("a standalone report carries its own stylesheet and no site navigation")
    func standalone() async throws {
        let renderer = try await ReportRenderer.load()
        let html = try renderer.document(try Self.report())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>"))
        #expect(html.contains(".status-red"), "the document stylesheet is inside the file")
        #expect(!html.contains("/sign-in"), "a committee paper has no sign-in link")
        #expect(html.contains("7 Equality actions"))
    }

    @Test("text from returns is escaped in the report body")
    func escaped() async throws {
        let body = try await ReportRenderer.load().body(try Self.report())
        #expect(body.hasPrefix("<article class=\"report\">"))
        #expect(body.contains("Well short &lt;b&gt;of&lt;/b&gt; target."))
        #expect(!body.contains("<b>of</b>"))
    }

    @Test("the CSV lists the off-target indicator with its status in words")
    func csv() throws {
        let rows = try Self.report(exceptionsOnly: true).csv.split(separator: "\r\n")
        let ni80 = try #require(rows.first { $0.hasPrefix("indicator,NI80,") })
        #expect(ni80.contains("Off target"))
    }
}
