/// The errors the web layer's services throw; `HTTPError(mapping:)` turns each into its answer.

/// A change was asked for by someone not signed in.
struct NotSignedIn: Error {
    /// What signing in would let them do, for the message: "to change plans".
    var purpose = "to change plans"
}

/// A change to an existing item came without `If-Match`.
struct PreconditionMissing: Error {
    let noun: String
}

/// Someone else changed the item after the editor loaded it.
struct StaleEdit: Error {
    /// Who changed it and when, once known: "This indicator was changed by … at …".
    var message = "This item was changed by someone else since you loaded it. Reload it and make your change again."
}

/// The item named by the route does not exist (or the requester may not know it exists).
struct ItemNotFound: Error {
    let noun: String
    let key: String
}

/// The requester may not make this change.
struct NotPermitted: Error {
    let message: String
}
