import ServicePlanDomain
import Testing

/// Which reminder emails are due on which day (docs/reminders.md), worked by hand for Q1 2009/10:
/// the quarter ends Tuesday 30 June 2009; 15 working days later the return is due on Tuesday
/// 21 July; 5 working days before that is Tuesday 14 July, 1 is Monday 20 July; escalation runs
/// for 10 working days after the deadline, to Tuesday 4 August.
@Suite struct ReminderPlannerTests {
    static let year = FinancialYear(startYear: 2009)
    static let officer = User(id: 1, email: "officer@t.test", name: "Olive Officer", role: .officer, department: "T")
    static let director = User(id: 2, email: "director@t.test", name: "Dee Director", role: .director, department: "T")
    static let admin = User(id: 3, email: "admin@t.test", name: "Ada Admin", role: .admin, department: nil)
    static let member = User(id: 4, email: "member@t.test", name: "Mo Member", role: .member, department: nil)
    static let users = [officer, director, admin, member]

    static func plan(partII: Bool = false) -> ServicePlan {
        var plan = DataQualityTests.plan()
        plan.indicators[0].owner = "Officer@T.test"
        plan.indicators[0].partII = partII
        plan.objectives[0].owner = "officer@t.test"
        plan.indicators.append(Indicator(ref: "P2", title: "Nobody's count", category: .quality, scope: .local, isKey: .no,
                                         inLocalAreaAgreement: .no, unit: .number, polarity: .higherIsBetter,
                                         baseline: Baseline(year: year.previous, value: .value(1)), targets: [year: .value(2)]))
        return plan
    }

    func due(on day: String, plan: ServicePlan = plan(), returns: [QuarterlyReturn] = [], users: [User] = users,
             settings: ReminderSettings = try! ReminderSettings()) -> [Reminder] {
        ReminderPlanner.due(plans: [plan], returns: returns, users: users, deadlines: ReturnDeadlines(workingDays: 15), settings: settings,
                            today: CalendarDate(day)!, calendar: TestCalendar())
    }

    func summary(_ reminders: [Reminder]) -> [String] {
        reminders.map { "\($0.kind.rawValue) \($0.quarter.identifier) \($0.recipient.email) \($0.daysBefore.map(String.init) ?? "-") \($0.lines.map(\.ref).joined(separator: ","))" }
    }

    @Test("working days are counted back and forward over weekends")
    func workingDays() {
        let deadline = CalendarDate("2009-07-21")!
        #expect(ReturnDeadlines(workingDays: 15).deadline(for: Quarter(year: Self.year, number: 1)!) == deadline)
        #expect(deadline.workingDays(before: 5) == CalendarDate("2009-07-14")!)
        #expect(deadline.workingDays(before: 1) == CalendarDate("2009-07-20")!)
        #expect(CalendarDate("2009-07-20")!.workingDays(before: 1) == CalendarDate("2009-07-17")!, "Monday's previous working day is Friday")
        #expect(deadline.workingDays(after: 10) == CalendarDate("2009-08-04")!)
        #expect(CalendarDate("2010-01-01")!.previousDay == CalendarDate("2009-12-31")!)
        #expect(CalendarDate("2010-03-01")!.previousDay == CalendarDate("2010-02-28")!)
    }

    @Test("officers hear of their own empty lines from 5 working days before the deadline; the nearest reminder day reached counts",
          arguments: [
              ("2009-07-13", [String]()),
              ("2009-07-14", ["due-soon 2009-10-Q1 officer@t.test 5 P1,O1"]),
              ("2009-07-17", ["due-soon 2009-10-Q1 officer@t.test 5 P1,O1"]),
              ("2009-07-20", ["due-soon 2009-10-Q1 officer@t.test 1 P1,O1"]),
              ("2009-07-21", ["due-soon 2009-10-Q1 officer@t.test 1 P1,O1"]),
          ])
    func beforeTheDeadline(day: String, expected: [String]) {
        #expect(summary(due(on: day)) == expected)
    }

    @Test("after the deadline the department's director is told of every empty line, for 10 working days",
          arguments: [
              ("2009-07-22", ["late 2009-10-Q1 director@t.test - P1,P2,O1"]),
              ("2009-08-04", ["late 2009-10-Q1 director@t.test - P1,P2,O1"]),
              ("2009-08-05", [String]()),
          ])
    func afterTheDeadline(day: String, expected: [String]) {
        #expect(summary(due(on: day)) == expected)
    }

