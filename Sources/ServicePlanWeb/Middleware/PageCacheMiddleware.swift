import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// Serves each HTML page again from memory while nothing it could show has changed, for the
/// public and for each signed-in user alike.
///
/// A page is kept under its address, the exact user who asked (role, department and name
/// included: they decide what is shown and the header names them; nil for the public) and the
/// council's day (late and missing returns depend on it), and is good while the content version
/// (`ContentVersion`, moved in every change's own transaction, so every server sees it) reads as
/// it did when the page was made. A hit costs one one-row query; a miss renders as before.
///
/// The only per-request part of a page is its CSRF token: the page is rendered with a placeholder
/// in its place (`AppRequestContext.formTokenPlaceholder`) and each response gets the visitor's own.
/// Only GET pages answered 200 as HTML, setting no cookie, are kept; forms and sign-in never are.
struct PageCacheMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let cache: PageCache
    let versions: any VersionRepository
    let calendar: any CouncilCalendar

    /// Paths never kept: forms (their hidden fields and error messages belong to one visit),
    /// the audit history, machine answers and files.
    static func isCacheable(_ request: Request) -> Bool {
        guard request.method == .get, request.uri.description.utf8.count <= maxKeptURIBytes else { return false }
        // As the router reads it: `//sign-in` and `/plans/ULS/history/` are the sign-in form and
        // the history page.
        let path = "/" + request.uri.path.split(separator: "/").joined(separator: "/")
        // A private calendar is read by its secret, which can be stopped at any moment.
        // Open data reads every plan at once, which no one plan's version covers.
        for prefix in ["/api/", "/static/", "/sign-in", "/sign-out", "/account/", "/password/", "/calendar/", "/open-data", "/admin/", "/healthz", "/readyz", "/metrics"]
        where path.hasPrefix(prefix) { return false }
        // The history page verifies the audit chain as it stands, edits behind serviceplan's back
        // included, which move no version; its comparisons are read from the same records.
        return !path.hasSuffix("/edit") && !path.hasSuffix("/new") && !path.hasSuffix("/history") && !path.contains("/history/")
            && !path.contains("/export/") && !path.hasSuffix("/csv")
    }

    /// Longer addresses are served but not kept: a key counts against no budget, and no link
    /// of serviceplan's is near this long.
    static let maxKeptURIBytes = 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isCacheable(request) else { return try await next(request, context) }
        let key = PageCache.Key(uri: request.uri.description, user: context.user, day: calendar.today())
        let version = try await versions.contentVersion()
        if let page = await cache.page(key, version: version) {
            return page.response(csrfToken: context.csrfToken)
        }
        var rendering = context
        rendering.formTokenPlaceholder = cache.placeholder
        let response = try await next(request, rendering)
        guard response.status == .ok, response.headers[.setCookie] == nil,
              response.headers[.contentType]?.hasPrefix("text/html") == true else { return response }
        let page = PageCache.Page(status: response.status, headers: response.headers, body: try await Self.collect(response.body),
                                  placeholder: cache.placeholder)
        await cache.store(page, key, version: version)
        return page.response(csrfToken: context.csrfToken)
    }

    /// The body's bytes: pages are rendered whole, so this only gathers one buffer.
    private static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = Collector()
        try await body.write(CollectingWriter(collector: collector))
        return collector.buffer
    }

    private final class Collector {
        var buffer = ByteBuffer()
    }

    private struct CollectingWriter: ResponseBodyWriter {
        let collector: Collector

        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            collector.buffer.writeBuffer(&buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
