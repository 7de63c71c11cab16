extension String {
    /// The text with its first letter upper-cased: messages that start a sentence.
    public var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension String {
    /// Nothing a reader would see: only spaces of any kind (no-break, ideographic), line breaks
    /// and invisible format characters (zero-width space, byte-order mark). A required field or a
    /// list entry must hold more than this.
    public var isBlank: Bool {
        unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.generalCategory == .format }
    }
}
