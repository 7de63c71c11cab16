import Foundation
import ServicePlanDomain

/// A `MailMessage` as Internet Message Format text (RFC 5322) with a MIME text part (RFC 2045),
/// ready for `sendmail -t`. Header values are stripped of line breaks, so nothing stored (a
/// name, a subject) can add a header or a recipient; non-ASCII words are RFC 2047 encoded; the
/// body is base64 so any line length and character survives every relay.
enum MailFormat {
    static func render(_ message: MailMessage, from: String, date: Date, messageID: String) -> String {
        var lines = [
            "From: \(header(from))",
            "To: \(address(name: message.toName, email: message.toAddress))",
            "Subject: \(encodedWords(message.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        let encoded = Data(message.body.utf8).base64EncodedString()
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
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
