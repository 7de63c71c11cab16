extension CalendarDate {
    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                     "October", "November", "December"]

    /// The date as council documents write it: `21 October 2009`.
    public var longText: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }
}
