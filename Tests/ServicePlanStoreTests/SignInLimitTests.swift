import Foundation
import ServicePlanDomain
import ServicePlanStore
import Testing

/// The sign-in limit is taken before the password is checked, atomically, on both engines.
@Suite struct SignInLimitTests {
    static let email = "guessed@halton.test", password = "correct horse battery staple"

    static func accounts(_ database: any Database) async throws -> SQLAccountRepository {
        let accounts = SQLAccountRepository(database: database, bcryptCost: 4)
        try await accounts.addUser(email: email, name: "Guessed", role: .officer, department: "ULS", password: password, oneTime: false)
        return accounts
    }

    static func attempts(_ accounts: SQLAccountRepository, _ passwords: [String], now: Date) async throws -> [SignInResult] {
        try await withThrowingTaskGroup(of: SignInResult.self) { group in
            for guess in passwords { group.addTask { try await accounts.signIn(email: email, password: guess, now: now) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("100 wrong passwords at once get 5 checks and 95 refusals unchecked; then even the right one, sent among 29 wrong, is refused",
          arguments: TestDatabase.engines)
    func parallelGuesses(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let accounts = try await Self.accounts(database)
            let now = Date()
            let first = try await Self.attempts(accounts, (0..<100).map { "wrong \($0)" }, now: now)
            #expect(first.filter { $0 == .refused }.count == SQLAccountRepository.failuresAllowed)
            #expect(first.filter { $0 == .throttled }.count == 100 - SQLAccountRepository.failuresAllowed)
            let second = try await Self.attempts(accounts, (0..<29).map { "wrong again \($0)" } + [Self.password], now: now.addingTimeInterval(1))
            #expect(!second.contains { if case .signedIn = $0 { return true } else { return false } })
            #expect(second.allSatisfy { $0 == .throttled })
            // A minute after the guesses, the right password works again.
            let later = try await accounts.signIn(email: Self.email, password: Self.password, now: now.addingTimeInterval(62))
            #expect(later != .throttled && later != .refused)
        }
    }

    @Test("successful sign-ins do not count towards the limit", arguments: TestDatabase.engines)
    func successesAreFree(engine: String) async throws {
        try await TestDatabase.with(engine) { database in
            let accounts = try await Self.accounts(database)
            let now = Date()
            for second in 0..<10 {
                let result = try await accounts.signIn(email: Self.email, password: Self.password, now: now.addingTimeInterval(Double(second)))
                #expect(result != .throttled && result != .refused)
            }
        }
    }
}
