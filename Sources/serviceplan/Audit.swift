import ArgumentParser
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan audit PLAN`: the plan's audit trail, newest first; `audit verify [PLAN]`: its hash chain.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "A plan's audit trail (`audit ULS`), the security log (`audit --security`), and whether a hash chain verifies (`audit verify`).",
            subcommands: [List.self, Verify.self], defaultSubcommand: List.self)

        /// `serviceplan audit [list] PLAN`: when, who, how, what item, and each field's old and new value.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "Print a plan's audit trail, newest first: when, who, how, what item, and each field's old and new value.")

            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The plan's code, e.g. ULS.") var plan: String?
            @Option(help: "Show at most this many records.") var limit: Int?
            @Flag(help: "Print the security log instead: sign-ins, failed sign-ins, sign-outs, account changes, tokens and calendar links, newest first.")
            var security = false
            @Option(help: ListFormat.help) var format: ListFormat = .text

            func validate() throws {
                guard (plan == nil) == security else { throw ValidationError("Give a plan's code, or --security, not both.") }
                if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more.") }
            }

            func run() async throws {
                do { try await list() } catch let missing as PlanNotFound {
                    throw ServicePlanCommand.noPlan(missing.code)
                }
            }

            private func list() async throws {
                if security {
                    let events = try await database.withStores { try await $0.accounts.securityLog(limit: limit ?? .max, before: nil) }
                    if format == .json {
                        return ListFormat.printJSON(events.map {
                            ListJSON.SecurityEvent(at: $0.at, kind: $0.kind.rawValue, actor: $0.actor, subject: $0.subject, address: $0.address, detail: $0.detail)
                        })
                    }
                    for e in events {
                        print([e.at, e.kind.rawValue, e.actor, e.subject.isEmpty ? "-" : e.subject, e.address, e.detail].joined(separator: "\t"))
                    }
                    return
                }
                guard let plan else { return }
                let records = try await database.withStores { stores in
                    // A code that names no plan is an error, as for `export`, not an empty trail.
                    guard try await stores.plans.plan(code: plan) != nil else { throw PlanNotFound(code: plan) }
                    return try await stores.plans.history(code: plan)
                }
                if format == .json {
                    return ListFormat.printJSON(records.prefix(limit ?? .max).map { r in
                        ListJSON.Record(id: r.id, at: r.at, actor: r.actor, via: r.via, action: r.action, itemType: r.itemType, itemKey: r.itemKey,
                                        changes: r.changes.map { ListJSON.Change(field: $0.field, old: $0.old, new: $0.new) })
                    })
                }
                // One record, one line per change: stored text is shown with its line breaks, tabs and
                // direction controls escaped, so no value can forge a line of the trail.
                let v = ListFormat.visible
                for record in records.prefix(limit ?? .max) {
                    print("\(record.at)\t\(v(record.actor))\t\(record.via)\t\(record.action) \(record.itemType) \(v(record.itemKey))")
                    for change in record.changes {
                        print("\t\(v(change.field)): \(change.old.map { "\"\(v($0))\"" } ?? "—") → \(change.new.map { "\"\(v($0))\"" } ?? "—")")
                    }
                }
            }
        }

        /// `serviceplan audit verify [PLAN]`: exit 1 naming the first record that breaks a chain.
        struct Verify: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify",
                abstract: "Check that no audit record was changed, removed, inserted or reordered outside serviceplan. Prints each plan's head hash; exits 1 naming the first bad record.")

            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The plan's code; every plan when left out.") var plan: String?

            func run() async throws {
                let reports: [AuditChain.Report]
                do {
                    reports = try await database.withStores { try await $0.audit.verify(plan: plan) }
                } catch let missing as PlanNotFound {
                    throw ServicePlanCommand.noPlan(missing.code)
                }
                for report in reports { print(report) }
                if let bad = reports.first(where: { !$0.verifies }) {
                    printError("error: the audit trail of \(bad.plan) does not verify: \(bad.firstBad.map(\.description) ?? "")")
                    throw ExitCode.failure
                }
            }
        }
    }
}
