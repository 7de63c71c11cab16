import Hummingbird

/// Pages of plans, for the pages that show every plan (the dashboard, data quality): a shared
/// service or national body may hold thousands, and each plan shown is loaded whole.
struct PlanPaging {
    static let plansPerPage = 20

    let summary: String
    let previousHref: String?
    let nextHref: String?

    /// Which of `codes` page `number` (from the query's `page`, 1 when absent) shows, or 404.
    static func select(_ codes: [String], page text: String?) throws -> (codes: ArraySlice<String>, number: Int) {
        let pages = max(1, (codes.count + plansPerPage - 1) / plansPerPage)
        guard let number = text.map({ Int($0) }) ?? 1, (1...pages).contains(number) else {
            throw HTTPError(.notFound, message: "There is no such page of plans: pages run from 1 to \(pages).")
        }
        return (codes.dropFirst((number - 1) * plansPerPage).prefix(plansPerPage), number)
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
