import Foundation
import SQLKit

/// One stored value in a backup: a row is a JSON array of these, in the table's column order.
/// Only three kinds exist in the schema, so a backup names each column's kind once, in its table
/// header, and every row is read back against it.
enum BackupValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    enum Kind: String, Codable, Hashable, Sendable {
        case integer, real, text

        /// The kind of a column declared as `type` on either engine (SQLite's `pragma table_info`,
        /// PostgreSQL's `information_schema`).
        init?(declaredType: String) {
            let type = declaredType.uppercased()
            if type.contains("INT") {
                self = .integer
            } else if type.contains("DOUBLE") || type.contains("REAL") || type.contains("FLOAT") {
                self = .real
            } else if type.contains("TEXT") || type.contains("CHAR") {
                self = .text
            } else {
                return nil
            }
        }
    }

    /// Reads column `name` of `row` as a value of `kind`.
    init(row: any SQLRow, column name: String, kind: Kind) throws {
        if try row.decodeNil(column: name) {
            self = .null
            return
        }
        switch kind {
        case .integer: self = .integer(try row.decode(column: name, as: Int64.self))
        case .real: self = .real(try row.decode(column: name, as: Double.self))
        case .text: self = .text(try row.decode(column: name, as: String.self))
        }
    }

    /// The value to bind when inserting it.
    var expression: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .integer(let value): SQLBind(value)
        case .real(let value): SQLBind(value)
        case .text(let value): SQLBind(value)
        }
    }

    /// Appends the value as JSON. A real that is not finite cannot be written (the schema's rules
    /// keep them out; a database edited behind the application's back could still hold one).
    func appendJSON(to out: inout String) throws {
        switch self {
        case .null: out += "null"
        case .integer(let value): out += String(value)
        case .real(let value):
            guard value.isFinite else { throw BackupError(message: "a stored number is not finite (\(value))") }
            // Swift's description is the shortest text that reads back as the same Double.
            out += "\(value)"
        case .text(let value): Self.appendJSONString(value, to: &out)
        }
    }

    static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A row read back from its JSON array against its table's columns, which the decoder's
    /// `userInfo[BackupValue.columnsKey]` carries: a whole number for an integer column, any
    /// finite number for a real one, a string for text, or null.
    struct Row: Decodable {
        let values: [BackupValue]

        init(from decoder: any Decoder) throws {
            guard let columns = decoder.userInfo[BackupValue.columnsKey] as? [DatabaseCatalog.Column] else {
                throw BackupError(message: "no columns to read a row against")
            }
            var container = try decoder.unkeyedContainer()
            if let count = container.count, count != columns.count {
                throw BackupError(message: "the row has \(count) values where the table has \(columns.count) columns")
            }
            var values: [BackupValue] = []
            values.reserveCapacity(columns.count)
            for column in columns {
                do {
                    if try container.decodeNil() {
                        values.append(.null)
                        continue
                    }
                    switch column.kind {
                    case .integer: values.append(.integer(try container.decode(Int64.self)))
                    case .real: values.append(.real(try container.decode(Double.self)))
                    case .text:
                        let text = try container.decode(String.self)
                        // SQLite would keep it and hand back the text cut at the NUL; PostgreSQL refuses it.
                        guard !text.unicodeScalars.contains("\u{0}") else {
                            throw BackupError(message: "column \(column.name): contains a NUL character")
                        }
                        values.append(.text(text))
                    }
                } catch is DecodingError {
                    throw BackupError(message: "column \(column.name): expected \(column.kind == .text ? "text" : column.kind == .integer ? "a whole number" : "a number") or null")
                }
            }
            self.values = values
        }
    }

    static let columnsKey = CodingUserInfoKey(rawValue: "serviceplan.backup.columns")!
}

/// A backup could not be written or read; the message says where.
public struct BackupError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
