import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// Reads and changes single plan items for the API and the forms alike: finding the item,
/// checking the role, refusing stale edits, and storing the change (rules checked, audit
/// written) in one transaction.
struct ItemService: Sendable {
    let plans: any PlanRepository
    /// The council's time zone, in which "changed at 14:02 on 3 May" is told.
    let timeZone: String

    /// The item as the requester may see it, with its ETag; 404 when absent or hidden.
    func read<D>(_ kind: ItemKind<D>, code: String, key: String, user: User?) async throws -> (document: D, etag: String) {
        guard let plan = try await plans.plan(code: code)?.visible(to: user) else { throw PlanNotFound(code: code) }
        guard let document = kind.find(plan, key) else { throw ItemNotFound(noun: kind.noun, key: kind.auditKey(key)) }
        return (document, ETag.of(document))
    }

    /// Creates (`key` nil), replaces, or deletes (`new` nil) an item. `ifMatch` is the ETag the
    /// editor started from; a change since then is refused as stale. Returns the item as stored.
    func change<D>(_ kind: ItemKind<D>, code: String, key: String?, new: D?, ifMatch: String?,
                   user: User?, via: Actor.Channel) async throws -> (key: String, document: D)? {
        guard let user else { throw NotSignedIn() }
        guard let stored = try await plans.plan(code: code) else { throw PlanNotFound(code: code) }
        var current: D?
        if let key {
            guard let found = kind.find(stored.visible(to: user), key) else {
                throw ItemNotFound(noun: kind.noun, key: kind.auditKey(key))
            }
            current = found
            let allowed = new == nil ? kind.canDelete(user, stored, key) : kind.canEdit(user, stored, key)
            guard allowed else {
                throw NotPermitted(message: "You may not \(new == nil ? "delete" : "change") this \(kind.noun).")
            }
            guard let ifMatch else { throw PreconditionMissing(noun: kind.noun) }
            guard ifMatch == ETag.of(found) else { throw StaleEdit(message: await staleMessage(kind, code: code, key: key)) }
        } else if let new, let objective = (new as? MilestoneItemDocument)?.objective ?? (new as? PlanDocument.RiskDocument)?.objective,
                  stored.visible(to: user).objective(objective) == nil {
            throw PlanViolation(FieldPath.root["objective"], RuleViolation(value: objective, rule: "is not an objective of this plan"))
        } else if let new, !kind.canCreate(user, stored, new) {
            throw NotPermitted(message: "You may not add this \(kind.noun).")
        }
        if let new, kind.changesRestrictedFields(current, new), !Permissions.canManagePlan(user, stored) {
            throw NotPermitted(message: "Only the performance team or the department's director may change an item's owner, its Part II flag or its objective.")
        }
        let update: PlanUpdate<String?>
        do {
            // An indicator sent back under a new ref is renamed: its return lines and history follow it.
            var renames: [String: String] = [:]
            if kind.type == "indicator", let key, let new, let newKey = kind.key(new), newKey != key { renames[key] = newKey }
            update = try await plans.update(code: code, actor: Actor(user: user, via: via), renamingIndicators: renames) { plan -> String? in
                // Checked again inside the transaction: another edit may have landed since.
                if let key {
                    guard let found = kind.find(plan, key), ifMatch == ETag.of(found) else { throw StaleEdit() }
                }
                return try kind.apply(&plan, key, new)
            }
        } catch is StaleEdit {
            throw StaleEdit(message: await staleMessage(kind, code: code, key: key ?? ""))
        }
        guard new != nil else { return nil }
        var resultKey = update.result
        // A new milestone, risk or action gets its id from storage: the audit's create record names it.
        if resultKey == nil, let created = update.changes.first(where: { $0.itemType == kind.type && $0.action == .create }) {
            resultKey = (new as? MilestoneItemDocument).map { ItemKinds.milestoneKey(objective: $0.objective, id: created.key) } ?? created.key
        }
        guard let resultKey, let document = kind.find(update.plan, resultKey) else {
            throw HTTPError(.internalServerError, message: "The \(kind.noun) was saved but could not be read back.")
        }
        return (resultKey, document)
    }

    /// For a new milestone posted to `…/objectives/{ref}/milestones`: the objective in the path
    /// must exist (404) and be the one the body names (422).
    func checkCollection<D>(_ kind: ItemKind<D>, code: String, context: AppRequestContext, new: D) async throws {
        guard let milestone = new as? MilestoneItemDocument else { return }
        let ref = try context.pathValue("ref")
        guard let plan = try await plans.plan(code: code)?.visible(to: context.user) else { throw PlanNotFound(code: code) }
        guard plan.objective(ref) != nil else { throw ItemNotFound(noun: "objective", key: ref) }
        guard milestone.objective == ref else {
            throw PlanViolation(FieldPath.root["objective"], RuleViolation(value: milestone.objective,
                                                                           rule: "is not the objective this milestone is posted to (\(ref))"))
        }
    }

    /// Creates (`key` nil) or replaces an item; returns it as stored.
    func save<D>(_ kind: ItemKind<D>, code: String, key: String?, new: D, ifMatch: String?,
                 user: User?, via: Actor.Channel) async throws -> (key: String, document: D) {
        guard let saved = try await change(kind, code: code, key: key, new: new, ifMatch: ifMatch, user: user, via: via) else {
            throw HTTPError(.internalServerError, message: "The \(kind.noun) was saved but could not be read back.")
        }
        return saved
    }

    /// Who last changed an item, and when: for the message that refuses a stale edit.
    func staleMessage<D>(_ kind: ItemKind<D>, code: String, key: String) async -> String {
        let record = try? await plans.lastChange(code: code, itemType: kind.type, key: kind.auditKey(key))
        guard let record else { return "This \(kind.noun) was changed by someone else since you loaded it. Reload it and make your change again." }
        let when = Timestamp.date(record.at).map { ItemService.describe($0, timeZone: timeZone) } ?? record.at
        return "This \(kind.noun) was changed by \(record.actor) at \(when) since you loaded it. Reload it to see their change, then make yours again."
    }

    static func describe(_ date: Date, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: timeZone)
        formatter.dateFormat = "HH:mm 'on' d MMMM yyyy"
        return formatter.string(from: date)
    }
}
