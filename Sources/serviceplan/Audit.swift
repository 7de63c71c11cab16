import ArgumentParser
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan audit PLAN`: the plan's audit trail, newest first.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Print a plan's audit trail, newest first: when, who, how, what item, and each field's old and new value.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The plan's code, e.g. ULS.") var plan: String
        @Option(help: "Show at most this many records.") var limit: Int?

        func run() async throws {
            let records = try await database.withStores { try await $0.plans.history(code: plan) }
            for record in records.prefix(limit ?? .max) {
                print("\(record.at)\t\(record.actor)\t\(record.via)\t\(record.action) \(record.itemType) \(record.itemKey)")
                for change in record.changes {
                    print("\t\(change.field): \(change.old.map { "\"\($0)\"" } ?? "—") → \(change.new.map { "\"\($0)\"" } ?? "—")")
                }
            }
        }
    }
}
