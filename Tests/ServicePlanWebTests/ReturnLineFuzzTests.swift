import Foundation
import FuzzSupport
import Hummingbird
import HummingbirdTesting
import ServicePlanDomain
import ServicePlanStore
@testable import ServicePlanWeb
import Testing

/// Fuzzing that stays, for the return-line API: `PUT …/returns/{period}/indicators/{ref}` with
/// bodies built at random — extreme and malformed numbers, hostile text, wrong types, unknown and
/// repeated keys, broken JSON, oversized bodies, odd refs. Every answer is a 2xx or a 4xx (never a
/// 5xx, never a dropped connection); a 4xx says what was wrong and changes nothing (the return
/// and the audit trail are as they were); a 200 stores exactly the figures and text sent.
@Suite struct ReturnLineFuzzTests {
    static let period = "2009-10-Q2"
    static let refs = ["NI80", "ULS LI1", "NI72", "ULS LI3", "NI105", "NI999", "ULS%20LI1", "%00", String(repeating: "N", count: 300)]
    static let keys = ["actual", "numerator", "denominator", "commentary", "override", "overrideReason"]
    static let numbers = ["0", "-0", "41.2", "150", "-50", "1e12", "1e13", "1.5e308", "-1.7976931348623157e308", "1e400", "-1e400",
                          "4.9e-324", "1e-400", "123456789012345678901234567890", "0.1", "7", "-1", "100", "2.5e-7", "1E2", "01", "1.", ".5",
                          "NaN", "Infinity", "0x10"]

