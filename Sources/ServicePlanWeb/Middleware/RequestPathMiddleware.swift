import Foundation
import Hummingbird

/// Refuses an address whose path decodes to a control character (`/static/app.css%00.html`):
/// the file system stops at a NUL, so the stylesheet was served under an `.html` name as
/// `text/html`. No page, file or API address of serviceplan holds one.
struct RequestPathMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let decoded = path.removingPercentEncoding ?? path
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            // 404, as for any address nothing answers: no page, file or API item is named so.
            throw HTTPError(.notFound, message: "There is nothing at an address holding a control character.")
        }
        return try await next(request, context)
    }
}
