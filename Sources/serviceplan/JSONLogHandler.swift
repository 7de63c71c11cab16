import ArgumentParser
import Foundation
import Logging

/// `serve --log-format json`: one JSON object per line on standard error — time, level, label,
/// message, and the logger's metadata (among it `hb.request.id`, the id each response also
/// carries in `X-Request-Id`) — for a log collector to index without parsing prose.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { _, new in new }) { fields[key] = "\(value)" }
        fields["time"] = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        fields["level"] = level.rawValue
        fields["label"] = label
        fields["message"] = message.description
        fields["source"] = source
        // Sorted keys: the same event is the same line, which makes logs easy to compare.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return }
        FileHandleOutput.writeToStandardError(String(decoding: data, as: UTF8.self) + "\n")
    }
}

/// How `serve` writes its log.
enum LogFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}
