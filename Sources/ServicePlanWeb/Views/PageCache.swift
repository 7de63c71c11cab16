import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanReports

/// The pages `PageCacheMiddleware` keeps, first in first out within a byte budget. Pages of one
/// content version only: when another is seen, every page kept is dropped.
actor PageCache {
    struct Key: Hashable {
        let uri: String
        let user: User?
        let day: CalendarDate
    }

    /// A kept page: its body is cut where the CSRF placeholder stood, to be joined with each
    /// visitor's own token.
    struct Page: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let parts: [ByteBuffer]
        var bytes: Int { parts.reduce(0) { $0 + $1.readableBytes } }

        init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, placeholder: String) {
            self.status = status
            // Each response's length is its own: the visitor's token is seldom the placeholder's length.
            var headers = headers
            headers[.contentLength] = nil
            self.headers = headers
            let text = String(buffer: body)
            parts = text.contains(placeholder)
                ? text.components(separatedBy: placeholder).map { ByteBuffer(string: $0) }
                : [body]
        }

        func response(csrfToken: String) -> Response {
            guard parts.count > 1 else { return Response(status: status, headers: headers, body: .init(byteBuffer: parts[0])) }
            // Escaped as the template would have escaped it: an anonymous visitor's token is
            // whatever their cookie says.
            let csrfToken = QuarterChart.escape(csrfToken)
            var body = ByteBuffer()
            body.reserveCapacity(bytes + (parts.count - 1) * csrfToken.utf8.count)
            for (index, part) in parts.enumerated() {
                if index > 0 { body.writeString(csrfToken) }
                body.writeImmutableBuffer(part)
            }
            return Response(status: status, headers: headers, body: .init(byteBuffer: body))
        }
    }

    /// Stands in for the CSRF token while a kept page renders: random for each server, so no
    /// stored text can contain it by chance or by design.
    nonisolated let placeholder = "csrf-placeholder-" + (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()

    private var entries: [Key: (version: Int64, page: Page)] = [:]
    private var order: [Key] = []
    private var bytes = 0
    private var newest: Int64 = .min
    private let byteBudget: Int

    /// `byteBudget`: the most page bytes kept at once (the benchmark page of 350 authorities is
    /// about 0.7 MB).
    init(byteBudget: Int = 64 << 20) {
        self.byteBudget = byteBudget
    }

    func page(_ key: Key, version: Int64) -> Page? {
        // A version below the newest seen: the counter was reset (a database restored under
        // the same name). Nothing kept before can be trusted once it climbs back.
        if version < newest { drop(newest: version) }
        guard let entry = entries[key], entry.version == version else { return nil }
        return entry.page
    }

    func store(_ page: Page, _ key: Key, version: Int64) {
        guard page.bytes <= byteBudget else { return }
        if version != newest { drop(newest: version) }
        if let old = entries[key] {
            bytes -= old.page.bytes + key.uri.utf8.count
        } else {
            order.append(key)
        }
        entries[key] = (version, page)
        bytes += page.bytes + key.uri.utf8.count
        while bytes > byteBudget, !order.isEmpty {
            // (Keys count too: up to `PageCacheMiddleware.maxKeptURIBytes` each.)
            let oldest = order.removeFirst()
            if let gone = entries.removeValue(forKey: oldest) { bytes -= gone.page.bytes + oldest.uri.utf8.count }
        }
    }

    private func drop(newest version: Int64) {
        entries.removeAll()
        order.removeAll()
        bytes = 0
        newest = version
    }
}
