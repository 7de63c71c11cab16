import Foundation
import ServicePlanDomain

/// Settings of the web application that tests and deployments vary.
public struct AppSettings: Sendable {
    /// How long a browser session lasts after sign-in.
    public var sessionLifetime: TimeInterval
    /// Mark cookies `Secure`: set when the site is served over HTTPS (directly or behind a proxy).
    public var secureCookies: Bool
    /// bcrypt cost for passwords; tests lower it.
    public var bcryptCost: UInt8
    /// The tolerance for amber, and the other status rules (docs/status-rules.md).
    public var statusRules: StatusRules
    /// When quarterly returns are due.
    public var deadlines: ReturnDeadlines
    /// Today's date, for which returns are missing or late (tests fix it).
    public var today: @Sendable () -> CalendarDate
    /// Data quality: a quarter-on-quarter change larger than this fraction is flagged.
    public var jumpLimit: Double

    public init(sessionLifetime: TimeInterval = 8 * 3600, secureCookies: Bool = false, bcryptCost: UInt8 = 12,
                statusRules: StatusRules = .standard, deadlines: ReturnDeadlines = ReturnDeadlines(),
                today: @escaping @Sendable () -> CalendarDate = { CalendarDate.of(Date()) }, jumpLimit: Double = 0.5) {
        self.jumpLimit = jumpLimit
        self.today = today
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.statusRules = statusRules
        self.deadlines = deadlines
    }

    /// The data-quality checks as these settings configure them.
    public var dataQuality: DataQualityChecker {
        var settings = DataQualityChecker.Settings()
        settings.deadlines = deadlines
        settings.jumpLimit = jumpLimit
        return DataQualityChecker(settings: settings, statusRules: statusRules)
    }
}
