import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanStore

extension Role: ExpressibleByArgument {}

extension ServicePlanCommand {
    /// `serviceplan users …`: accounts. There is no default or shared password anywhere: each
    /// account gets a random one, shown once, or one read from standard input.
    struct Users: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "users",
            abstract: "Manage user accounts.",
            subcommands: [Add.self, List.self, SetRole.self, Disable.self, Enable.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Create a user and print a one-time password (or read one with --password-stdin).")

            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email address.") var email: String
            @Option(help: "The user's full name.") var name: String
            @Option(help: "admin, officer, director or member.") var role: Role
            @Option(help: "Plan code of the user's department (directors edit every plan with this code).") var department: String?
            @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

            func run() async throws {
                let password: String
                if passwordStdin {
                    password = (readLine(strippingNewline: true) ?? "")
                } else {
                    password = Secret.password()
                }
                let user = try await database.withStores { stores in
                    let user = try await stores.accounts.addUser(email: email, name: name, role: role, department: department, password: password,
                                                                 oneTime: !passwordStdin)
                    try await logSecurity(stores.accounts, .accountAdded, subject: user.email,
                                          detail: "\(role.rawValue)\(department.map { " of \($0)" } ?? "")\(passwordStdin ? "" : ", one-time password")")
                    return user
                }
                if passwordStdin {
                    print("Created \(user.email) (\(user.role.rawValue)).")
                } else {
                    print("Created \(user.email) (\(user.role.rawValue)). One-time password, shown only now:")
                    print(password)
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List users: email, role, department, name, status.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: ListFormat.help) var format: ListFormat = .text

            func run() async throws {
                let users = try await database.withStores { try await $0.accounts.users() }
                if format == .json {
                    return ListFormat.printJSON(users.map {
                        ListJSON.User(email: $0.email, role: $0.role.rawValue, name: $0.name, status: $0.disabled ? "disabled" : "active",
                                      department: $0.department)
                    })
                }
                for user in users {
                    print([user.email, user.role.rawValue, user.department ?? "-", user.name, user.disabled ? "disabled" : "active"]
                        .joined(separator: "\t"))
                }
            }
        }

        struct SetRole: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change a user's role (and department).")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email address.") var email: String
            @Argument(help: "admin, officer, director or member.") var role: Role
            @Option(help: "Plan code of the user's department.") var department: String?

            func run() async throws {
                try await withAccounts(database) {
                    try await $0.setRole(email: email, role: role, department: department)
                    try await logSecurity($0, .roleChanged, subject: User.normalise(email: email),
                                          detail: "\(role.rawValue)\(department.map { " of \($0)" } ?? "")")
                }
                print("\(User.normalise(email: email)) is now \(role.rawValue).")
            }
        }

        struct Disable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "disable", abstract: "Disable a user: their sessions end and their API tokens stop working.")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email address.") var email: String

            func run() async throws {
                try await withAccounts(database) {
                    try await $0.disable(email: email)
                    try await logSecurity($0, .accountDisabled, subject: User.normalise(email: email), detail: "")
                }
                print("\(User.normalise(email: email)) is disabled.")
            }
        }

        struct Enable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "enable", abstract: "Re-enable a disabled user. Their old sessions, API tokens and calendar links stay ended.")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email address.") var email: String

            func run() async throws {
                try await withAccounts(database) {
                    try await $0.enable(email: email)
                    try await logSecurity($0, .accountEnabled, subject: User.normalise(email: email), detail: "")
                }
                print("\(User.normalise(email: email)) is enabled.")
            }
        }
    }

    /// `serviceplan tokens …`: bearer tokens for scripts.
    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tokens", abstract: "Manage API tokens.", subcommands: [Create.self, Revoke.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create", abstract: "Print a new bearer token for a user, alone on standard output. Only its hash is stored.")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email address.") var email: String

            func run() async throws {
                var token = ""
                try await withAccounts(database) {
                    token = try await $0.createToken(email: email)
                    try await logSecurity($0, .tokenCreated, subject: User.normalise(email: email), detail: "")
                }
                print(token)
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "revoke", abstract: "Revoke every token of a user (give the email), or one token (give --token-stdin).")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The user's email address.") var email: String?
            @Flag(help: "Read one token from standard input and revoke just that one.") var tokenStdin = false

            func validate() throws {
                if (email == nil) == !tokenStdin { throw ValidationError("Give an email, or --token-stdin, not both.") }
            }

            func run() async throws {
                var message = ""
                try await withAccounts(database) { accounts in
                    if let email {
                        let n = try await accounts.revokeTokens(email: email)
                        try await logSecurity(accounts, .tokensRevoked, subject: User.normalise(email: email), detail: "\(n) live")
                        message = "Revoked \(n) token\(n == 1 ? "" : "s") of \(User.normalise(email: email))."
                    } else {
                        let token = (readLine(strippingNewline: true) ?? "").trimmingSpaces
                        // Whose it was, found before it stops working; the token itself is never logged.
                        let owner = try await accounts.user(token: token)
                        let revoked = try await accounts.revokeToken(token)
                        try await logSecurity(accounts, .tokenRevoked, subject: owner?.email ?? "",
                                              detail: revoked ? "one token given on standard input" : "no live token matched")
                        message = revoked ? "Revoked." : "No live token matched."
                    }
                }
                print(message)
            }
        }
    }
}

/// Runs an account change with the database open; a broken rule is an error message.
func withAccounts(_ database: DatabaseOptions, _ body: (any AccountRepository) async throws -> Void) async throws {
    try await database.withStores { try await body($0.accounts) }
}

/// An account change made from the command line, in the security log: by the operating-system user, from no address.
func logSecurity(_ accounts: any AccountRepository, _ kind: SecurityEvent.Kind, subject: String, detail: String) async throws {
    try await accounts.logSecurity(kind, actor: Actor.commandLine(via: .cli).name, subject: subject, address: "command line", detail: detail)
}
