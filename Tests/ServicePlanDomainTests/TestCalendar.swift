import Foundation
import ServicePlanDomain

/// A calendar for rule tests: today is fixed, and an instant's day is read in `timeZone`
/// (London unless a test says otherwise), as the real `CouncilClock` does.
struct TestCalendar: CouncilCalendar {
    var today_ = CalendarDate(year: 2010, month: 6, day: 1)!
    var timeZone = "Europe/London"

    func today() -> CalendarDate { today_ }

    func day(ofTimestamp text: String) -> CalendarDate? {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone)!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)
    }
}
