import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// `/api/v1/plans/{code}/returns/{period}`: quarterly returns — entering actuals and milestone
/// statuses, and moving returns through draft → submitted → approved → published.
struct ReturnAPIController {
    let service: ReturnService

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("plans/:code/returns/:period") { _, context in
            let (plan, quarter) = try await service.target(context)
            return JSONResponse.make(try await service.document(plan: plan, quarter: quarter, user: context.user))
        }
        group.put("plans/:code/returns/:period") { request, context in
            let (plan, quarter) = try await service.target(context)
            let user = try service.requireUser(context)
            let body = try await ItemAPIController.body(NarrativeBody.self, request, context)
            try await service.change(plan: plan, quarter: quarter, user: user, via: .api) { r in
                if let text = body.keyDevelopments { r.keyDevelopments = text }
                if let text = body.emergingIssues { r.emergingIssues = text }
                if let text = body.unforeseenDevelopments { r.unforeseenDevelopments = text }
            }
            return JSONResponse.make(try await service.document(plan: plan, quarter: quarter, user: user))
        }
        group.put("plans/:code/returns/:period/indicators/:ref") { request, context in
            let (plan, quarter) = try await service.target(context)
            let ref = try context.pathValue("ref")
            let user = try service.requireUser(context)
            let body = try await ItemAPIController.body(IndicatorEntryBody.self, request, context)
            let line = try await service.enterIndicator(plan: plan, quarter: quarter, ref: ref, entry: body.entry(), user: user, via: .api)
            return JSONResponse.make(line)
        }
        // A first draft of the line's commentary, written from its figures; never stored (docs/status-rules.md).
        group.get("plans/:code/returns/:period/indicators/:ref/draft-commentary") { _, context in
            let (plan, quarter) = try await service.target(context)
            let ref = try context.pathValue("ref")
            return JSONResponse.make(DraftBody(text: try await service.draftCommentary(plan: plan, quarter: quarter, ref: ref, user: context.user)))
        }
        group.put("plans/:code/returns/:period/milestones/:id") { request, context in
            let (plan, quarter) = try await service.target(context)
            let id = try context.parameters.require("id", as: Int64.self)
            let user = try service.requireUser(context)
            let body = try await ItemAPIController.body(MilestoneEntryBody.self, request, context)
            let status = try body.status.map { text throws(PlanViolation) -> MilestoneStatus in
                do throws(RuleViolation) { return try MilestoneStatus(parsing: text) } catch { throw PlanViolation(FieldPath.root["status"], error) }
            }
            let line = try await service.enterMilestone(plan: plan, quarter: quarter, id: id,
                                                        entry: MilestoneEntry(status: status, commentary: body.commentary ?? ""),
                                                        user: user, via: .api)
            return JSONResponse.make(line)
        }
        for action in ReturnAction.allCases {
            group.post("plans/:code/returns/:period/\(action.rawValue)") { request, context in
                let (plan, quarter) = try await service.target(context)
                let user = try service.requireUser(context)
                var request = request
                let buffer = try await request.collectBody(upTo: RequestLimits.workflow)
                let reason: String?
                if let key = JSONKeys.firstDuplicate(in: Data(buffer: buffer)) {
                    throw HTTPError(.badRequest, message: "The body gives the field \(key) twice; give each field once.")
                }
                do {
                    reason = buffer.readableBytes == 0 ? nil : try JSONDecoder().decode(ReasonBody.self, from: Data(buffer: buffer)).reason
                } catch {
                    throw HTTPError(.badRequest, message: "The body is not a workflow step's JSON ({ \"reason\": \"…\" }): \(ItemAPIController.describe(error))")
                }
                try await service.take(action, plan: plan, quarter: quarter, reason: reason, user: user, via: .api)
                return JSONResponse.make(try await service.document(plan: plan, quarter: quarter, user: user))
            }
        }
    }

    struct DraftBody: Encodable {
        let text: String
    }

    struct NarrativeBody: Decodable {
        var keyDevelopments: String?
        var emergingIssues: String?
        var unforeseenDevelopments: String?
    }

    struct IndicatorEntryBody: Decodable {
        var actual: Double?
        var numerator: Double?
        var denominator: Double?
        var commentary: String?
        var override: String?
        var overrideReason: String?
        /// The commentary started from the draft (`…/draft-commentary`); recorded, never checked.
        var commentaryFromDraft: Bool?

        func entry() throws(PlanViolation) -> IndicatorEntry {
            let status = try override.map { text throws(PlanViolation) -> RAGStatus in
                do throws(RuleViolation) { return try RAGStatus(parsing: text) } catch { throw PlanViolation(FieldPath.root["override"], error) }
            }
            return IndicatorEntry(actual: actual, numerator: numerator, denominator: denominator, commentary: commentary ?? "",
                                  override: status, overrideReason: overrideReason, commentaryFromDraft: commentaryFromDraft ?? false)
        }
    }

    struct MilestoneEntryBody: Decodable {
        var status: String?
        var commentary: String?
    }

    struct ReasonBody: Decodable {
        var reason: String?
    }
}
