import Foundation

/// Instants stored as ISO 8601 UTC text (`2026-11-28T23:40:00.123Z`): readable in both engines,
/// and ordered correctly by plain text comparison.
public enum Timestamp {
    private static let storedFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Parsed with a shared format style first: a dashboard reads every return's timestamps, and
    /// a new ISO8601DateFormatter per timestamp cost more than the page's queries. Text the style
    /// does not take goes to the formatter as before.
    public static func date(_ text: String) -> Date? {
        if let date = try? storedFormat.parse(text) { return date }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
