import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServicePlanDomain
import ServicePlanStore
import Testing

/// The mail schedule over the Halton plan (docs/reminders.md): a submitted return is announced
/// to its approvers even though the plan's years are long past; the officer's reminder and the
/// director's late notice name the right lines.
@Suite struct ReminderMailTests {
    static func mailer(_ people: People, now: @escaping @Sendable () -> Date = { Date() }) -> Mailer {
        Mailer(stores: people.stores,
               settings: MailSettings(from: "sp@halton.test", baseURL: "https://plans.halton.test", transport: PasswordResetTests.NoTransport()),
               monitoring: .standard(now: now), logger: Logger(label: "test"))
    }

    @Test("a submission is announced to the department's director, not to the officer who submitted it, once", arguments: WebEngines.all)
    func submitted(engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            let flow = ReturnWorkflowTests()
            _ = try await flow.send(client, people, .owner, .put, "/indicators/NI80", ["actual": 41.2])
            #expect(try await flow.send(client, people, .owner, .post, "/submit").0 == .ok)
            let mailer = Self.mailer(people)
            let added = try await mailer.recordReminders(today: mailer.monitoring.calendar.today())
            #expect(added.count == 1)
            let sent = try await people.stores.mail.recent(limit: 10).map(\.message)
            #expect(sent.map(\.toAddress) == ["director@halton.test"])
            #expect(sent.first?.subject == "ULS return for Q2 2009/10 submitted for approval")
            #expect(sent.first?.body.contains("submitted by owner@halton.test") == true)
            #expect(sent.first?.body.contains("https://plans.halton.test/plans/ULS/returns/2009-10-Q2") == true)
            #expect(try await mailer.recordReminders(today: mailer.monitoring.calendar.today()).isEmpty, "not twice")
        }
    }

    @Test("five working days before Q3 2010/11's deadline the owner hears of NI80 and ULS 5's milestones; after it the director of every empty line")
    func reminders() async throws {
        try await withPeople { people, client in
            let mailer = Self.mailer(people)
            let early = try await mailer.dueReminders(today: CalendarDate("2011-01-14")!)
            #expect(early.map(\.toAddress) == ["owner@halton.test"])
            let first = try #require(early.first)
            #expect(first.subject.hasPrefix("ULS return for Q3 2010/11: ") && first.subject.hasSuffix(" to fill in by 21 January 2011"))
            #expect(first.body.contains("- NI80 "))
            #expect(first.body.contains("- ULS 5 milestone: "))
            #expect(!first.body.contains("- NI105 "), "the officer is reminded only of the lines they answer for")
            let late = try await mailer.dueReminders(today: CalendarDate("2011-01-24")!)
            #expect(late.map(\.toAddress) == ["director@halton.test"])
            #expect(late.first?.body.contains("- NI105 ") == true && late.first?.body.contains("- NI80 ") == true)
        }
    }
}
