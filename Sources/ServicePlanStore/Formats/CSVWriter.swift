/// The one CSV writer: every CSV serviceplan produces (the plan's indicator table, the
/// monitoring and board reports, open data) goes through it, so every one is RFC 4180 with
/// CR LF line ends and every one is safe to open in a spreadsheet.
public enum CSVWriter {
    /// Rows as CSV text, each field neutralised and quoted where it must be.
    public static func text(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Excel reads a CSV file without a byte-order mark in the machine's legacy code page, so
    /// "—" shows as "â€”"; with one it reads UTF-8. Downloads meant for people carry it; data
    /// meant for programs (open data, `export` on standard output) does not.
    public static let byteOrderMark = "\u{FEFF}"

    /// A field neutralised, then quoted when it holds a comma, quote or line break (inner quotes doubled).
    public static func field(_ text: String) -> String {
        let text = neutralised(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-2.5`, `+1`, `1e-06`: digits with a sign, a point and an exponent — not `+nan`,
    /// `-Infinity` or `+0x1A`, which `Double` reads but a spreadsheet may take for a formula.
    static func isPlainDecimal(_ text: String) -> Bool {
        text.wholeMatch(of: /[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil
    }

    /// Text a spreadsheet would take for a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+1`, `-1+2`, or
    /// one starting with a tab or carriage return) gets a leading apostrophe, as OWASP advises
    /// for CSV meant to be opened in Excel. A plain number (`-2.5`, `1e-06`) is data and is left alone.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainDecimal(cell) else { return cell }
        return "'" + cell
    }
}
