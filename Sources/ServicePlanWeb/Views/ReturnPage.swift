import ServicePlanDomain
import ServicePlanStore

/// `/plans/{code}/returns/{period}`: a quarterly return for the people who make it — the lines
/// they may fill in, and the workflow buttons they may press.
struct ReturnPage: PageView, ErrorSummaryPage {
    var chrome = Chrome.none
    let pageTitle: String
    var titlePrefix = ""
    let caption: String
    let heading: String
    let action: String
    let status: String
    let deadline: String
    let example: Bool
    let locked: Bool
    let reopenReason: String?
    let reportHref: String
    var fields: [FormField]
    /// One card per indicator line the person answers for: its figures, and its fields.
    var cards: [IndicatorCard]
    let hasCards: Bool
    let hasFields: Bool
    let actions: [WorkflowButton]
    /// Where a line's "Put this draft in the commentary box" button sends the form (nothing saved).
    let draftAction: String
    var errors: [FormError] = []
    var showErrors = false
    var notice: String?

    /// Marks each field in error, in the cards or the other fields, and builds the summary
    /// linking to each (the cards' fields first, as the form shows them).
    mutating func show(errors list: [(field: String, message: String)]) {
        guard !list.isEmpty else { return }
        for (field, message) in list {
            var marked = false
            for c in cards.indices where !marked { marked = cards[c].fail(field, message) }
            if marked { errors.append(FormError(field: field, message: message)) } else { mark(field, message) }
        }
        showErrors = true
        titlePrefix = "Error: "
    }

    struct WorkflowButton {
        let action: String
        let label: String
        let needsReason: Bool
    }

    /// The form field names for each kind of line.
    static func actualField(_ i: Indicator) -> String { "actual-\(i.ref.anchor)" }
    static func commentaryField(_ i: Indicator) -> String { "commentary-\(i.ref.anchor)" }
    static func overrideField(_ i: Indicator) -> String { "override-\(i.ref.anchor)" }
    static func overrideReasonField(_ i: Indicator) -> String { "override-reason-\(i.ref.anchor)" }
    static func milestoneField(_ id: Int64) -> String { SitePaths.milestoneLineAnchor(id) }
    static func milestoneCommentaryField(_ id: Int64) -> String { "milestone-\(id)-commentary" }
    /// Present (`1`) when the line's commentary started from the draft (`DraftCommentary`).
    static func fromDraftField(_ i: Indicator) -> String { "from-draft-\(i.ref.anchor)" }
    /// The button that puts a line's draft in its commentary box: its value names the line.
    static let useDraftField = "use-draft"

    /// What the user may fill in: indicators and milestones they answer for, and — for plan
    /// managers — the narrative, risk and equality progress.
    static func editable(plan: ServicePlan, quarter: Quarter, user: User) -> (indicators: [Indicator], milestones: [(ServiceObjective, Milestone)],
                                                                              narrative: Bool, risks: [Risk], actions: [EqualityAction]) {
        let indicators = plan.indicators.filter { Permissions.canEditIndicator(user, $0, in: plan) }
        let milestones = plan.objectives.filter { Permissions.canEditObjective(user, $0, in: plan) }.flatMap { o in
            o.milestoneYears.filter { $0.year == quarter.year }.flatMap(\.milestones).map { (o, $0) }
        }
        let risks = plan.highRisks.filter { r in plan.objective(r.objectiveRef).map { Permissions.canEditObjective(user, $0, in: plan) } ?? false }
        let manager = Permissions.canManagePlan(user, plan)
        return (indicators, milestones, Permissions.canEditAnything(user, in: plan), risks, manager ? plan.equalityActions : [])
    }

    /// Every field but the indicator lines' (those are in `cards`).
    static func fields(plan: ServicePlan, quarter: Quarter, user: User, values v: FormValues) -> [FormField] {
        let editable = editable(plan: plan, quarter: quarter, user: user)
        var fields: [FormField] = []
        for (index, (o, m)) in editable.milestones.enumerated() {
            guard let id = m.id else { continue }
            var status = FormField(milestoneField(id), "\(o.ref) milestone: \(m.text)", kind: .select, value: v.one(milestoneField(id)),
                                   hint: "Due \(m.due.longText)",
                                   options: [("", "Not reported")] + MilestoneStatus.allCases.map { ($0.rawValue, $0.label) })
            if index == 0 { status.sectionHeading = "Milestones" }
            fields.append(status)
            fields.append(FormField(milestoneCommentaryField(id), "Commentary on this milestone", kind: .textarea,
                                    value: v.one(milestoneCommentaryField(id)),
                                    hint: m.due < quarter.lastDay ? "Past its due date: without an explanation it is reported red" : nil))
        }
        if editable.narrative {
            var key = FormField("keyDevelopments", "Key developments", kind: .textarea, value: v.one("keyDevelopments"))
            key.sectionHeading = "Developments and issues"
            fields.append(key)
            fields.append(FormField("emergingIssues", "Emerging issues", kind: .textarea, value: v.one("emergingIssues")))
            fields.append(FormField("unforeseenDevelopments", "Unforeseen developments", kind: .textarea, value: v.one("unforeseenDevelopments")))
        }
        for (index, r) in editable.risks.enumerated() {
            guard let id = r.id else { continue }
            var field = FormField("risk-\(id)", "\(r.objectiveRef) risk: \(r.description)", kind: .textarea, value: v.one("risk-\(id)"),
                                  hint: "Progress on its treatment measures")
            if index == 0 { field.sectionHeading = "Progress on high risks" }
            fields.append(field)
        }
        for (index, e) in editable.actions.enumerated() {
            guard let id = e.id else { continue }
            var field = FormField("equality-\(id)", "Equality action: \(e.action)", kind: .textarea, value: v.one("equality-\(id)"))
            if index == 0 { field.sectionHeading = "Progress on equality actions" }
            fields.append(field)
        }
        return fields
    }

    static func values(_ r: QuarterlyReturn?, plan: ServicePlan) -> FormValues {
        guard let r else { return [:] }
        var v: FormValues = ["keyDevelopments": [r.keyDevelopments], "emergingIssues": [r.emergingIssues],
                             "unforeseenDevelopments": [r.unforeseenDevelopments]]
        for i in plan.indicators {
            guard let e = r.indicators[i.ref] else { continue }
            v[actualField(i)] = [e.actual.map(Figure.format) ?? ""]
            v[commentaryField(i)] = [e.commentary]
            v[overrideField(i)] = [e.override?.rawValue ?? ""]
            v[overrideReasonField(i)] = [e.overrideReason ?? ""]
            if e.commentaryFromDraft { v[fromDraftField(i)] = ["1"] }
        }
        for (id, e) in r.milestones {
            v[milestoneField(id)] = [e.status?.rawValue ?? ""]
            v[milestoneCommentaryField(id)] = [e.commentary]
        }
        for (id, text) in r.riskProgress { v["risk-\(id)"] = [text] }
        for (id, text) in r.equalityProgress { v["equality-\(id)"] = [text] }
        return v
    }
}
