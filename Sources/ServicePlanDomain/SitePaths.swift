/// Every `/plans/…` address the site serves, built in one place so pages, reports, redirects
/// and findings link to the same URLs, and a route that moves moves once.
public enum SitePaths {
    public static func plan(_ code: String) -> String { "/plans/\(code.urlPathEncoded)" }
    public static func history(_ code: String) -> String { plan(code) + "/history" }
    public static func council(_ code: String) -> String { "/councils/\(code.urlPathEncoded)" }
    public static func area(council code: String, _ number: Int) -> String { council(code) + "/areas/\(number)" }
    public static func localAreaAgreement(council code: String) -> String { council(code) + "/laa" }
    public static func boardReport(council code: String, board: String, _ quarter: Quarter, exceptions: Bool = false) -> String {
        council(code) + "/boards/\(board.urlPathEncoded)/reports/\(quarter.identifier)" + (exceptions ? "?exceptions=true" : "")
    }
    public static func export(_ code: String, format: String) -> String { plan(code) + "/export/\(format)" }
    public static func benchmarkingEdit(_ code: String) -> String { plan(code) + "/benchmarking/edit" }
    /// Where an indicator's line sits on the return form (`…/returns/{period}#line-NI80`): the
    /// form and the reminder emails that link to it use this one spelling.
    public static func indicatorLineAnchor(_ ref: String) -> String { "line-\(ref.anchor)" }
    /// Where a milestone's line (its status field) sits on the return form.
    public static func milestoneLineAnchor(_ id: Int64) -> String { "milestone-\(id)" }
    public static func quarterlyReturn(_ code: String, _ quarter: Quarter) -> String { plan(code) + "/returns/\(quarter.identifier)" }
    public static func report(_ code: String, _ quarter: Quarter, exceptions: Bool = false) -> String {
        plan(code) + "/reports/\(quarter.identifier)" + (exceptions ? "?exceptions=true" : "")
    }
    public static func reportCSV(_ code: String, _ quarter: Quarter) -> String { report(code, quarter) + "/csv" }

    /// The collection an item kind's forms live under: `/plans/ULS/indicators`.
    public static func collection(_ code: String, _ kind: ItemKindName, objective: String? = nil) -> String {
        switch kind {
        case .indicator: return plan(code) + "/indicators"
        case .objective: return plan(code) + "/objectives"
        case .milestone: return plan(code) + "/objectives/\((objective ?? "").urlPathEncoded)/milestones"
        case .risk: return plan(code) + "/risks"
        case .equalityAction: return plan(code) + "/equality-actions"
        }
    }

    /// The item's own address under its collection (`/plans/ULS/risks/3`); add `/edit` or `/delete`.
    public static func item(_ reference: ItemReference) -> String? {
        switch reference {
        case .indicator(let code, let ref): return collection(code, .indicator) + "/\(ref.urlPathEncoded)"
        case .objective(let code, let ref): return collection(code, .objective) + "/\(ref.urlPathEncoded)"
        case .milestone(let code, let objective, let id): return collection(code, .milestone, objective: objective) + "/\(id)"
        case .risk(let code, let id): return collection(code, .risk) + "/\(id)"
        case .equalityAction(let code, let id): return collection(code, .equalityAction) + "/\(id)"
        case .plan, .quarterlyReturn, .returnLine: return nil
        }
    }

    /// The HTML id an item has on its plan page.
    public static func anchor(_ reference: ItemReference) -> String? {
        switch reference {
        case .indicator(_, let ref): return "indicator-\(ref.anchor)"
        case .objective(_, let ref), .milestone(_, let ref, _): return "objective-\(ref.anchor)"
        // Risks and equality actions are rows of one table each, without ids of their own.
        case .risk: return "risks"
        case .equalityAction: return "equality"
        case .plan, .quarterlyReturn, .returnLine: return nil
        }
    }

    /// Where a person goes to see or put right the item: its place on the plan page, or the return.
    public static func href(_ reference: ItemReference) -> String {
        switch reference {
        case .quarterlyReturn(let code, let q), .returnLine(let q, .indicator(let code, _)), .returnLine(let q, .milestone(let code, _, _)):
            return quarterlyReturn(code, q)
        case .returnLine(let q, let item): return quarterlyReturn(item.plan, q)
        default: return plan(reference.plan) + (anchor(reference).map { "#\($0)" } ?? "")
        }
    }
}

/// The kinds of plan item that have forms and API routes of their own.
public enum ItemKindName: String, Sendable, CaseIterable {
    case indicator, objective, milestone, risk, equalityAction
}
