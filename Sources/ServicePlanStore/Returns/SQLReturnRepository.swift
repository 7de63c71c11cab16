import Foundation
import ServicePlanDomain
import SQLKit

/// Quarterly returns in SQL, on either engine. Every change is checked, stored and audited in
/// one transaction; a locked (approved or published) return refuses edits.
public struct SQLReturnRepository: ReturnRepository {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    static let encoder = ColumnNames.encoder
    static let decoder = ColumnNames.decoder

    /// Every return of a plan, oldest quarter first.
    public func returns(plan code: String) async throws -> [QuarterlyReturn] {
        try await database.read { db in try await Self.load(code, quarter: nil, db) }
    }

    public func planCodes(withReturnsIn status: ReturnStatus) async throws -> [String] {
        try await database.read { db in
            try await db.select().distinct().column("plan_code").from("quarterly_returns").where("status", .equal, status.rawValue)
                .orderBy("plan_code").all().map { try $0.decode(column: "plan_code", as: String.self) }
        }
    }

    public func quarterlyReturn(plan code: String, quarter: Quarter) async throws -> QuarterlyReturn? {
        try await database.read { db in try await Self.load(code, quarter: quarter, db).first }
    }

    /// Changes a return's content (created as a draft when there is none yet). Refused with
    /// `ReturnLocked` when the return is approved or published.
    @discardableResult
    public func change(plan code: String, quarter: Quarter, actor: Actor,
                       _ body: @escaping @Sendable (inout QuarterlyReturn) throws -> Void) async throws -> QuarterlyReturn {
        try await database.changingContent { db in
            try await SQLPlanRepository.lock(code, in: db)
            let old = try await Self.load(code, quarter: quarter, db).first
            if let old, old.status.isLocked { throw ReturnLocked(status: old.status) }
            var updated = old ?? QuarterlyReturn(planCode: code, quarter: quarter)
            try body(&updated)
            let problems = updated.textViolations()
            guard problems.isEmpty else { throw PlanRuleViolations(violations: problems) }
            updated.status = old?.status ?? .draft
            try await Self.write(updated, replacing: old, actor: actor, db)
            return updated
        }
    }

    /// Moves a return through its workflow, recording who and when.
    @discardableResult
    public func take(_ action: ReturnAction, plan code: String, quarter: Quarter, actor: Actor, reason: String?,
                     at when: Date,
                     _ check: @escaping @Sendable (QuarterlyReturn) throws -> Void) async throws -> QuarterlyReturn {
        try await database.changingContent { db in
            try await SQLPlanRepository.lock(code, in: db)
            guard let old = try await Self.load(code, quarter: quarter, db).first else { throw ReturnNotFound(quarter: quarter) }
            let (from, to) = action.transition
            guard from.contains(old.status) else { throw WrongReturnStatus(action: action, status: old.status) }
            try check(old)
            var updated = old
            updated.status = to
            let now = Timestamp.string(when)
            switch action {
            case .submit: (updated.submittedBy, updated.submittedAt) = (actor.name, now)
            case .approve: (updated.approvedBy, updated.approvedAt) = (actor.name, now)
            case .publish: (updated.publishedBy, updated.publishedAt) = (actor.name, now)
            case .reopen:
                guard let reason, !reason.trimmingSpaces.isEmpty else {
                    throw RuleViolation(value: nil, rule: "a reason is required to reopen a return")
                }
                if let problem = TextRules.violation(reason, .text, required: true) {
                    throw PlanRuleViolations(violations: [PlanViolation(FieldPath.root["reason"], problem)])
                }
                updated.reopenReason = reason.trimmingSpaces
                (updated.approvedBy, updated.approvedAt, updated.publishedBy, updated.publishedAt) = (nil, nil, nil, nil)
            }
            try await Self.write(updated, replacing: old, actor: actor, db)
            return updated
        }
    }

    // MARK: Storage