    /// A JSON value, written as text so that numbers JSONSerialization cannot make (1e400) can be sent.
    static func value(using random: inout FuzzRandom, depth: Int = 0) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0...3: return random.pick(numbers)
        case 4...6: return "\"" + escaped(random.pick(HostileText.scalars + ["green", "amber", "red", "noTarget", "GREEN", "complete"])) + "\""
        case 7: return random.pick(["null", "true", "false"])
        case 8 where depth < 3: return "[" + (0..<Int.random(in: 0...3, using: &random)).map { _ in value(using: &random, depth: depth + 1) }.joined(separator: ",") + "]"
        default: return depth < 3 ? "{\"x\":\(value(using: &random, depth: depth + 1))}" : "{}"
        }
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A body: usually a JSON object of some of the line's keys (and sometimes others), otherwise
    /// something that is not one.
    static func body(using random: inout FuzzRandom) -> (text: String, sent: [String: String]?) {
        if random.chance(0.12) {
            let raw = random.pick(["", "{", "[]", "null", "\"text\"", "{\"actual\": 1, \"actual\": 2}", "{\"actual\": 1,}", "{'actual': 1}",
                                   "{\"actual\": 1} trailing", String(repeating: "[", count: 10_000), "\u{FEFF}{\"actual\": 1}",
                                   "{\"commentary\": \"" + String(repeating: "x", count: 2 << 20) + "\"}"])
            return (raw, nil)
        }
        var sent: [String: String] = [:]
        for key in keys where random.chance(0.45) { sent[key] = value(using: &random) }
        if random.chance(0.1) { sent[random.pick(["Actual", "status", "id", "planCode", "__proto__", ""])] = value(using: &random) }
        let text = "{" + sent.sorted { $0.key < $1.key }.map { "\"\(escaped($0.key))\":\($0.value)" }.joined(separator: ",") + "}"
        return (text, sent)
    }

    @Test("random return-line bodies are answered 200 with exactly what was sent, or 4xx saying why with nothing changed")
    func randomBodies() async throws {
        try await withPeople { people, client in
            let base = "/api/v1/plans/ULS/returns/\(Self.period)"
            func snapshot() async throws -> (HTTPResponse.Status, String, Int) {
                var result: (HTTPResponse.Status, String) = (.ok, "")
                try await client.execute(uri: base, method: .get, headers: people.headers(.admin)) { result = ($0.status, String(buffer: $0.body)) }
                return (result.0, result.1, try await people.auditCount())
            }
            var before = try await snapshot()
            var stored = 0
            for seed in FuzzBudget(defaultCases: 200).seeds {
                var random = FuzzRandom(seed: seed)
                let ref = random.pick(Self.refs)
                let (text, sent) = Self.body(using: &random)
                FuzzBudget.dump(text, seed: seed)
                var status: HTTPResponse.Status = .ok, answer: Any?
                try await client.execute(uri: "\(base)/indicators/\(ref)", method: .put, headers: people.headers(.admin, json: true),
                                         body: ByteBuffer(string: text)) { response in
                    status = response.status
                    answer = try? JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed])
                }
                let place = "\(ref) \(text.prefix(200)) — \(FuzzBudget.reproduce(seed))"
                #expect((200..<500).contains(status.code), "\(status) for \(place)")
                guard status == .ok else {
                    let message = ((answer as? [String: Any])?["error"] as? [String: Any])?["message"] as? String
                    #expect(message.map { !$0.isEmpty } == true, "no message: \(place)")
                    if status == .unprocessableContent, let message {
                        #expect(sent?.keys.contains { !$0.isEmpty && message.contains($0) } ?? true, "the message names no field sent: \(message) — \(place)")
                    }
                    let after = try await snapshot()
                    #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2, "a refused write changed the return: \(place)")
                    continue
                }
                // Stored: the line holds exactly the numbers and text sent (a body that is not a
                // plain object — a byte-order mark first, a trailing comma — is read as JSON
                // readers commonly do, and checked by the snapshot below only).
                stored += 1
                let line = try #require(answer as? [String: Any], "\(place)")
                before = try await snapshot()
                guard let sent else { continue }
                // Without an actual, one is derived from a numerator and denominator.
                let derived = sent["actual"] == nil && sent["numerator"] != nil && sent["denominator"] != nil
                for key in ["actual", "numerator", "denominator"] where !(key == "actual" && derived) {
                    let expected = sent[key].flatMap { $0 == "null" ? nil : Double($0) }
                    #expect(line[key] as? Double == expected, "\(key): \(String(describing: line[key])) — \(place)")
                }
                if let commentary = sent["commentary"], commentary != "null" {
                    let decoded = try? JSONSerialization.jsonObject(with: Data(commentary.utf8), options: [.fragmentsAllowed]) as? String
                    #expect(line["commentary"] as? String == decoded, "commentary — \(place)")
                }
            }
            #expect(stored > 0, "no random body was stored: the cases test only refusals")
        }
    }
}

@Suite struct DuplicateKeyTests {
    @Test("a JSON body giving one field twice is refused 400 naming the field, and nothing is stored (found by ReturnLineFuzzTests)",
          arguments: ["{\"actual\": 1, \"actual\": 2}", "{\"commentary\": \"a\", \"c\\u006fmmentary\": \"b\"}"])
    func duplicateKeys(body: String) async throws {
        try await withPeople { people, client in
            let before = try await people.auditCount()
            try await client.execute(uri: "/api/v1/plans/ULS/returns/2009-10-Q2/indicators/NI80", method: .put,
                                     headers: people.headers(.admin, json: true), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains(body.contains("actual") ? "the field actual twice" : "the field commentary twice"))
            }
            #expect(try await people.auditCount() == before)
        }
    }

    @Test("the same key in different objects, or a key-like string as a value, is not a duplicate")
    func notDuplicates() {
        #expect(JSONKeys.firstDuplicate(in: Data("{\"a\": {\"a\": 1}, \"b\": [\"a\", \"a\"], \"c\": \"a\"}".utf8)) == nil)
        #expect(JSONKeys.firstDuplicate(in: Data("[{\"a\": 1}, {\"a\": 2}]".utf8)) == nil)
        #expect(JSONKeys.firstDuplicate(in: Data("{\"x\": \"\\\"\", \"x\": 2}".utf8)) == "x")
    }
}
