import Foundation
import Hummingbird
import HummingbirdTesting
import Metrics
import Prometheus
@testable import ServicePlanWeb
import Testing

/// The test process's one metrics registry, with the factory `serve` uses: swift-metrics can be
/// set up once per process, so every test that wants `/metrics` takes this one.
enum TestMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(ServicePlanMetricsFactory(registry: registry))
        return registry
    }()
}

@Suite struct MetricsTests {
    @Test("GET /metrics shows requests per route and status, database operations, and return lines entered, in Prometheus text")
    func metrics() async throws {
        let text = try await scrapeAfterSomeRequests()
        #expect(text.contains(#"http_requests_total{route="/plans/{code}",method="GET",status="200"} "#))
        #expect(text.contains(#"http_request_duration_seconds_count{route="/plans/{code}",method="GET",status="200"} "#))
        #expect(text.contains("serviceplan_database_operations_in_progress"))
        #expect(text.contains(#"serviceplan_return_lines_entered_total{kind="indicator",via="api"} "#))
    }

    /// What `promtool check metrics` asks, checked here too so it holds where promtool is missing.
    @Test("GET /metrics follows Prometheus's naming: counters end _total, durations _seconds, every family has HELP")
    func naming() async throws {
        let exposition = Exposition(try await scrapeAfterSomeRequests())
        #expect(!exposition.types.isEmpty)
        for (name, type) in exposition.types {
            #expect(exposition.helps.contains(name), "\(name) has no # HELP")
            if type == "counter" { #expect(name.hasSuffix("_total"), "counter \(name) does not end _total") }
            if name.contains("duration") { #expect(name.hasSuffix("_seconds"), "\(name) does not end _seconds") }
        }
        #expect(exposition.types["http_request_duration_seconds"] == "histogram")
        #expect(exposition.types["http_requests_total"] == "counter")
        // Every sample belongs to a family that has a TYPE line.
        for sample in exposition.samples.keys {
            let family = exposition.types[sample] != nil ? sample
                : ["_bucket", "_sum", "_count"].first(where: sample.hasSuffix).map { String(sample.dropLast($0.count)) } ?? sample
            #expect(exposition.types[family] != nil, "\(sample) has no # TYPE")
        }
        #expect(Set(exposition.helps).count == exposition.helps.count, "a family has two HELP lines")
    }

    @Test("GET /metrics ends with the process's CPU time, memory, file descriptors and start time")
    func processMetrics() async throws {
        let exposition = Exposition(try await scrapeAfterSomeRequests())
        #if os(Linux)
        for (name, type) in [("process_cpu_seconds_total", "counter"), ("process_resident_memory_bytes", "gauge"),
                             ("process_virtual_memory_bytes", "gauge"), ("process_open_fds", "gauge"),
                             ("process_max_fds", "gauge"), ("process_start_time_seconds", "gauge")] {
            #expect(exposition.types[name] == type, "\(name)")
            #expect(exposition.helps.contains(name), "\(name) has no # HELP")
        }
        let value = { (name: String) in exposition.samples[name] ?? -1 }
        #expect(value("process_cpu_seconds_total") >= 0)
        #expect(value("process_resident_memory_bytes") > 0)
        #expect(value("process_virtual_memory_bytes") >= value("process_resident_memory_bytes"))
        #expect(value("process_open_fds") > 0)
        #expect(value("process_max_fds") >= value("process_open_fds"))
        // Started before now, and after 2020; the clock may be anywhere after that.
        let now = Date().timeIntervalSince1970
        #expect(value("process_start_time_seconds") > 1_577_836_800)
        #expect(value("process_start_time_seconds") <= now + 1)
        #else
        // No /proc: no process_* metrics, and nothing claims otherwise.
        #expect(!exposition.types.keys.contains { $0.hasPrefix("process_") })
        #endif
    }

    @Test("promtool check metrics accepts GET /metrics")
    func promtool() async throws {
        let promtool = "/usr/bin/promtool"
        // scripts/test installs Debian's `prometheus` package (it ships promtool); elsewhere the
        // naming test above checks the same rules.
        guard FileManager.default.isExecutableFile(atPath: promtool) else { return }
        let text = try await scrapeAfterSomeRequests()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("serviceplan-metrics-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        process.standardInput = try FileHandle(forReadingFrom: file)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "promtool check metrics: \(report)\n\(text)")
    }

    /// `/metrics` after a page, an API write, a 404 and a HEAD: every kind of metric the app records.
    private func scrapeAfterSomeRequests() async throws -> String {
        let registry = TestMetrics.registry
        nonisolated(unsafe) var text = ""
        try await withPeople(metrics: registry) { people, client in
            try await client.execute(uri: "/plans/ULS", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/plans/NOPE", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2010-11-Q3/indicators/NI80", method: .put,
                                     headers: people.headers(.owner, json: true), body: ByteBuffer(string: #"{"actual": 41.2}"#)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                text = String(buffer: response.body)
            }
        }
        return text
    }
}

/// The text format read back: TYPE and HELP lines by family, and each unlabelled sample's value
/// (labelled ones keyed by name alone, the last one winning: enough to find the families).
struct Exposition {
    var types: [String: String] = [:]
    var helps: [String] = []
    var samples: [String: Double] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: false)
            if line.hasPrefix("# TYPE "), words.count == 4 {
                types[String(words[2])] = String(words[3])
            } else if line.hasPrefix("# HELP "), words.count >= 4 {
                helps.append(String(words[2]))
            } else if !line.hasPrefix("#") {
                let name = line.prefix { $0 != "{" && $0 != " " }
                samples[String(name)] = line.split(separator: " ").last.flatMap { Double($0) }
            }
        }
    }
}
