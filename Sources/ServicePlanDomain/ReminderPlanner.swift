/// Which reminder emails are due today: pure rules over plans, returns and accounts, so `serve`'s
/// schedule, `serviceplan remind` and the tests all ask the same question. Running it twice gives
/// the same reminders with the same keys; the outbox sends each key once.
///
/// - Before a quarter's deadline, from the largest configured number of working days before it,
///   each officer with lines still empty gets one email listing them. Only the nearest reminder
///   day reached counts, so a server started late sends one email, not a backlog.
/// - After the deadline, for `escalationDays` working days, the department's directors (or, with
///   none, the admins) are told which lines are still empty.
/// - A submitted return is announced to those who may approve it: the department's directors
///   other than the submitter (or, with none, the admins).
/// A return already submitted, approved or published is not chased.
public enum ReminderPlanner {
    public static func due(plans: [ServicePlan], returns: [QuarterlyReturn], users: [User], deadlines: ReturnDeadlines,
                           settings: ReminderSettings, today: CalendarDate, calendar: any CouncilCalendar) -> [Reminder] {
        let byKey = Dictionary(returns.map { ("\($0.planCode)/\($0.quarter.identifier)", $0) }, uniquingKeysWith: { a, _ in a })
        let active = users.filter { !$0.disabled }
        var due: [Reminder] = []
        for plan in plans {
            for quarter in plan.period.years.flatMap(\.quarters) {
                let deadline = deadlines.deadline(for: quarter)
                let current = byKey["\(plan.code)/\(quarter.identifier)"]
                func reminder(_ kind: Reminder.Kind, to user: User, lines: [Reminder.Line], daysBefore: Int? = nil) -> Reminder {
                    Reminder(kind: kind, planCode: plan.code, department: plan.council.department, quarter: quarter, deadline: deadline,
                             recipient: user, lines: lines, daysBefore: daysBefore, submittedBy: current?.submittedBy,
                             submittedAt: current?.submittedAt)
                }
                let open = current.map { $0.status == .draft } ?? true
                if open, today <= deadline,
                   let daysBefore = settings.daysBefore.filter({ deadline.workingDays(before: $0) <= today }).min() {
                    for officer in active where officer.role == .officer {
                        let lines = emptyLines(plan: plan, quarter: quarter, current: current) { $0 == officer.email }
                        if !lines.isEmpty { due.append(reminder(.dueSoon, to: officer, lines: lines, daysBefore: daysBefore)) }
                    }
                }
                if open, deadline < today, today <= deadline.workingDays(after: settings.escalationDays) {
                    let lines = emptyLines(plan: plan, quarter: quarter, current: current) { _ in true }
                    if !lines.isEmpty {
                        for person in approvers(of: plan, among: active, except: nil) {
                            due.append(reminder(.late, to: person, lines: lines))
                        }
                    }
                }
                if let current, current.status == .submitted, let at = current.submittedAt, let day = calendar.day(ofTimestamp: at),
                   today.workingDays(before: ReminderSettings.submissionNoticeDays) <= day {
                    for person in approvers(of: plan, among: active, except: current.submittedBy) {
                        due.append(reminder(.submitted, to: person, lines: []))
                    }
                }
            }
        }
        return due
    }

    /// The department's directors; with none, the performance team. Never `except` (a director
    /// may not approve their own submission, so is not asked to).
    static func approvers(of plan: ServicePlan, among users: [User], except email: String?) -> [User] {
        let others = users.filter { $0.email != email.map(User.normalise(email:)) }
        let directors = others.filter { $0.role == .director && $0.department == plan.code }
        return directors.isEmpty ? others.filter { $0.role == .admin } : directors
    }

    /// The quarter's indicators with no figure and milestones of its year with no status, whose
    /// owner's email passes `owns`.
    static func emptyLines(plan: ServicePlan, quarter: Quarter, current: QuarterlyReturn?, owns: (String) -> Bool) -> [Reminder.Line] {
        var lines: [Reminder.Line] = []
        for indicator in plan.indicators where current?.indicators[indicator.ref]?.actual == nil {
            guard owns(indicator.owner.map(User.normalise(email:)) ?? "") else { continue }
            lines.append(Reminder.Line(ref: indicator.ref, title: indicator.partII ? "" : indicator.title, isMilestone: false,
                                       anchor: SitePaths.indicatorLineAnchor(indicator.ref)))
        }
        for objective in plan.objectives where owns(objective.owner.map(User.normalise(email:)) ?? "") {
            for year in objective.milestoneYears where year.year == quarter.year {
                for milestone in year.milestones {
                    guard let id = milestone.id, current?.milestones[id]?.status == nil else { continue }
                    lines.append(Reminder.Line(ref: objective.ref, title: objective.partII ? "" : milestone.text, isMilestone: true,
                                               anchor: SitePaths.milestoneLineAnchor(id)))
                }
            }
        }
        return lines
    }
}
