import Foundation
import ServicePlanDomain
import Prometheus
import ServicePlanReports
import ServicePlanStore

/// Settings of the web application that tests and deployments vary.
public struct AppSettings: Sendable {
    /// How long a browser session lasts after sign-in.
    public var sessionLifetime: TimeInterval
    /// Mark cookies `Secure`: set when the site is served over HTTPS (directly or behind a proxy).
    public var secureCookies: Bool
    /// The tolerance, deadlines, jump limit and the council's calendar: the same configuration the
    /// report and `serviceplan check` use (docs/status-rules.md).
    public var monitoring: MonitoringConfiguration
    /// The instant now, for sessions and sign-in limits (tests move it instead of sleeping).
    public var now: @Sendable () -> Date
    /// Log every request (method, path, request id) at info level: `serve` does; tests do not.
    public var logRequests = false
    /// Where `/metrics` reads from: the registry `serve` gave swift-metrics. Nil: no `/metrics`.
    public var metrics: PrometheusCollectorRegistry?
    /// The licence `/open-data/datapackage.json` states (docs/open-data.md).
    public var openDataLicence = OpenData.Licence.openGovernment
    /// The site's public address (`serve --public-url`), no trailing slash: the start of absolute
    /// links the site gives out (the open-data catalogue). Nil: taken from the request's Host.
    public var publicURL: String?
    /// How mail goes out (docs/reminders.md); nil: no mail, so no password-reset links either.
    public var mail: MailSettings?
    /// Nudges the mail service (a submission to announce, a reset link to send) ahead of its tick.
    public var mailWake: MailWake?

    public init(sessionLifetime: TimeInterval = 8 * 3600, secureCookies: Bool = false,
                monitoring: MonitoringConfiguration = .standard(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
        self.monitoring = monitoring
        self.now = now
    }
}
