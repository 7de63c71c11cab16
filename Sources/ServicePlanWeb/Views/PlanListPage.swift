import ServicePlanStore

/// `GET /`: the stored plans.
struct PlanListPage: PageView {
    var chrome = Chrome.none
    struct Row {
        let code: String
        let title: String
        let department: String
        let period: String
        let status: String
        let href: String
    }

    let pageTitle = "Service plans – serviceplan"
    let plans: [Row]
    let hasPlans: Bool

    init(plans: [PlanSummary]) {
        self.plans = plans.map {
            Row(code: $0.code, title: $0.title, department: $0.department, period: "\($0.firstYear) to \($0.lastYear)",
                status: $0.status.prefix(1).uppercased() + $0.status.dropFirst(), href: "/plans/\($0.code.urlPathEncoded)")
        }
        self.hasPlans = !plans.isEmpty
    }
}

extension String {
    /// Percent-encodes everything but unreserved characters, for one URL path segment.
    var urlPathEncoded: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// An HTML id from free text: `ULS LI1` → `ULS-LI1`.
    var anchor: String {
        String(map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
