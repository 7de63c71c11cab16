import Hummingbird
import Prometheus

/// `GET /metrics`: every metric in Prometheus's text format, as `promtool check metrics` accepts
/// it — requests and their durations per route and status (Hummingbird's `MetricsMiddleware`),
/// database operations in progress, return lines entered and return actions taken, named and
/// described by `ServicePlanMetricsFactory` — then the process's own (`ProcessMetrics`: CPU,
/// memory, file descriptors, start time). Only when `serve` set up a registry; counts and route
/// patterns only, never a plan's content or a person.
struct MetricsController {
    let registry: PrometheusCollectorRegistry

    func add(to router: Router<AppRequestContext>) {
        router.get("metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            buffer.append(contentsOf: ProcessMetrics.text().utf8)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
