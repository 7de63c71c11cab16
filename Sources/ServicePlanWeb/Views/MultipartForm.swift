import Foundation
import MultipartKit
import NIOCore

/// A `multipart/form-data` body (a form with a file) split into its named parts, read with
/// MultipartKit's parser. Nil for anything that is not such a body: no boundary, a boundary
/// outside RFC 2046's 1–70 characters (the parser traps on an empty one), or a syntax error.
struct MultipartForm {
    struct Part {
        let name: String
        let filename: String?
        let body: Data
    }

    let parts: [Part]

    func value(_ name: String) -> String? {
        parts.first { $0.name == name }.map { String(decoding: $0.body, as: UTF8.self) }
    }

    func file(_ name: String) -> Part? { parts.first { $0.name == name } }

    init?(contentType: String?, body: ByteBuffer) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.boundary(contentType), (1...70).contains(boundary.utf8.count) else { return nil }
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [(String, String)] = [], data = Data()
        var tooMany = false
        parser.onHeader = { name, value in
            // A form has a few short headers per part; more is not a browser's form.
            if headers.count < 8, value.utf8.count <= 8_192 { headers.append((name.lowercased(), value)) } else { tooMany = true }
        }
        parser.onBody = { buffer in data.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            if let name = Self.parameter("name", in: disposition), parts.count <= Self.maximumParts {
                parts.append(Part(name: name, filename: Self.parameter("filename", in: disposition), body: data))
            }
            headers = []
            data = Data()
        }
        do { try parser.execute(body) } catch { return nil }
        guard !tooMany, parts.count <= Self.maximumParts else { return nil }
        self.parts = parts
    }

    /// The upload form has two parts (the token and the file).
    static let maximumParts = 10

    static func boundary(_ contentType: String) -> String? { parameter("boundary", in: contentType) }

    /// `name="value"` or `name=value` among a header's `;`-separated parameters.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
