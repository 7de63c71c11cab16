import Foundation
/// A submitted `application/x-www-form-urlencoded` body: repeated names keep every value.
struct FormData: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ body: String) {
        for part in body.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(kv[0]), value = kv.count > 1 ? Self.decode(kv[1]) : ""
            pairs.append((name, Self.lineEnds(value)))
        }
    }

    /// The first value for `name`, or nil when the field was not sent.
    func value(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func values(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// A browser sends every line break of a textarea as CR LF (HTML's form submission rules);
    /// stored text uses LF, so saving text unchanged changes nothing (and records no change).
    static func lineEnds(_ text: String) -> String {
        guard text.unicodeScalars.contains("\r") else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// `+` is a space; `%XX` a byte; invalid escapes are kept as written.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    utf8 = utf8.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
