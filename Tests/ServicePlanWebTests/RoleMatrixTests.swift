import Foundation
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
import Testing

/// Every mutating API route × every kind of person: 401 for the public, 403 without the right
/// role, 2xx with it — and each success leaves exactly the audit records of the items it changed.
@Suite struct RoleMatrixTests {
    enum Allowed { case everyoneWhoManages, owner }

    struct Route: Sendable, CustomTestStringConvertible {
        let name: String
        let method: HTTPRequest.Method
        /// Path, and body to send (nil for DELETE), built from the plan as it is now.
        let build: @Sendable (ServicePlan) -> (path: String, body: Any?, etagPath: String?)
        /// The owner (an officer) may do this too.
        let ownerMay: Bool
        /// How many audit records a success adds.
        let records: Int
        var testDescription: String { name }
    }

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
    }

    static let routes: [Route] = [
        Route(name: "PUT an owned indicator", method: .put, build: { _ in
            ("/api/v1/plans/ULS/indicators/NI80", ["title": "% of young people achieving Level 3 qualification by 19 (edited)"], "/api/v1/plans/ULS/indicators/NI80")
        }, ownerMay: true, records: 1),
        Route(name: "PUT another indicator", method: .put, build: { _ in
            ("/api/v1/plans/ULS/indicators/NI72", ["title": "Early Years Foundation Stage attainment (edited)"], "/api/v1/plans/ULS/indicators/NI72")
        }, ownerMay: false, records: 1),
        Route(name: "POST an indicator", method: .post, build: { _ in
            ("/api/v1/plans/ULS/indicators", ["ref": "NI999", "owner": NSNull()], "/api/v1/plans/ULS/indicators/NI72")
        }, ownerMay: false, records: 1),
        Route(name: "DELETE an indicator", method: .delete, build: { _ in
            ("/api/v1/plans/ULS/indicators/NI98", nil, "/api/v1/plans/ULS/indicators/NI98")
        }, ownerMay: false, records: 1),
        Route(name: "PUT an owned objective", method: .put, build: { _ in
            ("/api/v1/plans/ULS/objectives/ULS%205", ["title": "To Improve Outcomes Post-16 (edited)"], "/api/v1/plans/ULS/objectives/ULS%205")
        }, ownerMay: true, records: 1),
        Route(name: "PUT another objective", method: .put, build: { _ in
            ("/api/v1/plans/ULS/objectives/ULS%203", ["title": "Primary (edited)"], "/api/v1/plans/ULS/objectives/ULS%203")
        }, ownerMay: false, records: 1),
        Route(name: "DELETE an objective with its 4 milestones", method: .delete, build: { _ in
            ("/api/v1/plans/ULS/objectives/ULS%204", nil, "/api/v1/plans/ULS/objectives/ULS%204")
        }, ownerMay: false, records: 5),
        Route(name: "PUT a milestone of an owned objective", method: .put, build: { plan in
            let id = plan.objective("ULS 5")!.milestoneYears[0].milestones[0].id!
            return ("/api/v1/plans/ULS/objectives/ULS%205/milestones/\(id)", ["text": "Pilot demand led commissioning by March 2010 (edited)"],
                    "/api/v1/plans/ULS/objectives/ULS%205/milestones/\(id)")
        }, ownerMay: true, records: 1),
        Route(name: "POST a milestone to an owned objective", method: .post, build: { _ in
            ("/api/v1/plans/ULS/objectives/ULS%205/milestones",
             ["id": NSNull(), "objective": "ULS 5", "year": "2010/11", "text": "A new milestone by March 2011", "due": "2011-03-31", "partII": false], nil)
        }, ownerMay: true, records: 1),
        Route(name: "DELETE a milestone of an owned objective", method: .delete, build: { plan in
            let id = plan.objective("ULS 5")!.milestoneYears[0].milestones[1].id!
            return ("/api/v1/plans/ULS/objectives/ULS%205/milestones/\(id)", nil, "/api/v1/plans/ULS/objectives/ULS%205/milestones/\(id)")
        }, ownerMay: true, records: 1),
        Route(name: "PUT a risk to an owned objective", method: .put, build: { plan in
            let id = plan.risks.first { $0.objectiveRef == "ULS 5" }!.id!
            return ("/api/v1/plans/ULS/risks/\(id)", ["description": "Lack of quality provision post-16 (edited)"], "/api/v1/plans/ULS/risks/\(id)")
        }, ownerMay: true, records: 1),
        Route(name: "POST a risk to an owned objective", method: .post, build: { plan in
            let id = plan.risks.first { $0.objectiveRef == "ULS 5" }!.id!
            return ("/api/v1/plans/ULS/risks", ["id": NSNull(), "description": "A new risk"], "/api/v1/plans/ULS/risks/\(id)")
        }, ownerMay: true, records: 1),
        Route(name: "DELETE a risk to another objective", method: .delete, build: { plan in
            let id = plan.risks.first { $0.objectiveRef == "ULS 2" }!.id!
            return ("/api/v1/plans/ULS/risks/\(id)", nil, "/api/v1/plans/ULS/risks/\(id)")
        }, ownerMay: false, records: 1),
        Route(name: "PUT an equality action", method: .put, build: { plan in
            let id = plan.equalityActions[0].id!
            return ("/api/v1/plans/ULS/equality-actions/\(id)", ["officers": "OD Universal & Learning Services"], "/api/v1/plans/ULS/equality-actions/\(id)")
        }, ownerMay: false, records: 1),
        Route(name: "POST an equality action", method: .post, build: { plan in
            let id = plan.equalityActions[0].id!
            return ("/api/v1/plans/ULS/equality-actions", ["id": NSNull(), "action": "A new action"], "/api/v1/plans/ULS/equality-actions/\(id)")
        }, ownerMay: false, records: 1),
        Route(name: "DELETE an equality action", method: .delete, build: { plan in
            let id = plan.equalityActions[2].id!
            return ("/api/v1/plans/ULS/equality-actions/\(id)", nil, "/api/v1/plans/ULS/equality-actions/\(id)")
        }, ownerMay: false, records: 1),
    ]

    static func expected(_ who: People.Who, _ route: Route) -> HTTPResponse.Status {
        switch who {
        case .publicVisitor: return .unauthorized
        case .member, .officer, .otherDirector: return .forbidden
        case .owner: return route.ownerMay ? success(route) : .forbidden
        case .director, .admin: return success(route)
        }
    }

    static func success(_ route: Route) -> HTTPResponse.Status {
        switch route.method {
        case .post: return .created
        case .delete: return .noContent
        default: return .ok
        }
    }

    @Test("each mutating API route answers each kind of person as their role allows, on every engine",
          arguments: People.Who.allCases, WebEngines.all)
    func matrix(who: People.Who, engine: String) async throws {
        try await withPeople(engine: engine) { people, client in
            for route in Self.routes {
                let plan = try await people.plan()
                let (path, changes, etagPath) = route.build(plan)
                // Start from the item as the API returns it (to an admin), apply the route's changes.
                var headers = people.headers(who, json: true)
                var body: ByteBuffer?
                if let etagPath {
                    try await client.execute(uri: etagPath, method: .get, headers: people.headers(.admin)) { response in
                        #expect(response.status == .ok, "\(route.name): GET \(etagPath)")
                        if route.method != .post { headers[.ifMatch] = response.headers[.eTag] }
                        if var document = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any],
                           let changes = changes as? [String: Any] {
                            for (key, value) in changes { document[key] = value }
                            body = Self.json(document)
                        }
                    }
                } else if let changes {
                    body = Self.json(changes)
                }
                let before = try await people.auditCount()
                try await client.execute(uri: path, method: route.method, headers: headers, body: body) { response in
                    #expect(response.status == Self.expected(who, route),
                            "\(who.rawValue) \(route.name): \(String(buffer: response.body).prefix(300))")
                }
                let added = try await people.auditCount() - before
                let succeeded = Self.expected(who, route).code < 300
                #expect(added == (succeeded ? route.records : 0), "\(who.rawValue) \(route.name): \(added) audit records")
            }
        }
    }
}
