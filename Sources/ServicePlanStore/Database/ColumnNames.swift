import SQLKit

/// How row structs' property names become column names (`firstYear` → `first_year`).
///
/// SQLKit's own snake-case strategy converts every key of every row it decodes with Unicode
/// property lookups; a profile of the dashboard at national size (5,250 plans) spent more than a
/// third of its time there. Our column names are ASCII words in camel case without acronyms, so
/// the conversion is one pass over the bytes: an underscore before each capital, lowercased.
/// Anything else (a non-ASCII key) falls back to the same rule on characters.
enum ColumnNames {
    static let decoder = SQLRowDecoder(keyDecodingStrategy: .custom { path in ColumnKey(snakeCase(path.last?.stringValue ?? "")) })
    static let encoder = SQLQueryEncoder(keyEncodingStrategy: .custom { path in ColumnKey(snakeCase(path.last?.stringValue ?? "")) },
                                         nilEncodingStrategy: .asNil)

    static func snakeCase(_ key: String) -> String {
        var capitals = 0
        for byte in key.utf8 {
            guard byte < 128 else { return slowSnakeCase(key) }
            if isCapital(byte) { capitals += 1 }
        }
        guard capitals > 0 else { return key }
        return String(unsafeUninitializedCapacity: key.utf8.count + capitals) { out in
            var i = 0
            for byte in key.utf8 {
                if isCapital(byte) {
                    if i > 0 { out[i] = UInt8(ascii: "_"); i += 1 }
                    out[i] = byte + 32
                } else {
                    out[i] = byte
                }
                i += 1
            }
            return i
        }
    }

    private static func isCapital(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }

    private static func slowSnakeCase(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase, !out.isEmpty { out.append("_") }
            out += character.lowercased()
        }
        return out
    }
}

/// A column name as the coding key SQLKit's custom strategies return.
private struct ColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
