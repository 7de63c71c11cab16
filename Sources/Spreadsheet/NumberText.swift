/// Number formatting for XML: integers without ".0", everything else in Swift's shortest
/// round-trip form (0.1 → "0.1"), which is valid xsd:double and what Excel and LibreOffice parse.
enum NumberText {
    static func xml(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return String(number)
    }
}
