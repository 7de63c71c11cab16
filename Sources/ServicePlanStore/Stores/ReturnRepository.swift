import Foundation
import ServicePlanDomain

/// What the rest of the system may ask of stored quarterly returns. Implemented over SQL by
/// `SQLReturnRepository`.
public protocol ReturnRepository: Sendable {
    /// Every return of a plan, oldest quarter first.
    func returns(plan code: String) async throws -> [QuarterlyReturn]
    /// The codes of plans with a return in `status`, each once: the mail schedule's approvers'
    /// notices, without reading every plan.
    func planCodes(withReturnsIn status: ReturnStatus) async throws -> [String]
    /// One quarter's return, or nil when none has been started.
    func quarterlyReturn(plan code: String, quarter: Quarter) async throws -> QuarterlyReturn?
    /// Changes a return's content (created as a draft when there is none yet), checked, stored and
    /// audited in one transaction. Refused with `ReturnLocked` when approved or published.
    @discardableResult
    func change(plan code: String, quarter: Quarter, actor: Actor,
                _ body: @escaping @Sendable (inout QuarterlyReturn) throws -> Void) async throws -> QuarterlyReturn
    /// Moves a return through its workflow, recording who and when; `check` runs on the locked,
    /// current return before anything changes (the permission check).
    @discardableResult
    func take(_ action: ReturnAction, plan code: String, quarter: Quarter, actor: Actor, reason: String?, at when: Date,
              _ check: @escaping @Sendable (QuarterlyReturn) throws -> Void) async throws -> QuarterlyReturn
}

extension ReturnRepository {
    /// Takes a workflow action now, with no extra check.
    @discardableResult
    public func take(_ action: ReturnAction, plan code: String, quarter: Quarter, actor: Actor, reason: String? = nil,
                     at when: Date = Date()) async throws -> QuarterlyReturn {
        try await take(action, plan: code, quarter: quarter, actor: actor, reason: reason, at: when) { _ in }
    }
}
