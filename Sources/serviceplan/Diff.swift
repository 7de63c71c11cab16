import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan diff CODE [--from V] [--to V]` and `serviceplan diff A.yaml B.yaml`: what
    /// changed, one line per change in words (docs/plan-versions.md). Exits 0 whether or not
    /// anything changed, like `git diff`; 1 only when a version, plan or file cannot be read.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "What changed between two versions of a stored plan (diff ULS --from 1 --to 3), or between two plan files (diff A.yaml B.yaml): one line per change, in words.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("A stored plan's code, or two plan files.", valueName: "code | file file"))
        var targets: [String]
        @Option(help: "The version to compare from: 0 is before the plan existed. By default the version before --to.")
        var from: Int?
        @Option(help: "The version to compare to. By default the latest.")
        var to: Int?
        @Flag(help: "List the plan's versions (number, when, who, how, how many items changed) instead.")
        var versions = false
        @Option(help: ListFormat.help) var format: ListFormat = .text

        func validate() throws {
            guard (1...2).contains(targets.count) else {
                throw ValidationError("Give a plan's code (diff ULS) or two plan files (diff A.yaml B.yaml).")
            }
            if targets.count == 2, from != nil || to != nil || versions {
                throw ValidationError("--from, --to and --versions compare a stored plan's versions, not two files.")
            }
        }

        func run() async throws {
            if targets.count == 2 {
                let plans = try targets.map { path in try readPlanFile(path) }
                emit(PlanComparison.lines(PlanComparison.changes(from: plans[0], to: plans[1])),
                     ListJSON.Changes(plan: nil, from: nil, to: nil, fromFile: targets[0], toFile: targets[1], changes: []))
                return
            }
            let code = targets[0]
            let records = try await database.withStores { stores -> [AuditRecord]? in
                guard try await stores.plans.plan(code: code) != nil else { return nil }
                return try await stores.plans.history(code: code)
            }
            guard let records else {
                throw ServicePlanCommand.noPlan(code)
            }
            let all = PlanVersion.versions(records)
            if versions {
                if format == .json {
                    return ListFormat.printJSON(all.map {
                        ListJSON.Version(number: $0.number, at: $0.at, actor: $0.actor, via: $0.via, itemsChanged: $0.changes.count)
                    })
                }
                for v in all { print("\(v.number)\t\(v.at)\t\(v.actor)\t\(v.via)\t\(v.changes.count) item\(v.changes.count == 1 ? "" : "s") changed") }
                return
            }
            let to = self.to ?? all.count
            let from = self.from ?? max(0, to - 1)
            for (flag, version) in [("--to", to), ("--from", from)] where !(0...all.count).contains(version) {
                printError("error: \(flag) \(version): \(code) has versions 0 to \(all.count) (0 is before it existed). `serviceplan diff \(code) --versions` lists them.")
                throw ExitCode.failure
            }
            guard from <= to else {
                printError("error: --from \(from) is after --to \(to): give the earlier version as --from.")
                throw ExitCode.failure
            }
            emit(PlanComparison.lines(PlanVersion.changes(all, from: from, to: to)),
                 ListJSON.Changes(plan: code, from: from, to: to, fromFile: nil, toFile: nil, changes: []))
        }

        /// The changes in words: a line each, or with `--format json` one document naming what was compared.
        private func emit(_ lines: [String], _ compared: ListJSON.Changes) {
            guard format == .json else {
                for line in lines { print(line) }
                return
            }
            ListFormat.printJSON(ListJSON.Changes(plan: compared.plan, from: compared.from, to: compared.to,
                                                  fromFile: compared.fromFile, toFile: compared.toFile, changes: lines))
        }

        private func readPlanFile(_ path: String) throws -> ServicePlan {
            do {
                return try PlanFileReader.readFile(at: path)
            } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
        }
    }
}
