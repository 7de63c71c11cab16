import Crypto
import Foundation
import ServicePlanDomain
import ServicePlanStore

/// One kind of plan item that the API and the forms create, read, change and delete — the
/// rules for finding it, who may touch it, and how a new version goes into the plan live here
/// once, so both doors behave the same.
struct ItemKind<Document: Codable & Sendable & Equatable>: Sendable {
    /// The audit trail's item type: `indicator`, `objective`, `milestone`, `risk`, `equalityAction`.
    let type: String
    /// A person's word for it, in messages: "indicator".
    let noun: String
    /// The item under `key` as a document, or nil when the plan has no such item.
    let find: @Sendable (ServicePlan, String) -> Document?
    /// The key of an item as stored (ref, or id), from its document.
    let key: @Sendable (Document) -> String?
    let canEdit: @Sendable (User?, ServicePlan, String) -> Bool
    let canCreate: @Sendable (User?, ServicePlan, Document) -> Bool
    let canDelete: @Sendable (User?, ServicePlan, String) -> Bool
    /// Puts `new` in place of the item under `key` (nil key: add it; nil document: delete it).
    /// Returns the key of the item afterwards (nil after a deletion).
    let apply: @Sendable (inout ServicePlan, String?, Document?) throws -> String?
    /// Fields only plan managers may change (the owner, Part II): true when `new` changes one.
    let changesRestrictedFields: @Sendable (Document?, Document) -> Bool
    /// The item's key in the audit trail (ids for milestones, risks and actions).
    let auditKey: @Sendable (String) -> String

    /// The kind for building its addresses (`SitePaths`); nil for the plan's own settings.
    var kindName: ItemKindName? { ItemKindName(rawValue: type) }
}

/// A weak validator of an item's current content: any change to the item changes it.
enum ETag {
    static func of<T: Encodable>(_ document: T) -> String {
        let json = PlanJSON.string(document)
        let digest = SHA256.hash(data: Data(json.utf8))
        return "\"" + digest.prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }
}

