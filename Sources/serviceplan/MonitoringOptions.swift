import ArgumentParser
import ServicePlanDomain
import ServicePlanStore

/// How monitoring judges figures and dates: shared by `serve`, `report` and `check`, so the three
/// give the same statuses, deadlines and findings for the same flags.
struct MonitoringOptions: ParsableArguments {
    @Option(help: "Amber tolerance: how far short of target, as a fraction of it, still counts as amber.")
    var tolerance: Double = MonitoringConfiguration.defaultTolerance

    @Option(help: "Working days after a quarter ends by which its return is due.")
    var deadlineDays: Int = MonitoringConfiguration.defaultDeadlineDays

    @Option(help: "Data quality: flag a quarter-on-quarter change larger than this fraction of the previous value.")
    var jumpLimit: Double = MonitoringConfiguration.defaultJumpLimit

    @Option(help: "The council's time zone, in which every day (today, late, overdue) is judged.")
    var timeZone: String = MonitoringConfiguration.defaultTimeZone

    func validate() throws {
        _ = try configuration()
    }

    /// The configuration, or argument-parser's error naming the flag that is wrong.
    func configuration() throws -> MonitoringConfiguration {
        let rules: StatusRules, calendar: CouncilClock
        do { rules = try StatusRules(tolerance: tolerance) } catch { throw ValidationError("--tolerance \(error)") }
        do { calendar = try CouncilClock(timeZone: timeZone) } catch { throw ValidationError("--time-zone \(error)") }
        do {
            _ = try MonitoringConfiguration(deadlines: ReturnDeadlines(workingDays: deadlineDays), calendar: calendar)
        } catch { throw ValidationError("--deadline-days \(error)") }
        do {
            return try MonitoringConfiguration(statusRules: rules, deadlines: ReturnDeadlines(workingDays: deadlineDays),
                                               jumpLimit: jumpLimit, calendar: calendar)
        } catch { throw ValidationError("--jump-limit \(error)") }
    }
}
