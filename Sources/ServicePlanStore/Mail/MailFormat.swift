import Foundation
import ServicePlanDomain

/// A `MailMessage` as Internet Message Format text (RFC 5322): `multipart/alternative` (RFC 2046)
/// with the plain text first and a simple accessible HTML version of the same words after it,
/// which mail programs show by preference. Header values are stripped of line breaks, so
/// nothing stored (a name, a subject) can add a header or a recipient; non-ASCII words are
/// RFC 2047 encoded; each part is base64 so any line length and character survives every relay.
enum MailFormat {
    static func render(_ message: MailMessage, from: String, date: Date, messageID: String) -> String {
        // Random, so no text in a message can close a part early.
        let boundary = "=_serviceplan_" + Secret.token()
        var lines = [
            "From: \(header(from))",
            "To: \(address(name: message.toName, email: message.toAddress))",
            "Subject: \(encodedWords(message.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, text) in [("text/plain", message.body), ("text/html", html(message))] {
            lines += ["--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += base64Lines(text)
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Base64 in lines of 76 characters (RFC 2045).
    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    /// The plain text as a simple HTML document, word for word: paragraphs where the text leaves
    /// a blank line, a list where its lines start "- ", addresses as links. No images, no styles
    /// beyond the reader's own, the language declared: readable by any screen reader.
    static func html(_ message: MailMessage) -> String {
        var body = ""
        for block in message.body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard !lines.isEmpty else { continue }
            if lines[0].hasPrefix("- ") {
                // An item's indented continuation lines belong to it (`  https://…`).
                var items: [[String]] = []
                for line in lines {
                    if line.hasPrefix("- ") { items.append([String(line.dropFirst(2))]) } else if !items.isEmpty { items[items.count - 1].append(line.trimmingSpaces) }
                }
                body += "<ul>\n" + items.map { "<li>" + $0.map(linked).joined(separator: "<br>\n") + "</li>\n" }.joined() + "</ul>\n"
            } else {
                body += "<p>" + lines.map(linked).joined(separator: "<br>\n") + "</p>\n"
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><title>\(escape(message.subject))</title></head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// A line of text, escaped, with each http(s) address made a link to itself.
    static func linked(_ line: String) -> String {
        line.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let text = String(word)
            guard text.hasPrefix("https://") || text.hasPrefix("http://") else { return escape(text) }
            return "<a href=\"\(escape(text))\">\(escape(text))</a>"
        }.joined(separator: " ")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// `"Name" <email>`, with the name quoted or encoded and the address stripped of anything
    /// that could end it.
    static func address(name: String, email: String) -> String {
        let cleanEmail = header(email).filter { !"<>\",;: ".contains($0) }
        let cleanName = header(name)
        guard !cleanName.isEmpty else { return "<\(cleanEmail)>" }
        if cleanName.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let quoted = cleanName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(cleanEmail)>"
        }
        return "\(encodedWords(cleanName)) <\(cleanEmail)>"
    }

    /// One line: carriage returns, line feeds and other control characters become spaces.
    static func header(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }

    /// The text unchanged when it is printable ASCII, else RFC 2047 base64 encoded-words of at
    /// most 75 characters, split between characters (never inside one).
    static func encodedWords(_ text: String) -> String {
        let clean = header(text)
        if clean.unicodeScalars.allSatisfy({ $0.isASCII }) { return clean }
        var words: [String] = [], chunk = ""
        for character in clean {
            if Data((chunk + String(character)).utf8).count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
