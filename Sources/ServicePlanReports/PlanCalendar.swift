import Foundation
import ServicePlanDomain

/// A plan's dates as an iCalendar feed (RFC 5545): each quarter's return deadline and each key
/// milestone's due date, as all-day events a council's calendar can subscribe to. Built from the
/// plan as the reader may see it, so a public feed holds no Part II milestone. UIDs come from
/// the plan's code and the quarter or the milestone's stored id: the same event keeps its UID
/// across requests and edits, so a calendar updates it rather than adding a copy.
public enum PlanCalendar {
    public static func ics(_ plan: ServicePlan, monitoring: MonitoringConfiguration, now: Date = Date()) -> String {
        let stamp = Self.stamp(now)
        var lines = header(name: "\(plan.code): \(plan.title)")
        for quarter in plan.period.years.flatMap(\.quarters) {
            let deadline = monitoring.deadlines.deadline(for: quarter)
            lines += event(uid: "return-\(plan.code)-\(quarter.identifier)", stamp: stamp, day: deadline,
                           summary: "\(plan.code) quarterly return due: \(quarter.label)",
                           description: "The \(plan.council.department) return for \(quarter.label) (\(quarter.firstDay.longText) to "
                               + "\(quarter.lastDay.longText)) is due by \(deadline.longText).")
        }
        lines += milestones(of: plan.objectives, plan: plan, uidPrefix: "", stamp: stamp) { objective, milestone in
            "Key milestone of \(objective.ref) (\(objective.title)), due \(milestone.due.longText). Responsible officer: \(objective.responsibleOfficer)."
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// One person's private feed: for each plan, each quarter's return deadline with the lines
    /// they answer for, and the due date of each milestone of an objective they answer for.
    /// Part II items are left out even though the person may read them: a subscribed calendar is
    /// copied to calendar services outside the council. UIDs carry the person's id, so their
    /// events never merge with the plan feed's.
    public static func personal(for user: User, plans: [ServicePlan], monitoring: MonitoringConfiguration, now: Date = Date()) -> String {
        let stamp = Self.stamp(now)
        var lines = header(name: "serviceplan: \(user.name)'s returns and milestones")
        for plan in plans {
            let refs = plan.indicators.filter { !$0.partII && Permissions.canEditIndicator(user, $0, in: plan) }.map(\.ref)
            let objectives = plan.objectives.filter { !$0.partII && Permissions.canEditObjective(user, $0, in: plan) }
            if !refs.isEmpty {
                for quarter in plan.period.years.flatMap(\.quarters) {
                    let deadline = monitoring.deadlines.deadline(for: quarter)
                    lines += event(uid: "person-\(user.id)-return-\(plan.code)-\(quarter.identifier)", stamp: stamp, day: deadline,
                                   summary: "\(plan.code) return due: \(quarter.label) (your lines: \(refs.joined(separator: ", ")))",
                                   description: "Your lines of the \(plan.council.department) return for \(quarter.label) are due by "
                                       + "\(deadline.longText): \(refs.joined(separator: ", ")).")
                }
            }
            lines += milestones(of: objectives, plan: plan, uidPrefix: "person-\(user.id)-", stamp: stamp) { objective, milestone in
                "Key milestone of \(objective.ref) (\(objective.title)), which you answer for; due \(milestone.due.longText)."
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// An event for each stored milestone of `objectives`, UID `milestone-PLAN-ID` after `uidPrefix`.
    private static func milestones(of objectives: [ServiceObjective], plan: ServicePlan, uidPrefix: String, stamp: String,
                                   description: (ServiceObjective, Milestone) -> String) -> [String] {
        var lines: [String] = []
        for objective in objectives {
            for milestone in objective.milestoneYears.flatMap(\.milestones) {
                guard let id = milestone.id else { continue }
                lines += event(uid: "\(uidPrefix)milestone-\(plan.code)-\(id)", stamp: stamp, day: milestone.due,
                               summary: "\(plan.code) \(objective.ref) milestone: \(milestone.text)", description: description(objective, milestone))
            }
        }
        return lines
    }

    private static func header(name: String) -> [String] {
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//serviceplan//Service plan dates//EN", "CALSCALE:GREGORIAN",
         "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name)]
    }

    private static func event(uid: String, stamp: String, day: CalendarDate, summary: String, description: String) -> [String] {
        ["BEGIN:VEVENT", "UID:" + escape(uid + "@serviceplan"), "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + date(day),
         "DTEND;VALUE=DATE:" + date(day.nextDay), "SUMMARY:" + escape(summary), "DESCRIPTION:" + escape(description),
         "TRANSP:TRANSPARENT", "END:VEVENT"]
    }

    static func date(_ day: CalendarDate) -> String {
        String(format: "%04d%02d%02d", day.year, day.month, day.day)
    }

    static func stamp(_ now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// TEXT values (RFC 5545 3.3.11): backslash, semicolon and comma escaped; a line break (LF,
    /// CRLF or a lone CR, all of which plan text may hold) as \n.
    static func escape(_ text: String) -> String {
        var out = ""
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !afterCR { out += "\\n" }
            default: out.unicodeScalars.append(scalar.value < 0x20 && scalar != "\t" ? " " : scalar)
            }
        }
        return out
    }

    /// Content lines longer than 75 octets are folded (RFC 5545 3.1): a line break and a space,
    /// between Unicode scalars — never inside a UTF-8 sequence, and within 75 octets even where one
    /// character is many scalars (a letter with dozens of combining marks).
    static func fold(_ line: String) -> String {
        var out = String.UnicodeScalarView(), count = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if count + size > 75 {
                out.append(contentsOf: "\r\n ".unicodeScalars)
                count = 1
            }
            out.append(scalar)
            count += size
        }
        return String(out)
    }
}
