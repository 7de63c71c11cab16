import SQLKit

/// Sign-in attempts are counted before the password is checked: each attempt is written first
/// with a random id, and removed again when it succeeds, so parallel guesses cannot slip past
/// the limit while bcrypt runs.
enum Schema006 {
    static func apply(_ db: any SQLDatabase) async throws {
        try await db.alter(table: "sign_in_failures").column("attempt", type: .text).run()
    }
}