    private static func write(_ r: QuarterlyReturn, replacing old: QuarterlyReturn?, actor: Actor, _ db: any SQLDatabase) async throws {
        let period = r.quarter.identifier
        try await db.delete(from: "quarterly_returns").where("plan_code", .equal, r.planCode).where("period", .equal, period).run()
        try await insert([ReturnRows.Return(
            planCode: r.planCode, period: period, status: r.status.rawValue, keyDevelopments: r.keyDevelopments,
            emergingIssues: r.emergingIssues, unforeseenDevelopments: r.unforeseenDevelopments,
            submittedBy: r.submittedBy, submittedAt: r.submittedAt, approvedBy: r.approvedBy, approvedAt: r.approvedAt,
            publishedBy: r.publishedBy, publishedAt: r.publishedAt, reopenReason: r.reopenReason, example: r.isExample ? 1 : 0)],
            into: "quarterly_returns", db)
        try await insert(r.indicators.sorted { $0.key < $1.key }.map { ref, e in
            ReturnRows.IndicatorLine(planCode: r.planCode, period: period, indicatorRef: ref, actual: e.actual, numerator: e.numerator,
                                     denominator: e.denominator, commentary: e.commentary, overrideStatus: e.override?.rawValue,
                                     overrideReason: e.overrideReason, commentaryFromDraft: e.commentaryFromDraft ? 1 : 0)
        }, into: "return_indicators", db)
        try await insert(r.milestones.sorted { $0.key < $1.key }.map { id, e in
            ReturnRows.MilestoneLine(planCode: r.planCode, period: period, milestoneId: id, status: e.status?.rawValue, commentary: e.commentary)
        }, into: "return_milestones", db)
        try await insert(r.riskProgress.sorted { $0.key < $1.key }.map {
            ReturnRows.Progress(planCode: r.planCode, period: period, kind: "risk", itemId: $0.key, progress: $0.value)
        } + r.equalityProgress.sorted { $0.key < $1.key }.map {
            ReturnRows.Progress(planCode: r.planCode, period: period, kind: "equalityAction", itemId: $0.key, progress: $0.value)
        }, into: "return_progress", db)
        try await AuditLog.append(QuarterlyReturn.changes(from: old, to: r), plan: r.planCode, actor: actor, at: Date(), in: db)
    }

    private static func insert<Row: Encodable>(_ rows: [Row], into table: String, _ db: any SQLDatabase) async throws {
        try await db.insertBatches(rows, into: table, encoder: encoder)
    }

    static func load(_ code: String, quarter: Quarter?, _ db: any SQLDatabase) async throws -> [QuarterlyReturn] {
        func query(_ table: String) -> SQLSelectBuilder {
            var q = db.select().column("*").from(table).where("plan_code", .equal, code)
            if let quarter { q = q.where("period", .equal, quarter.identifier) }
            return q
        }
        let rows = try await query("quarterly_returns").all(decoding: ReturnRows.Return.self, with: decoder)
        guard !rows.isEmpty else { return [] }
        let indicators = Dictionary(grouping: try await query("return_indicators").all(decoding: ReturnRows.IndicatorLine.self, with: decoder), by: \.period)
        let milestones = Dictionary(grouping: try await query("return_milestones").all(decoding: ReturnRows.MilestoneLine.self, with: decoder), by: \.period)
        let progress = Dictionary(grouping: try await query("return_progress").all(decoding: ReturnRows.Progress.self, with: decoder), by: \.period)
        return try rows.map { row in
            guard let q = Quarter(row.period) else { throw CorruptRow(message: "stored period \(row.period) is not a quarter") }
            var r = QuarterlyReturn(planCode: row.planCode, quarter: q, status: try StoredValue.choice(row.status),
                                    keyDevelopments: row.keyDevelopments, emergingIssues: row.emergingIssues,
                                    unforeseenDevelopments: row.unforeseenDevelopments, isExample: row.example != 0)
            (r.submittedBy, r.submittedAt, r.approvedBy, r.approvedAt) = (row.submittedBy, row.submittedAt, row.approvedBy, row.approvedAt)
            (r.publishedBy, r.publishedAt, r.reopenReason) = (row.publishedBy, row.publishedAt, row.reopenReason)
            for line in indicators[row.period] ?? [] {
                r.indicators[line.indicatorRef] = IndicatorEntry(
                    actual: line.actual, numerator: line.numerator, denominator: line.denominator, commentary: line.commentary,
                    override: try line.overrideStatus.map { try StoredValue.choice($0) }, overrideReason: line.overrideReason,
                    commentaryFromDraft: line.commentaryFromDraft != 0)
            }
            for line in milestones[row.period] ?? [] {
                r.milestones[line.milestoneId] = MilestoneEntry(status: try line.status.map { try StoredValue.choice($0) }, commentary: line.commentary)
            }
            for line in progress[row.period] ?? [] {
                if line.kind == "risk" { r.riskProgress[line.itemId] = line.progress } else { r.equalityProgress[line.itemId] = line.progress }
            }
            return r
        }.sorted { $0.quarter < $1.quarter }
    }
}

/// Approved and published returns refuse edits until an admin reopens them.
public struct ReturnLocked: Error, CustomStringConvertible {
    public let status: ReturnStatus
    public init(status: ReturnStatus) { self.status = status }
    public var description: String { "The return is \(status.rawValue) and locked: an admin must reopen it, with a reason, before it can change." }
}

public struct ReturnNotFound: Error, CustomStringConvertible {
    public let quarter: Quarter
    public var description: String { "There is no return for \(quarter.label) yet: save some figures first." }
}

public struct WrongReturnStatus: Error, CustomStringConvertible {
    public let action: ReturnAction
    public let status: ReturnStatus
    public var description: String {
        let done: String
        switch action {
        case .submit: done = "submitted"
        case .approve: done = "approved"
        case .publish: done = "published"
        case .reopen: done = "reopened"
        }
        return "A \(status.rawValue) return cannot be \(done)."
    }
}
