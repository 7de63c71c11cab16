/// Decides whether a number format displays a date or time, which the reader reads as
/// `CellValue.date`: a date stored as a serial number would otherwise be read back as e.g. 45292.
enum NumberFormat {
    /// Built-in date/time ids. 14–22 and 45–47 are universal; 27–36 and 50–58 are the
    /// East Asian locale date formats, which Excel writes without a formatCode.
    static let builtInDateIds: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// Built-in 9 (`0%`) and 10 (`0.00%`), or a code with a % outside quotes and escapes: it
    /// shows the stored number times 100.
    static func isPercent(id: Int, customCodes: [Int: String]) -> Bool {
        if let code = customCodes[id] {
            var quoted = false, escaped = false
            for ch in code {
                if escaped { escaped = false; continue }
                if ch == "\\" { escaped = true } else if ch == "\"" { quoted.toggle() } else if ch == "%", !quoted { return true }
            }
            return false
        }
        return id == 9 || id == 10
    }

    static func isDate(id: Int, customCodes: [Int: String]) -> Bool {
        if let code = customCodes[id] { return isDate(code: code) }
        return builtInDateIds.contains(id)
    }

    /// True when d, m, y, h or s appears outside quoted literals, backslash escapes,
    /// fill/padding characters (`*x`, `_x`) and bracketed sections such as `[Red]` or `[$-409]`;
    /// elapsed-time brackets (`[h]`, `[mm]`, `[ss]`) count as dates.
    static func isDate(code: String) -> Bool {
        let chars = Array(code)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            switch ch {
            case "\"":
                i += 1
                while i < chars.count, chars[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1
            case "[":
                var inside = ""
                i += 1
                while i < chars.count, chars[i] != "]" { inside.append(chars[i]); i += 1 }
                let lowered = inside.lowercased()
                if !lowered.isEmpty, lowered.allSatisfy({ "hms".contains($0) }) { return true }
                // The system's long and short date and time formats.
                if lowered == "$-f800" || lowered == "$-f400" { return true }
            case "G", "g" where String(chars[i...].prefix(7)).lowercased() == "general":
                i += 6
            case "E", "e" where i + 1 < chars.count && (chars[i + 1] == "+" || chars[i + 1] == "-"):
                i += 1   // scientific notation, not an era year
            case "B", "b" where i + 1 < chars.count && (chars[i + 1] == "1" || chars[i + 1] == "2"):
                return true   // Gregorian or Hijri calendar
            default:
                // d m y h s; e and g: era years and names.
                if "dmyhsegDMYHSEG".contains(ch) { return true }
            }
            i += 1
        }
        return false
    }
}
