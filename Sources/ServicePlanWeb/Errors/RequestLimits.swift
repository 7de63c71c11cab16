import Hummingbird

/// How large a request body each kind of route accepts, declared once. A larger body is refused
/// with 413 before it is read in full (`HTTPError(mapping:)`), signed in or not.
enum RequestLimits {
    /// An item or a return line as JSON: the largest plan item is a few kilobytes.
    static let json = 1 << 20
    /// A workflow step's body: at most a reason.
    static let workflow = 1 << 16
    /// An HTML form: the whole return form of a large plan.
    static let form = 1 << 20
    /// A form anyone may send without signing in (signing in, asking for or using a reset link):
    /// an email address, two passwords of at most 1,024 characters and a token, percent-encoded.
    /// Sized to the form, so nobody can make the server read a megabyte for free.
    static let anonymousForm = 16 << 10
    /// A return sheet uploaded (a form with a file, or the API's raw body): the file's own limit
    /// (`ReturnSheetUpload.maximumBytes`, 5 MB) and room for the form around it.
    static let upload = 6 << 20
    /// An email address typed into a form (RFC 5321's longest path).
    static let emailLength = 254
    /// A password chosen through a form: bcrypt reads only the first 72 bytes anyway.
    static let passwordLength = 1024
}

extension RequestLimits {
    /// Only the two routes that take a sheet: `/plans/{code}/returns/{period}/upload` and
    /// `/api/v1/plans/{code}/returns/{period}/sheet`, as the router reads the path.
    static func isUpload(_ path: String) -> Bool {
        let s = path.split(separator: "/")
        return (s.count == 5 && s[0] == "plans" && s[2] == "returns" && s[4] == "upload")
            || (s.count == 7 && s[0] == "api" && s[1] == "v1" && s[2] == "plans" && s[4] == "returns" && s[6] == "sheet")
    }

    /// The limit for a request, by its path: workflow steps, other API writes, forms.
    static func limit(for path: String) -> Int {
        if isUpload(path) { return upload }
        if CSRFMiddleware.isAnonymousForm(path) { return anonymousForm }
        if path.hasPrefix("/api/") {
            return ["/submit", "/approve", "/publish", "/reopen"].contains(where: path.hasSuffix) ? workflow : json
        }
        return form
    }
}

/// Refuses a body whose declared length is over its route's limit before anything else runs —
/// before sign-in is checked — so nobody, signed in or not, can make the server read it. A body
/// sent without a length is cut off at the same limit when it is read (`collectBody(upTo:)`).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > RequestLimits.limit(for: request.uri.path) {
            throw HTTPError(.contentTooLarge, message: "The request body is larger than this address accepts (\(RequestLimits.limit(for: request.uri.path)) bytes).")
        }
        return try await next(request, context)
    }
}
