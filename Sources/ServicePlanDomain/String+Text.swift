extension String {
    /// The text with its first letter upper-cased: messages that start a sentence.
    public var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
