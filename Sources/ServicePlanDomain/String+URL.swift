extension String {
    /// Percent-encodes everything but unreserved characters, for one URL path segment.
    public var urlPathEncoded: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// An HTML id from free text: `ULS LI1` → `ULS-LI1`.
    public var anchor: String {
        String(map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
