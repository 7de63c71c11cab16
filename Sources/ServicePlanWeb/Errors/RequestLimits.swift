/// How large a request body each kind of route accepts, declared once. A larger body is refused
/// with 413 before it is read in full (`HTTPError(mapping:)`), signed in or not.
enum RequestLimits {
    /// An item or a return line as JSON: the largest plan item is a few kilobytes.
    static let json = 1 << 20
    /// A workflow step's body: at most a reason.
    static let workflow = 1 << 16
    /// An HTML form: the whole return form of a large plan.
    static let form = 1 << 20
}
