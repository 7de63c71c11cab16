import Hummingbird
import ServicePlanStore

/// Pages of plans, for the pages that show every plan (the dashboard, data quality): a shared
/// service or national body may hold thousands, and each plan shown is loaded whole.
struct PlanPaging {
    static let plansPerPage = 20

    let summary: String
    let previousHref: String?
    let nextHref: String?

    /// Which page (from the query's `page`, 1 when absent) of `count` plans to show, and the
    /// offset of its first plan; 404 outside the pages there are.
    static func select(count: Int, page text: String?) throws -> (number: Int, offset: Int) {
        let pages = max(1, (count + plansPerPage - 1) / plansPerPage)
        guard let number = text.map({ Int($0) }) ?? 1, (1...pages).contains(number) else {
            throw HTTPError(.notFound, message: "There is no such page of plans: pages run from 1 to \(pages).")
        }
        return (number, (number - 1) * plansPerPage)
    }

    /// The codes of page `page` of the plan list, and the page number: two queries (a count
    /// and one page of summaries) however many plans there are.
    static func codes(_ plans: any PlanRepository, page: String?) async throws -> (codes: [String], number: Int, count: Int) {
        let count = try await plans.planCount()
        let shown = try select(count: count, page: page)
        return (try await plans.summaries(offset: shown.offset, limit: plansPerPage).map(\.code), shown.number, count)
    }

    init?(page: Int, plans: Int, path: String) {
        let pages = (plans + Self.plansPerPage - 1) / Self.plansPerPage
        guard pages > 1 else { return nil }
        let first = (page - 1) * Self.plansPerPage + 1
        summary = "Plans \(first) to \(min(plans, first + Self.plansPerPage - 1)) of \(plans); page \(page) of \(pages)"
        previousHref = page > 1 ? "\(path)?page=\(page - 1)" : nil
        nextHref = page < pages ? "\(path)?page=\(page + 1)" : nil
    }
}
