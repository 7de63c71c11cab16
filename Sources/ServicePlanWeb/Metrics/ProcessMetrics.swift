import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The standard `process_*` metrics of Prometheus's client libraries — CPU time, resident and
/// virtual memory, open and maximum file descriptors, start time — read from `/proc` when
/// `/metrics` is scraped, in the text format, for `MetricsController` to append after the
/// registry's families. Off Linux (no `/proc`) there are none; a value that cannot be read is
/// left out rather than shown as 0.
enum ProcessMetrics {
    static func text() -> String {
        var out = ""
        func add(_ name: String, _ type: String, _ help: String, _ value: Double?) {
            guard let value else { return }
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        let sample = read()
        add("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", sample.cpuSeconds)
        add("process_open_fds", "gauge", "Number of open file descriptors.", sample.openFDs)
        add("process_max_fds", "gauge", "Maximum number of open file descriptors.", sample.maxFDs)
        add("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", sample.virtualBytes)
        add("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", sample.residentBytes)
        add("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", sample.startTime)
        return out
    }

    struct Sample {
        var cpuSeconds, openFDs, maxFDs, virtualBytes, residentBytes, startTime: Double?
    }

    static func read() -> Sample {
        var sample = Sample()
        #if os(Linux)
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        // proc(5): the command name in parentheses may hold spaces, so count fields after its ")".
        // From there [0] is state (field 3), [11] utime (14), [12] stime (15), [19] starttime (22),
        // [20] vsize in bytes (23), [21] rss in pages (24); times in clock ticks.
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let fields = stat[stat.index(after: close)...].split(separator: " ").map { Double($0) }
            if fields.count > 21, let utime = fields[11], let stime = fields[12], let started = fields[19],
               let vsize = fields[20], let rss = fields[21] {
                sample.cpuSeconds = (utime + stime) / ticks
                sample.virtualBytes = vsize
                sample.residentBytes = rss * pageSize
                // starttime counts from boot; /proc/stat's btime is the boot in seconds since the epoch.
                if let procStat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
                   let line = procStat.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
                   let boot = Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) {
                    sample.startTime = boot + started / ticks
                }
            }
        }
        if let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            sample.openFDs = Double(fds.count)
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 { sample.maxFDs = Double(limit.rlim_cur) }
        #endif
        return sample
    }
}