    @Test("with no director for the department, the admins are told; disabled accounts and members never are")
    func noDirector() {
        var disabledAdmin = Self.admin
        disabledAdmin.email = "gone@t.test"
        disabledAdmin.disabled = true
        #expect(summary(due(on: "2009-07-22", users: [Self.officer, Self.admin, disabledAdmin, Self.member]))
            == ["late 2009-10-Q1 admin@t.test - P1,P2,O1"])
        var away = Self.officer
        away.disabled = true
        #expect(due(on: "2009-07-14", users: [away, Self.director]).isEmpty)
    }

    @Test("lines filled in are not chased; a submitted return is not chased at all")
    func filled() {
        var draft = QuarterlyReturn(planCode: "T", quarter: Quarter(year: Self.year, number: 1)!, status: .draft)
        draft.indicators["P1"] = IndicatorEntry(actual: 51)
        #expect(summary(due(on: "2009-07-14", returns: [draft])) == ["due-soon 2009-10-Q1 officer@t.test 5 O1"])
        draft.milestones[7] = MilestoneEntry(status: .green)
        #expect(due(on: "2009-07-14", returns: [draft]).isEmpty)
        draft.indicators["P1"] = IndicatorEntry(actual: nil, commentary: "Only words")
        #expect(summary(due(on: "2009-07-14", returns: [draft])) == ["due-soon 2009-10-Q1 officer@t.test 5 P1"], "a commentary is not a figure")
        var submitted = DataQualityTests.returned(1, actual: nil, status: .submitted, submittedAt: "2009-07-20T10:00:00Z")
        submitted.submittedBy = "officer@t.test"
        #expect(due(on: "2009-07-22", returns: [submitted]).allSatisfy { $0.kind == .submitted })
    }

    @Test("a submission is announced to the approvers but not to whoever submitted it, and only while it is recent")
    func submitted() {
        var submitted = DataQualityTests.returned(1, actual: 51, status: .submitted, submittedAt: "2009-07-20T10:00:00Z")
        submitted.submittedBy = "director@t.test"
        let otherDirector = User(id: 5, email: "second@t.test", name: "Second", role: .director, department: "T")
        #expect(summary(due(on: "2009-07-20", returns: [submitted], users: Self.users + [otherDirector]))
            == ["submitted 2009-10-Q1 second@t.test - "])
        #expect(summary(due(on: "2009-07-20", returns: [submitted])) == ["submitted 2009-10-Q1 admin@t.test - "],
                "the only director submitted it: the admins approve")
        #expect(due(on: "2009-07-27", returns: [submitted], users: Self.users + [otherDirector]).count == 1, "5 working days on")
        #expect(due(on: "2009-07-28", returns: [submitted], users: Self.users + [otherDirector]).isEmpty, "6 working days on: old news")
        submitted.status = .approved
        #expect(due(on: "2009-07-20", returns: [submitted]).isEmpty)
    }

    @Test("keys name one email: the same reminder on another day has the same key; another reminder day, or a new submission, a new one")
    func keys() {
        #expect(due(on: "2009-07-14").map(\.key) == due(on: "2009-07-16").map(\.key))
        #expect(due(on: "2009-07-14").map(\.key) != due(on: "2009-07-20").map(\.key))
        var first = DataQualityTests.returned(1, actual: 51, status: .submitted, submittedAt: "2009-07-20T10:00:00Z")
        var second = first
        first.submittedBy = "officer@t.test"
        second.submittedBy = "officer@t.test"
        second.submittedAt = "2009-07-21T10:00:00Z"
        #expect(due(on: "2009-07-21", returns: [first]).map(\.key) != due(on: "2009-07-21", returns: [second]).map(\.key))
    }

    @Test("the email names each line with a link to it on the return form; a Part II line by its ref only")
    func message() throws {
        let reminder = try #require(due(on: "2009-07-14").first)
        let mail = reminder.message(baseURL: "https://plans.example.gov.uk")
        #expect(mail.toAddress == "officer@t.test" && mail.toName == "Olive Officer")
        #expect(mail.subject == "T return for Q1 2009/10: 2 lines to fill in by 21 July 2009")
        #expect(mail.body.contains("is due by 21 July 2009, in 5 working days"))
        #expect(mail.body.contains("- P1 A percentage\n  https://plans.example.gov.uk/plans/T/returns/2009-10-Q1#line-P1\n"))
        #expect(mail.body.contains("- O1 milestone: Done by March 2010\n  https://plans.example.gov.uk/plans/T/returns/2009-10-Q1#milestone-7\n"))
        let secret = try #require(due(on: "2009-07-14", plan: Self.plan(partII: true)).first).message(baseURL: "https://x.test")
        #expect(!secret.body.contains("A percentage") && secret.body.contains("- P1 (Part II: see the return)"))
        let late = try #require(due(on: "2009-07-22").first).message(baseURL: "https://x.test")
        #expect(late.subject == "T return for Q1 2009/10 is late: 3 lines empty" && late.body.contains("was due by 21 July 2009"))
    }

    @Test("reminder settings refuse nonsense and sort the days", arguments: [[Int](), [-1], [61], Array(repeating: 1, count: 11)])
    func settings(days: [Int]) {
        #expect(throws: RuleViolation.self) { try ReminderSettings(daysBefore: days) }
        #expect(throws: RuleViolation.self) { try ReminderSettings(escalationDays: 61) }
        #expect(try! ReminderSettings(daysBefore: [1, 5, 5]).daysBefore == [5, 1])
    }
}
