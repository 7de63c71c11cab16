import ArgumentParser
import Foundation
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

extension ServicePlanCommand {
    /// `serviceplan return-sheet CODE PERIOD [--officer EMAIL] --output FILE.xlsx`: the quarter's
    /// return sheet (docs/return-sheets.md), as the performance team sends it to officers.
    struct ReturnSheetCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return-sheet",
            abstract: "Write a quarter's return as an Excel workbook to fill in: an officer's lines with --officer, every line without.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The plan's code, e.g. ULS.") var code: String
        @Argument(help: "The quarter, e.g. 2010-11-Q3.") var period: String
        @Option(help: "The officer whose lines the sheet holds (their account's email). Every line when left out.") var officer: String?
        @Option(help: "The .xlsx file to write.") var output: String

        func validate() throws {
            guard Quarter(period) != nil else { throw ValidationError("\(period) is not a quarter: write 2010-11-Q3.") }
            guard output.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--output must name an .xlsx file: \(output)") }
        }

        func run() async throws {
            guard let quarter = Quarter(period) else { return }
            if database.location.isStored(at: output) {
                throw ValidationError("\(output): that is the database itself; write the sheet to another file")
            }
            let (code, officer) = (code, officer)
            let data = try await database.withStores { stores -> Data in
                guard let plan = try await stores.plans.plan(code: code) else { throw RuleViolation(value: code, rule: "is not a stored plan") }
                guard plan.period.contains(quarter.year) else {
                    throw RuleViolation(value: quarter.identifier, rule: "is not a quarter of \(code)'s period \(plan.period.label)")
                }
                var user: User?
                if let officer {
                    guard let found = try await stores.accounts.user(email: officer) else { throw RuleViolation(value: officer, rule: "has no account") }
                    user = found
                }
                let lines: [ReturnSheet.Line]
                do {
                    lines = try ReturnSheet.lines(plan: plan, quarter: quarter, returns: try await stores.returns.returns(plan: code), user: user).lines
                } catch let locked as ReturnLocked {
                    throw RuleViolation(value: quarter.label, rule: "is \(locked.status.rawValue) and locked: a sheet could change nothing")
                }
                guard !lines.isEmpty else { throw RuleViolation(value: officer, rule: "answers for no line of this return") }
                return try ReturnSheet.workbook(plan: plan, quarter: quarter, lines: lines)
            }
            // A return sheet holds unpublished lines and Part II titles: the owner's to share.
            try OutputFile.write(data, to: output, permissions: 0o600)
            print("Wrote \(output): the \(code) return for \(quarter.label)\(officer.map { ", the lines of \($0)" } ?? "").")
        }
    }
}
