import ServicePlanDomain
import Testing

@Suite struct FinancialYearTests {
    @Test("financial years are read in the ways councils write them",
          arguments: ["2009/10", "2009-10", "2009/2010", "2009-2010"])
    func parses(text: String) throws {
        let year = try #require(FinancialYear(text))
        #expect(year.startYear == 2009)
        #expect(year.label == "2009/10")
        #expect(year.identifier == "2009-10")
    }

    @Test("the seed's short form 2007/8 is 2007/08")
    func shortForm() {
        #expect(FinancialYear("2007/8")?.label == "2007/08")
    }

    @Test("a year whose halves do not follow on is refused", arguments: ["2009/11", "2009", "09/10", "2009/1", "abcd/ef", "1999/00x"])
    func refuses(text: String) {
        #expect(FinancialYear(text) == nil)
    }

    @Test("1999/00 crosses the century")
    func centuryBoundary() {
        #expect(FinancialYear("1999/00")?.startYear == 1999)
        #expect(FinancialYear(startYear: 1999).label == "1999/00")
    }

    @Test("2009/10 runs from 1 April 2009 to 31 March 2010")
    func bounds() throws {
        let year = FinancialYear(startYear: 2009)
        #expect(year.firstDay.description == "2009-04-01")
        #expect(year.lastDay.description == "2010-03-31")
        #expect(year.contains(try #require(CalendarDate("2010-03-31"))))
        #expect(!year.contains(try #require(CalendarDate("2010-04-01"))))
        #expect(!year.contains(try #require(CalendarDate("2009-03-31"))))
    }

    @Test("dates fall in the financial year that began the April before",
          arguments: [("2009-04-01", 2009), ("2010-03-31", 2009), ("2010-01-15", 2009), ("2009-12-31", 2009), ("2010-04-01", 2010)])
    func containing(date: String, startYear: Int) throws {
        #expect(FinancialYear.containing(try #require(CalendarDate(date))).startYear == startYear)
    }
}

@Suite struct QuarterTests {
    @Test("quarters run April–June, July–September, October–December, January–March",
          arguments: [(1, "2009-04-01", "2009-06-30"), (2, "2009-07-01", "2009-09-30"),
                      (3, "2009-10-01", "2009-12-31"), (4, "2010-01-01", "2010-03-31")])
    func bounds(number: Int, first: String, last: String) throws {
        let quarter = try #require(Quarter(year: FinancialYear(startYear: 2009), number: number))
        #expect(quarter.firstDay.description == first)
        #expect(quarter.lastDay.description == last)
    }

    @Test("a quarter's identifier is 2009-10-Q2 and reads back")
    func identifier() throws {
        let quarter = try #require(Quarter("2009-10-Q2"))
        #expect(quarter.year.startYear == 2009)
        #expect(quarter.number == 2)
        #expect(quarter.identifier == "2009-10-Q2")
        #expect(Quarter("2009-10-Q5") == nil)
        #expect(Quarter("2009-11-Q1") == nil)
    }

    @Test("the quarter of a date", arguments: [("2009-06-30", "2009-10-Q1"), ("2009-07-01", "2009-10-Q2"),
                                               ("2010-02-28", "2009-10-Q4"), ("2010-04-01", "2010-11-Q1")])
    func containing(date: String, expected: String) throws {
        #expect(Quarter.containing(try #require(CalendarDate(date))).identifier == expected)
    }

    @Test("quarter arithmetic crosses financial years")
    func arithmetic() throws {
        let q4 = try #require(Quarter("2009-10-Q4"))
        #expect(q4.next.identifier == "2010-11-Q1")
        #expect(q4.next.previous == q4)
        #expect(try #require(Quarter("2010-11-Q2")).sameQuarterLastYear.identifier == "2009-10-Q2")
    }
}

@Suite struct CalendarDateTests {
    @Test("dates that do not exist are refused", arguments: ["2010-02-29", "2010-04-31", "2010-13-01", "2010-3-31", "31/03/2010"])
    func refuses(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test("29 February exists in leap years")
    func leapDay() {
        #expect(CalendarDate("2012-02-29") != nil)
        #expect(CalendarDate.endOfMonth(2, year: 2012)?.day == 29)
    }

    @Test("a milestone's words give its due date", arguments: [
        ("Complete the review of LDD provision and support by March 2010", "2010-03-31"),
        ("Work with schools via the SIP process to ensure they set challenging targets by January 2010", "2010-01-31"),
        ("Review and revise Inclusion Strategy March 2012", "2012-03-31"),
    ])
    func impliedDueDate(text: String, expected: String) {
        #expect(Milestone.impliedDueDate(in: text)?.description == expected)
    }

    @Test("text without a month and year implies no due date")
    func noImpliedDate() {
        #expect(Milestone.impliedDueDate(in: "Roll out the new framework") == nil)
    }
}
