import Hummingbird
import ServicePlanStore

/// JSON with sorted keys (the API's documents are compared by scripts), as a response.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status,
                 headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: PlanJSON.string(value))))
    }

    static func text(_ body: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// The body of every API error: `{ "error": { "message": "…" } }`, as Hummingbird's own errors.
struct APIErrorBody: Encodable {
    struct Detail: Encodable { let message: String }
    let error: Detail
}
