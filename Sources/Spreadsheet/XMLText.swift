/// Text transformations needed at the boundary between Swift strings and OOXML text.
enum XMLText {
    /// XML 1.0 cannot carry most C0 controls (not even as character references) nor U+FFFE/U+FFFF,
    /// so they are replaced by U+FFFD rather than producing a file no parser will open.
    static func sanitized(_ string: String) -> String {
        guard string.unicodeScalars.contains(where: { !isLegal($0) }) else { return string }
        var scalars = String.UnicodeScalarView()
        for scalar in string.unicodeScalars {
            scalars.append(isLegal(scalar) ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }

    static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// OOXML spreadsheet text uses "_xHHHH_" as an escape for characters XML cannot hold,
    /// and Excel/LibreOffice decode it on load. A literal "_x0041_" typed by a user must
    /// therefore have its underscore escaped as "_x005F_" or it would come back as "A".
    static func escapingOOXML(_ string: String) -> String {
        guard string.contains("_x") else { return string }
        let scalars = Array(string.unicodeScalars)
        var result = String.UnicodeScalarView()
        for index in scalars.indices {
            if isEscapeSequence(scalars, at: index) {
                result.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                result.append(scalars[index])
            }
        }
        return String(result)
    }

    /// Reverses "_xHHHH_" escapes written by Excel and LibreOffice.
    static func unescapingOOXML(_ string: String) -> String {
        guard string.contains("_x") else { return string }
        let scalars = Array(string.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if isEscapeSequence(scalars, at: index),
               let code = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                result.append(scalar)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// True when the scalars at `index` are "_x" + 4 ASCII hex digits + "_".
    private static func isEscapeSequence(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 7 <= scalars.count, scalars[index] == "_", scalars[index + 1] == "x",
              scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)..<(index + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
