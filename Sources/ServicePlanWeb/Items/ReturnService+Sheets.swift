import Foundation
import Hummingbird
import Metrics
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// Return sheets (docs/return-sheets.md): the workbook of the lines a person answers for, and a
/// filled one checked, previewed and then stored as one audited change — through the same
/// permission and unit rules as the form and the API.
extension ReturnService {
    /// The lines `user` reports on in the quarter, with what the return holds now. Refused once
    /// the return is approved or published: a sheet could change nothing.
    func sheetLines(plan: ServicePlan, quarter: Quarter, user: User?) async throws -> (lines: [ReturnSheet.Line], current: QuarterlyReturn?) {
        try ReturnSheet.lines(plan: plan, quarter: quarter, returns: try await returns.returns(plan: plan.code), user: user)
    }

    /// One line of an upload as the preview shows it: before, after, and the status it would have.
    struct SheetPreviewLine: Sendable {
        let change: ReturnSheetUpload.Change
        let title: String
        let before: String
        let after: String
        let status: RAGStatus?
        let changed: Bool
    }

    /// Reads an uploaded sheet against `user`'s lines and judges the return as it would be.
    func previewSheet(_ data: Data, plan: ServicePlan, quarter: Quarter, user: User) async throws
        -> (upload: ReturnSheetUpload, lines: [SheetPreviewLine]) {
        let (lines, current) = try await sheetLines(plan: plan, quarter: quarter, user: user)
        let upload = ReturnSheetUpload.read(data, lines: lines)
        guard upload.problems.isEmpty else { return (upload, []) }
        var trial = current ?? QuarterlyReturn(planCode: plan.code, quarter: quarter)
        try Self.apply(upload.changes, to: &trial, plan: plan)
        let judged = try await judged(plan: plan, quarter: quarter, user: user, trying: trial)
        let assessment = ReturnAssessment(plan: judged.plan, current: trial, others: judged.others, rules: monitoring.statusRules)
        let preview = upload.changes.map { change -> SheetPreviewLine in
            switch change.kind {
            case .indicator:
                let unit = plan.indicator(change.ref)?.unit
                let old = current?.indicators[change.ref]
                let show = { (a: Double?) in a.map { unit?.display($0) ?? Figure.format($0) } ?? "(empty)" }
                return SheetPreviewLine(change: change, title: plan.indicator(change.ref)?.title ?? "", before: show(old?.actual),
                                        after: show(change.actual),
                                        status: assessment.indicators.first { $0.indicator.ref == change.ref }?.status,
                                        changed: old?.actual != change.actual || (old?.commentary ?? "") != change.commentary)
            case .milestone:
                let old = change.milestoneID.flatMap { current?.milestones[$0] }
                let title = assessment.milestones.first { $0.milestone.id == change.milestoneID }?.milestone.text ?? ""
                let after = change.milestoneStatus.flatMap(MilestoneStatus.init(rawValue:))
                return SheetPreviewLine(change: change, title: title, before: old?.status?.label ?? "(empty)", after: after?.label ?? "(empty)",
                                        status: nil, changed: old?.status != after || (old?.commentary ?? "") != change.commentary)
            }
        }
        return (upload, preview)
    }

    /// Stores an upload's changes, checked again (a preview is no promise: the lines, the
    /// permissions or the return's status may have changed since), as one audited change.
    func applySheet(_ changes: [ReturnSheetUpload.Change], plan: ServicePlan, quarter: Quarter, user: User, via: Actor.Channel) async throws {
        let (lines, _) = try await sheetLines(plan: plan, quarter: quarter, user: user)
        let keys = changes.map { $0.kind == .indicator ? "i \($0.ref)" : "m \($0.milestoneID ?? 0)" }
        guard Set(keys).count == keys.count else {
            throw HTTPError(.unprocessableContent, message: "A line is given twice in the changes. Upload the sheet again.")
        }
        for change in changes {
            let known = lines.contains { line in
                line.kind == change.kind && (change.kind == .indicator ? line.ref == change.ref : line.milestoneID == change.milestoneID)
            }
            guard known else {
                throw NotPermitted(message: "You may not report on \(change.kind == .indicator ? change.ref : "milestone \(change.milestoneID ?? 0)") in this return.")
            }
        }
        try await returns.change(plan: plan.code, quarter: quarter, actor: Actor(user: user, via: via)) { r in
            try Self.apply(changes, to: &r, plan: plan)
        }
        Counter(label: "serviceplan_return_sheets_applied_total", dimensions: [("via", via.rawValue)]).increment()
    }

    /// The changes made to a return: a new actual replaces a numerator and denominator given before.
    static func apply(_ changes: [ReturnSheetUpload.Change], to r: inout QuarterlyReturn, plan: ServicePlan) throws {
        for change in changes {
            switch change.kind {
            case .indicator:
                guard let indicator = plan.indicator(change.ref) else { throw ItemNotFound(noun: "indicator", key: change.ref) }
                var entry = r.indicators[change.ref] ?? IndicatorEntry()
                if entry.actual != change.actual { (entry.numerator, entry.denominator) = (nil, nil) }
                if entry.commentary != change.commentary { entry.commentaryFromDraft = false }
                entry.actual = change.actual
                entry.commentary = change.commentary
                r.indicators[change.ref] = try entry.checked(for: indicator)
            case .milestone:
                guard let id = change.milestoneID else { continue }
                let status = try change.milestoneStatus.map { text throws(RuleViolation) -> MilestoneStatus in
                    guard let status = MilestoneStatus(rawValue: text) else { throw RuleViolation(value: text, rule: "is not a milestone status") }
                    return status
                }
                r.milestones[id] = MilestoneEntry(status: status, commentary: change.commentary)
            }
        }
    }
}
