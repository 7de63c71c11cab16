import Foundation
import ServicePlanDomain
import ServicePlanReports
import Testing

/// The iCalendar text itself (RFC 5545): what a strict calendar client needs beyond what the
/// browser test's parser checks. Lines end in CRLF and are folded at 75 octets without splitting
/// a character; commas, semicolons, backslashes and line breaks in text are escaped.
@Suite struct PlanCalendarTests {
    static func plan(milestone text: String) throws -> ServicePlan {
        let year = FinancialYear(startYear: 2009)
        let objective = ServiceObjective(ref: "O 1", title: "An objective", areasOfFocus: [1], responsibleOfficer: "Head of Service",
                                         risk: RiskProfile(initial: .unknown(.unknown), residual: .unknown(.unknown)),
                                         milestoneYears: [MilestoneYear(year: year, entries: .listed([
                                             Milestone(id: 42, text: text, due: try #require(CalendarDate("2010-03-31"))),
                                             Milestone(id: nil, text: "Not stored yet", due: try #require(CalendarDate("2010-03-31"))),
                                         ]))])
        return ServicePlan(code: "T", title: "Test plan", status: .draft, period: try PlanPeriod(first: year, last: year),
                           council: Council(name: "C", directorate: "D", department: "Dep", divisions: []),
                           priorities: [CorporatePriority(number: 1, title: "P", areasOfFocus: [AreaOfFocus(number: 1, title: "A")])],
                           objectives: [objective], indicators: [])
    }

    @Test("CRLF lines of at most 75 octets, folded between characters; text escaped; a deadline per quarter and a stored milestone")
    func format() throws {
        let text = "Review the Early Years offer, the Children’s Centres; and \\ the nursery places – by March 2010, with parents\nand carers"
        let ics = PlanCalendar.ics(try Self.plan(milestone: text), monitoring: .standard())
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 && !$0.contains("\n") && !$0.contains("\r") })
        // Unfolded, the summary is the milestone's text with its specials escaped.
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:T O 1 milestone: Review the Early Years offer\\, the Children’s Centres\\; and \\\\ the nursery places – by March 2010\\, with parents\\nand carers\r\n"))
        #expect(unfolded.contains("UID:milestone-T-42@serviceplan\r\n"))
        #expect(!unfolded.contains("Not stored yet"), "a milestone without a stored id has no stable UID, so no event")
        #expect(unfolded.components(separatedBy: "BEGIN:VEVENT").count - 1 == 5, "four quarters' deadlines and one milestone")
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20100331\r\nDTEND;VALUE=DATE:20100401\r\n"))
        #expect(unfolded.contains("UID:return-T-2009-10-Q4@serviceplan\r\n"))
    }

    @Test("one character of many scalars is folded within 75 octets; a lone CR is a line break, not dropped (a hostile review)")
    func hostileText() throws {
        let stacked = "e" + String(repeating: "\u{0301}", count: 60) + " tail"
        let ics = PlanCalendar.ics(try Self.plan(milestone: stacked + "\rDESCRIPTION:evil\r\nEND:VCALENDAR"), monitoring: .standard())
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "\(lines.map(\.utf8.count).max() ?? 0) octets")
        // Unfolded byte by byte: a fold before a combining mark is not a whole character.
        var bytes = [UInt8]()
        for byte in ics.utf8 {
            bytes.append(byte)
            if bytes.suffix(3) == [13, 10, 32] { bytes.removeLast(3) }
        }
        let unfolded = String(decoding: bytes, as: UTF8.self)
        #expect(unfolded.contains(stacked + "\\nDESCRIPTION:evil\\nEND:VCALENDAR\r\n"))
        #expect(unfolded.components(separatedBy: "\r\nEND:VCALENDAR\r\n").count == 2, "one calendar end, the real one")
    }
}
