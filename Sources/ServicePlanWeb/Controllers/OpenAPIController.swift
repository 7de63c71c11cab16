import Foundation
import Hummingbird

/// `GET /api/v1/openapi.json`: the API's published contract (OpenAPI 3.1), the file councils'
/// scripts and generated clients rely on. A test fails when a registered API route is missing
/// from it, and `scripts/api-contract` checks the running server against it with schemathesis.
struct OpenAPIController {
    let document: ByteBuffer

    static func load() throws -> OpenAPIController {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw HTTPError(.internalServerError, message: "The API contract openapi.json is missing from the build's resources.")
        }
        return OpenAPIController(document: ByteBuffer(data: try Data(contentsOf: url)))
    }

    func add(to api: RouterGroup<AppRequestContext>) {
        let document = self.document
        api.get("openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: document))
        }
    }

    /// Every API path answers the methods it lacks with 405 and an `Allow` header (not 404), so a
    /// script that sends the wrong method learns which ones the path takes.
    static func refuseOtherMethods(on router: Router<AppRequestContext>, under prefix: String) {
        let routes = router.routes.filter { $0.path.description.hasPrefix(prefix) }
        let byPath = Dictionary(grouping: routes, by: { $0.path.description })
        // Every method a client may send, QUERY (the safe query method being standardised) included.
        let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace]
            + [HTTPRequest.Method("QUERY")].compactMap { $0 }
        for (path, routes) in byPath {
            let allowed = routes.map(\.method)
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            for method in methods where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: allow], message: "\(path) answers \(allow) only.")
                }
            }
        }
    }
}
