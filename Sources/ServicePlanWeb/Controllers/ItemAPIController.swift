import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `GET/PUT/DELETE /api/v1/plans/{code}/…/{key}` and `POST` to each collection: single items
/// with ETags. Writes need a signed-in user with the right role; a stale `If-Match` gets 412.
struct ItemAPIController {
    let service: ItemService
    let progress: IndicatorProgress

    func add(to group: RouterGroup<AppRequestContext>) {
        let (progress, plans) = (progress, service.plans)
        routes(group, "plans/:code/indicators", ":ref", ItemKinds.indicator, decorate: { document, code, user in
            try await progress.document(document, code: code, plans: plans, user: user)
        }) { try $0.pathValue("ref") }
        routes(group, "plans/:code/objectives", ":ref", ItemKinds.objective) { try $0.pathValue("ref") }
        routes(group, "plans/:code/objectives/:ref/milestones", ":id", ItemKinds.milestone) {
            ItemKinds.milestoneKey(objective: try $0.pathValue("ref"), id: try $0.parameters.require("id"))
        }
        routes(group, "plans/:code/risks", ":id", ItemKinds.risk) { try $0.parameters.require("id") }
        routes(group, "plans/:code/equality-actions", ":id", ItemKinds.equalityAction) { try $0.parameters.require("id") }
    }

    /// `decorate` adds what an answer computes (an indicator's progress) after the ETag is
    /// taken, so the ETag follows the item alone.
    private func routes<D>(_ group: RouterGroup<AppRequestContext>, _ collection: String, _ item: String, _ kind: ItemKind<D>,
                           decorate: (@Sendable (D, String, User?) async throws -> D)? = nil,
                           key: @escaping @Sendable (AppRequestContext) throws -> String) {
        let service = self.service
        group.get("\(collection)/\(item)") { _, context -> Response in
            let code = try context.pathValue("code")
            let (document, etag) = try await service.read(kind, code: code, key: try key(context), user: context.user)
            var response = JSONResponse.make(try await decorate?(document, code, context.user) ?? document)
            response.headers[.eTag] = etag
            return response
        }
        group.put("\(collection)/\(item)") { request, context -> Response in
            let code = try context.pathValue("code"), itemKey = try key(context)
            guard context.user != nil else { throw NotSignedIn() }
            let document = try await Self.body(D.self, request, context)
            let saved = try await service.save(kind, code: code, key: itemKey, new: document, ifMatch: request.headers[.ifMatch],
                                               user: context.user, via: .api)
            var response = JSONResponse.make(try await decorate?(saved.document, code, context.user) ?? saved.document)
            response.headers[.eTag] = ETag.of(saved.document)
            return response
        }
        group.delete("\(collection)/\(item)") { request, context -> Response in
            let code = try context.pathValue("code"), itemKey = try key(context)
            _ = try await service.change(kind, code: code, key: itemKey, new: nil,
                                         ifMatch: request.headers[.ifMatch], user: context.user, via: .api)
            return Response(status: .noContent)
        }
        group.post(RouterPath(collection)) { request, context -> Response in
            let code = try context.pathValue("code")
            guard context.user != nil else { throw NotSignedIn() }
            let document = try await Self.body(D.self, request, context)
            try await service.checkCollection(kind, code: code, context: context, new: document)
            let saved = try await service.save(kind, code: code, key: nil, new: document, ifMatch: nil, user: context.user, via: .api)
            var response = JSONResponse.make(try await decorate?(saved.document, code, context.user) ?? saved.document, status: .created)
            response.headers[.eTag] = ETag.of(saved.document)
            response.headers[.location] = "\(request.uri.path)/\(kind.auditKey(saved.key).urlPathEncoded)"
            return response
        }
    }

    static func body<D: Decodable>(_ type: D.Type, _ request: Request, _ context: AppRequestContext) async throws -> D {
        var request = request
        let buffer = try await request.collectBody(upTo: RequestLimits.json)
        let data = Data(buffer: buffer)
        if let key = JSONKeys.firstDuplicate(in: data) {
            throw HTTPError(.badRequest, message: "The body gives the field \(key) twice; give each field once.")
        }
        do {
            return try JSONDecoder().decode(D.self, from: data)
        } catch {
            throw HTTPError(.badRequest, message: "The body is not the item's JSON: \(Self.describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: return "\(key.stringValue) is required"
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .dataCorrupted(let c)?:
            let path = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return "\(path.isEmpty ? "the body" : String(path.drop(while: { $0 == "." }))): \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}
