import Foundation

/// The backup file, `serviceplan-backup/1`: JSON Lines, one engine's tables written so that the
/// other engine can load them.
///
/// ```
/// {"format":"serviceplan-backup/1","created":"…","engine":"sqlite","migrations":["001-service-plans",…]}
/// {"table":"plans","columns":[{"name":"code","kind":"text"},…],"lastId":null}
/// ["ULS","Universal & Learning Services Service Plan 2009–12",…]      one line per row
/// {"endTable":"plans","rows":1}
/// …every table…
/// {"end":{"tables":23,"rows":1234,"sha256":"…"}}
/// ```
///
/// Lines that start with `{` are headers, lines that start with `[` are rows. The last line holds
/// the SHA-256 of every byte before it, so a truncated or edited file is refused before anything
/// it holds is committed.
enum BackupFormat {
    static let name = "serviceplan-backup/1"

    struct Header: Codable {
        let format: String
        let created: String
        let engine: String
        /// The migrations the database had applied, in order: the schema the rows fit.
        let migrations: [String]
    }

    struct TableHeader: Codable {
        struct ColumnHeader: Codable {
            let name: String
            let kind: BackupValue.Kind
        }
        let table: String
        let columns: [ColumnHeader]
        /// The last id the table's identity handed out, for tables keyed by `id`.
        let lastId: Int64?
    }

    struct TableEnd: Codable {
        let endTable: String
        let rows: Int
    }

    struct End: Codable {
        struct Totals: Codable {
            let tables: Int
            let rows: Int
            let sha256: String
        }
        let end: Totals
    }
}

/// What a backup or restore did, for the command's output.
public struct BackupSummary: Sendable, Equatable {
    public let tables: Int
    public let rows: Int
    public let engine: String
    public let migrations: [String]
}
