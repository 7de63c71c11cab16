import Foundation
import ServicePlanDomain

/// The council's calendar on a real clock: now (or a fixed instant, for tests and replays) read
/// in the council's time zone. Every "today", "late" and "overdue" in the system comes from here.
public struct CouncilClock: CouncilCalendar {
    public let timeZone: String
    /// Gregorian in the council's zone, made once: making one per day asked cost a dashboard
    /// more than its queries.
    private let calendar: Calendar
    private let now: @Sendable () -> Date

    /// Fails for a time-zone name the system does not know.
    public init(timeZone: String = MonitoringConfiguration.defaultTimeZone, now: @escaping @Sendable () -> Date = { Date() }) throws(RuleViolation) {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw RuleViolation(value: timeZone, rule: "is not a time zone (write an IANA name such as Europe/London)")
        }
        self.init(timeZone: timeZone, zone: zone, now: now)
    }

    private init(timeZone: String, zone: TimeZone, now: @escaping @Sendable () -> Date) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        self.now = now
    }

    /// London, on the clock `now`. Every system has the Europe/London rules; were they missing,
    /// days would be read in UTC (at most an hour off) rather than the server failing to start.
    public static func london(now: @escaping @Sendable () -> Date = { Date() }) -> CouncilClock {
        let name = MonitoringConfiguration.defaultTimeZone
        return CouncilClock(timeZone: name, zone: TimeZone(identifier: name) ?? TimeZone(secondsFromGMT: 0) ?? .current, now: now)
    }

    public func today() -> CalendarDate { day(of: now()) }

    public func day(ofTimestamp text: String) -> CalendarDate? {
        Timestamp.date(text).map(day(of:))
    }

    /// The council's day on which an instant fell.
    public func day(of date: Date) -> CalendarDate {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        // Foundation's Gregorian calendar always yields a real day; 1 January 1970 only if it ever did not.
        return c.year.flatMap { y in c.month.flatMap { m in c.day.flatMap { CalendarDate(year: y, month: m, day: $0) } } }
            ?? CalendarDate(year: 1970, month: 1, day: 1)!
    }
}

extension MonitoringConfiguration {
    /// The defaults (10 % tolerance, 15 working days, jump limit 0.5) on the real clock in London.
    public static func standard(now: @escaping @Sendable () -> Date = { Date() }) -> MonitoringConfiguration {
        MonitoringConfiguration(defaultsOn: CouncilClock.london(now: now))
    }
}
