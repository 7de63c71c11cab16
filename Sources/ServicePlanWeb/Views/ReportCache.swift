import ServicePlanStore

/// Rendered public reports, kept until the plan or its returns change. Every change appends to
/// the audit trail in the same transaction, so the plan's latest audit id is a version that
/// moves whenever a report could differ: a report costs one small query while nothing changes.
actor ReportCache {
    struct Key: Hashable {
        let plan: String
        let quarter: String
        let exceptions: Bool
    }

    private var entries: [Key: (version: DataVersions, html: String)] = [:]
    private var order: [Key] = []
    private let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    func html(_ key: Key, version: DataVersions) -> String? {
        guard let entry = entries[key], entry.version == version else { return nil }
        return entry.html
    }

    func store(_ html: String, _ key: Key, version: DataVersions) {
        if entries[key] == nil {
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        entries[key] = (version, html)
    }
}
