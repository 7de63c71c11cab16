import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// The indicator edit form's trajectories (issue #12 part 2): suggestions accepted by a link that
/// fills the form without saving, re-balancing on save, and a seasonal profile from last year.
@Suite struct TargetSuggestionTests {
    static let edit = "/plans/ULS/indicators/NI80/edit"

    @Test("the straight line from the baseline is suggested, and accepting it fills the targets without saving")
    func baselineLine() async throws {
        try await withPeople { people, client in
            let director = Browser(client)
            _ = try await director.signIn(.director)
            let html = String(buffer: try await director.get(Self.edit).body)
            // 34% in 2007/08 to 44% in 2011/12: 2.5 points a year.
            #expect(html.contains(#"<li id="suggestion-baseline"><strong>A straight line from the baseline to the end target.</strong> From 2007/08&#39;s 34% to 2011/12&#39;s target: 2009/10: 39%, 2010/11: 41.5%, 2011/12: 44%."#)
                    || html.contains(#"<li id="suggestion-baseline"><strong>A straight line from the baseline to the end target.</strong> From 2007/08's 34% to 2011/12's target: 2009/10: 39%, 2010/11: 41.5%, 2011/12: 44%."#))
            #expect(html.contains(#"href="/plans/ULS/indicators/NI80/edit?suggest=baseline""#))
            #expect(!html.contains("suggestion-top-quartile"), "no national data yet")
            let before = try await people.auditCount()
            let accepted = String(buffer: try await director.get(Self.edit + "?suggest=baseline").body)
            let fields = FormTests.fields(in: accepted)
            #expect(fields["target-2009-10"] == "39" && fields["target-2010-11"] == "41.5" && fields["target-2011-12"] == "44")
            #expect(accepted.contains("nothing is saved until you do"))
            #expect(try await people.auditCount() == before)
            #expect(try await director.get(Self.edit + "?suggest=nonsense").status == .notFound)
        }
    }

    @Test("with national data, the lines to the top quartile and the comparison group's median are suggested")
    func nationalGoals() async throws {
        try await withPeople { people, client in
            var csv = "authority_code,authority_name,indicator_ref,year,value\n"
            // Upper quartile (QUARTILE.INC) of 38, 41, 44, 47 is 44.75; the two neighbours' median is 43.
            for (i, v) in [38.0, 41, 44, 47].enumerated() { csv += "E0600000\(i + 6),A\(i),NI80,2008/09,\(v)\n" }
            csv += "E08000011,N1,NI80,2008/09,40\nE08000012,N2,NI80,2008/09,46\n"
            try await SQLBenchmarkRepository(database: people.database).importRows(try BenchmarkCSV.parse(csv, file: "n.csv"))
            let director = Browser(client)
            _ = try await director.signIn(.director)
            let html = String(buffer: try await director.get(Self.edit).body)
            let top = html.components(separatedBy: #"<li id="suggestion-top-quartile">"#).dropFirst().first?.components(separatedBy: "</li>").first ?? ""
            // Six authorities now: 38, 40, 41, 44, 46, 47 → upper quartile at position 3.75: 44 + 0.75 × 2 = 45.5.
            // From the baseline (2008/09's actual is unknown) 34% in 2007/08 to 45.5% in 2011/12: 2.875 a year.
            #expect(top.contains("The top quartile began at 45.5% in 2008/09 (6 authorities): 2009/10: 39.8%, 2010/11: 42.6%, 2011/12: 45.5%."), "\(top)")
            let group = html.components(separatedBy: #"<li id="suggestion-group-median">"#).dropFirst().first?.components(separatedBy: "</li>").first ?? ""
            // The group is Halton (E06000006, 38) and its two neighbours with data (40, 46), as on the benchmark
            // page: median 40, below the plan's own 44 by 2011/12, so the plan's aim stands.
            #expect(group.contains("The median of the comparison group (3 authorities, this council included) was 40% in 2008/09: 2009/10: 39%, 2010/11: 41.5%, 2011/12: 44%."), "\(group)")
        }
    }

    @Test("re-balancing moves the later years onto the line to the end target; without it they stay")
    func rebalance() async throws {
        try await withPeople { people, client in
            let director = Browser(client)
            _ = try await director.signIn(.director)
            var fields = FormTests.fields(in: String(buffer: try await director.get(Self.edit).body))
            fields["target-2009-10"] = "41"
            let kept = try await director.post(Self.edit, fields.map { ($0.key, $0.value) })
            #expect(kept.status == .seeOther)
            #expect(try await people.plan().indicator("NI80")?.targets[FinancialYear(startYear: 2010)] == .value(42.2))
            fields = FormTests.fields(in: String(buffer: try await director.get(Self.edit).body))
            fields["target-2009-10"] = "40"
            fields["rebalance"] = "yes"
            let moved = try await director.post(Self.edit, fields.map { ($0.key, $0.value) })
            #expect(moved.status == .seeOther)
            let targets = try #require(try await people.plan().indicator("NI80")?.targets)
            // From 40 in 2009/10 to 44 in 2011/12: 42 between.
            #expect(targets[FinancialYear(startYear: 2009)] == .value(40) && targets[FinancialYear(startYear: 2010)] == .value(42)
                    && targets[FinancialYear(startYear: 2011)] == .value(44))
            // Two years typed: the line runs from the later one, so neither typed target is lost (found by a hostile review).
            fields = FormTests.fields(in: String(buffer: try await director.get(Self.edit).body))
            (fields["target-2009-10"], fields["target-2010-11"], fields["rebalance"]) = ("39", "43", "yes")
            #expect(try await director.post(Self.edit, fields.map { ($0.key, $0.value) }).status == .seeOther)
            let typed = try #require(try await people.plan().indicator("NI80")?.targets)
            #expect(typed[FinancialYear(startYear: 2009)] == .value(39) && typed[FinancialYear(startYear: 2010)] == .value(43))
            // A target in error is not re-balanced from: its own field says so, and no other.
            fields = FormTests.fields(in: String(buffer: try await director.get(Self.edit).body))
            (fields["target-2009-10"], fields["rebalance"]) = ("1000000000000", "yes")
            let bad = try await director.post(Self.edit, fields.map { ($0.key, $0.value) })
            #expect(bad.status == .unprocessableContent)
            let page = String(buffer: bad.body)
            #expect(page.contains(##"<li><a href="#target-2009-10">"##) && !page.contains(##"<li><a href="#target-2010-11">"##))
        }
    }

    @Test("a year-to-date count is offered last year's quarterly shares as a seasonal profile, and saving it sets the profile")
    func seasonal() async throws {
        try await withPeople { people, client in
            try await ExampleReturns.load(into: people.stores.returns, plan: try await people.plan())
            let director = Browser(client)
            _ = try await director.signIn(.director)
            let path = "/plans/ULS/indicators/ULS%20LI1/edit"
            let html = String(buffer: try await director.get(path).body)
            #expect(html.contains("By the end of Q1, Q2 and Q3 of 2009/10 the count had reached 22% / 46% / 72% of the year"))
            let accepted = FormTests.fields(in: String(buffer: try await director.get(path + "?suggest=seasonal").body))
            #expect(accepted["profileShares"] == "22, 46, 72")
            var fields = accepted
            fields["profile"] = "seasonal"
            #expect(try await director.post(path, fields.map { ($0.key, $0.value) }).status == .seeOther)
            #expect(try await people.plan().indicator("ULS LI1")?.profile == .seasonal([0.22, 0.46, 0.72]))
            // Shares that make no profile are an error on their own field: too few, a gap, fractions, falling.
            for shares in ["22, 46", "22,,46,72", "0.22, 0.46, 0.72", "50, 30, 90"] {
                fields["profileShares"] = shares
                let bad = try await director.post(path, fields.map { ($0.key, $0.value) })
                #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains(##"<a href="#profileShares">"##), "\(shares)")
            }
        }
    }
}
