/// The council's calendar: what day it is now, and on which day a stored instant fell — both in
/// the council's own time zone (`Europe/London`), because returns are due by UK working days and
/// a return sent at 23:30 UTC on a summer evening arrives on the next London day.
///
/// The domain has no clock or time-zone database of its own; storage supplies one
/// (`CouncilClock`), and tests supply a fixed one.
public protocol CouncilCalendar: Sendable {
    /// The IANA name of the time zone every calendar judgement is made in.
    var timeZone: String { get }
    /// Today, in the council's time zone.
    func today() -> CalendarDate
    /// The council's day on which a stored timestamp (ISO 8601, as `Timestamp` writes it) fell;
    /// nil when the text is not a timestamp.
    func day(ofTimestamp text: String) -> CalendarDate?
}
