import Hummingbird
import NIOCore
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

extension HTTPError {
    /// The one place an error from any layer becomes an HTTP answer. Handlers and services just
    /// throw; `ErrorPageMiddleware` asks here and renders the answer as a page or as the API's
    /// `{ "error": { "message": … } }`. Nil for errors nobody expects (a 500, logged).
    init?(mapping error: any Error) {
        switch error {
        case let error as HTTPError:
            self = error
        case let error as NotSignedIn:
            self.init(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "Sign in or send a bearer token \(error.purpose).")
        case let error as NotPermitted:
            self.init(.forbidden, message: error.message)
        case let error as ItemNotFound:
            self.init(.notFound, message: "There is no \(error.noun) \(error.key) in this plan.")
        case let error as PlanNotFound:
            self.init(.notFound, message: error.description)
        case let error as ReturnNotFound:
            self.init(.notFound, message: error.description)
        case let error as ReportBuilder.Unavailable:
            self.init(.notFound, message: error.description)
        case let error as PreconditionMissing:
            self.init(.preconditionRequired, message: "Send If-Match with the ETag of the \(error.noun) you are changing.")
        case let error as StaleEdit:
            self.init(.preconditionFailed, message: error.message)
        case let error as ReturnLocked:
            self.init(.conflict, message: error.description)
        case let error as WrongReturnStatus:
            self.init(.conflict, message: error.description)
        case let error as LockedReturnsWouldChange:
            self.init(.conflict, message: error.description)
        case let error as LastAdminRefused:
            self.init(.conflict, message: error.description)
        case let error as PlanViolation:
            self.init(.unprocessableContent, message: error.description)
        case let error as PlanRuleViolations:
            self.init(.unprocessableContent, message: error.description)
        case let error as RuleViolation:
            self.init(.unprocessableContent, message: error.description)
        case let error as DatabaseBusy:
            self.init(.serviceUnavailable, headers: [.retryAfter: "5"], message: error.description)
        case is NIOTooManyBytesError:
            self.init(.contentTooLarge, message: "The request body is larger than this address accepts (see the API's limits).")
        case let error as any HTTPResponseError:
            // Hummingbird's own errors (a malformed request, say) keep their status.
            self.init(error.status, message: error.status.reasonPhrase)
        default:
            return nil
        }
    }
}
