import Metrics
import Prometheus

/// swift-metrics → Prometheus, under names `promtool check metrics` accepts: counters end
/// `_total`, timers are histograms in seconds ending `_seconds`, and every family has a HELP line.
///
/// One table names each metric the application records (Hummingbird's request metrics, the
/// stores' and the return service's own) and says what it counts; `dimensionNames` renames
/// swift-metrics' dotted dimensions to short Prometheus labels. A metric missing from the table
/// still gets a name and a HELP line, derived from its label alone, so nothing crashes on a
/// HELP mismatch: the registry refuses two HELP texts for one name, so HELP is looked up by the
/// final Prometheus name, never by the swift-metrics label.
public struct ServicePlanMetricsFactory: MetricsFactory {
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// swift-metrics label → Prometheus name (with its `_total` / `_seconds` suffix) and HELP.
    static let families: [String: (name: String, help: String)] = [
        // Hummingbird's MetricsMiddleware.
        "hb.requests": ("http_requests_total",
                        "HTTP requests answered, by route pattern, method and status code."),
        "hb.request.errors": ("http_request_errors_total",
                              "HTTP requests that ended in a thrown error, by route pattern, method and status code."),
        "http.server.request.duration": ("http_request_duration_seconds",
                                         "Time to answer an HTTP request, body written, by route pattern, method and status code."),
        "http.server.active_requests": ("http_requests_in_flight", "HTTP requests being answered now, by method."),
        // The application's own.
        "serviceplan_database_operations_in_progress": ("serviceplan_database_operations_in_progress",
                                                        "Database reads and transactions in progress, waiting for a connection included."),
        "serviceplan_return_lines_entered_total": ("serviceplan_return_lines_entered_total",
                                                   "Return lines entered, by kind and route of entry."),
        "serviceplan_return_actions_total": ("serviceplan_return_actions_total",
                                             "Return actions taken, by action and route of entry."),
        "serviceplan_return_sheets_applied_total": ("serviceplan_return_sheets_applied_total",
                                                    "Return sheets applied, by route of entry."),
    ]

    /// swift-metrics dimension → Prometheus label. Others keep their name, dots made underscores.
    static let dimensionNames = ["http.route": "route", "http.request.method": "method",
                                 "http.response.status_code": "status", "error.type": "status"]

    /// HELP by final Prometheus name, so one name always has one HELP text.
    static let helpByName = Dictionary(families.values.map { ($0.name, $0.help) }, uniquingKeysWith: { first, _ in first })

    /// Buckets of the duration histograms, in seconds: 5 ms to 10 s.
    static let durationBuckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                              .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                              .milliseconds(2500), .seconds(5), .seconds(10)]
    /// Buckets of aggregating recorders (none in the application today).
    static let valueBuckets: [Double] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]

    /// What a swift-metrics metric becomes; its name's suffix follows from it.
    enum Kind {
        case counter, gauge, durationHistogram, valueHistogram

        var suffix: String {
            switch self {
            case .counter: "_total"
            case .durationHistogram: "_seconds"
            case .gauge, .valueHistogram: ""
            }
        }
    }

    /// The Prometheus name of `label` recorded as `kind`: the table's name, or the label with
    /// anything but letters, digits, `_` and `:` made `_`; then `_total` / `_seconds` put right
    /// for the kind (a counter made from a table name of another kind still ends `_total`).
    static func name(_ label: String, _ kind: Kind) -> String {
        var base = families[label]?.name ?? sanitized(label)
        // `_total` belongs to counters alone; `_seconds` is dropped only where the kind adds it
        // back (a gauge may well count seconds).
        if base.hasSuffix("_total"), base.count > 6 { base.removeLast(6) }
        if kind == .durationHistogram, base.hasSuffix("_seconds"), base.count > 8 { base.removeLast(8) }
        return base + kind.suffix
    }

    static func help(_ name: String) -> String {
        helpByName[name] ?? "\(name) (swift-metrics; no description in ServicePlanMetricsFactory yet)."
    }

    /// The registry's `name:help:` makers are deprecated for descriptors; an empty unit adds nothing.
    private static func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help(name))
    }

    static func labels(_ dimensions: [(String, String)]) -> [(String, String)] {
        dimensions.map { (dimensionNames[$0.0] ?? sanitized($0.0), $0.1) }
    }

    private static func sanitized(_ label: String) -> String {
        let fixed = String(label.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
        return fixed.first?.isNumber == true || fixed.isEmpty ? "_" + fixed : fixed
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        let name = Self.name(label, .counter)
        return registry.makeCounter(descriptor: Self.descriptor(name), labels: Self.labels(dimensions))
    }

    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        let name = Self.name(label, .counter)
        return registry.makeCounter(descriptor: Self.descriptor(name), labels: Self.labels(dimensions))
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        let name = Self.name(label, .gauge)
        return registry.makeGauge(descriptor: Self.descriptor(name), labels: Self.labels(dimensions))
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else {
            let name = Self.name(label, .gauge)
            return registry.makeGauge(descriptor: Self.descriptor(name), labels: Self.labels(dimensions))
        }
        let name = Self.name(label, .valueHistogram)
        return registry.makeValueHistogram(descriptor: Self.descriptor(name), labels: Self.labels(dimensions),
                                           buckets: Self.valueBuckets)
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        let name = Self.name(label, .durationHistogram)
        return registry.makeDurationHistogram(descriptor: Self.descriptor(name), labels: Self.labels(dimensions),
                                              buckets: Self.durationBuckets)
    }

    public func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    public func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    public func destroyRecorder(_ handler: any RecorderHandler) {
        switch handler {
        case let gauge as Prometheus.Gauge: registry.unregisterGauge(gauge)
        case let histogram as ValueHistogram: registry.unregisterValueHistogram(histogram)
        default: break
        }
    }

    public func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? DurationHistogram { registry.unregisterDurationHistogram(histogram) }
    }
}
