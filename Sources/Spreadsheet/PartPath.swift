/// Resolves relationship targets to zip entry names ("/xl/a.xml", "worksheets/../x.xml" …).
enum PartPath {
    /// `target` relative to the folder of `source` (both zip paths without a leading slash).
    static func resolve(_ target: String, relativeTo source: String) -> String {
        let base: [Substring]
        if target.hasPrefix("/") {
            base = []
        } else {
            base = source.split(separator: "/").dropLast()
        }
        var parts: [Substring] = []
        for component in base + target.split(separator: "/") {
            switch component {
            case ".", "": continue
            case "..": _ = parts.popLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func relationships(for part: String) -> String {
        var folders = part.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let file = folders.popLast() ?? ""
        return (folders + ["_rels", file + ".rels"]).joined(separator: "/")
    }
}
