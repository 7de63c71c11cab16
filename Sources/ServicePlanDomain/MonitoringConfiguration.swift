/// How quarterly monitoring judges figures and dates, in one value: the amber tolerance, when
/// returns are due, the data-quality jump limit and the council's calendar. Pages, the API, the
/// report and `serviceplan check` all take this one value, so they cannot disagree.
public struct MonitoringConfiguration: Sendable {
    /// The default amber tolerance: 10 % of the target.
    public static let defaultTolerance = 0.1
    /// The default deadline: 15 working days after a quarter ends.
    public static let defaultDeadlineDays = 15
    /// The default jump limit: a quarter-on-quarter change of more than half is flagged.
    public static let defaultJumpLimit = 0.5
    /// The council's time zone unless configured otherwise.
    public static let defaultTimeZone = "Europe/London"

    /// The status rules, with the amber tolerance.
    public var statusRules: StatusRules
    /// When quarterly returns are due.
    public var deadlines: ReturnDeadlines
    /// Data quality: a quarter-on-quarter change larger than this fraction is flagged.
    public var jumpLimit: Double
    /// Today, and the day an instant fell on, in the council's time zone.
    public var calendar: any CouncilCalendar

    public init(statusRules: StatusRules = .standard, deadlines: ReturnDeadlines = ReturnDeadlines(),
                jumpLimit: Double = MonitoringConfiguration.defaultJumpLimit, calendar: any CouncilCalendar) throws(RuleViolation) {
        guard jumpLimit > 0, jumpLimit.isFinite else {
            throw RuleViolation(value: Figure.format(jumpLimit), rule: "is not a jump limit above 0")
        }
        guard deadlines.workingDays >= 0, deadlines.workingDays <= 365 else {
            throw RuleViolation(value: String(deadlines.workingDays), rule: "is not a number of working days from 0 to 365")
        }
        self.statusRules = statusRules
        self.deadlines = deadlines
        self.jumpLimit = jumpLimit
        self.calendar = calendar
    }

    /// The defaults (10 % tolerance, 15 working days, jump limit 0.5) on `calendar`: valid by
    /// construction, so nothing is checked and nothing can fail.
    public init(defaultsOn calendar: any CouncilCalendar) {
        statusRules = .standard
        deadlines = ReturnDeadlines(workingDays: Self.defaultDeadlineDays)
        jumpLimit = Self.defaultJumpLimit
        self.calendar = calendar
    }

    /// The data-quality checks as this configuration sets them.
    public var dataQuality: DataQualityChecker {
        var settings = DataQualityChecker.Settings()
        settings.deadlines = deadlines
        settings.jumpLimit = jumpLimit
        return DataQualityChecker(settings: settings, statusRules: statusRules, calendar: calendar)
    }

    /// Whether a quarter's return is missing, late or on time, as of today.
    public func timeliness(of quarterlyReturn: QuarterlyReturn?, for quarter: Quarter) -> ReturnTimeliness {
        ReturnTimeliness(quarterlyReturn, quarter: quarter, deadline: deadlines.deadline(for: quarter), today: calendar.today(),
                         calendar: calendar)
    }
}
