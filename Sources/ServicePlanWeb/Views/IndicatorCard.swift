import ServicePlanDomain
import ServicePlanReports

/// One indicator line of the return form, laid out for judging it: the figures to judge against
/// beside the actual (the quarter's target, the previous quarter's and the same quarter last
/// year's figures) and, once there is an actual, the computed status, directions, forecast and a
/// draft of the commentary. The officer's own status sits behind a disclosure, open only when used.
struct IndicatorCard: Sendable {
    struct Fact: Sendable {
        let term: String
        let value: String
    }

    let ref: String
    let title: String
    let id: String
    let facts: [Fact]
    /// Computed from the figures as they stand (saved, or typed and sent for a draft).
    let judged: Bool
    let status: StatusSymbol?
    let directionYear: StatusSymbol?
    let directionQuarter: StatusSymbol?
    let forecast: String
    /// Progress toward the plan's end target, in words (the Open SDG measure).
    let progress: String
    var actual: FormField
    var commentary: FormField
    var override: FormField
    var overrideReason: FormField
    /// The override's disclosure starts open when it holds something or an error.
    var overrideOpen: Bool
    let draft: String?
    let draftButtonValue: String
    let fromDraftName: String
    let fromDraft: Bool

    /// `line` is the line judged from the figures as they stand; `figure` looks up the indicator's
    /// actual in another quarter (nil when there is none the person may see).
    init(indicator i: Indicator, quarter: Quarter, line: ReturnAssessment.IndicatorLine?, values v: FormValues,
         progress: String, figure: (Quarter) -> Double?) {
        self.progress = progress
        ref = i.ref
        title = i.title
        id = SitePaths.indicatorLineAnchor(i.ref)
        let target = i.quarterTargetText(quarter) ?? i.targets[quarter.year]?.missingReason?.rawValue ?? "None"
        let previous = quarter.previous, lastYear = quarter.sameQuarterLastYear
        // A year-to-date count starts again in April: last year's Q4 is no previous figure for Q1.
        let previousText = i.aggregation == .cumulative && quarter.number == 1 ? "Not comparable (the count starts again in April)"
            : figure(previous).map(i.unit.display) ?? "None"
        facts = [
            Fact(term: "Target for \(quarter.label)", value: target),
            Fact(term: "Previous quarter (\(previous.label))", value: previousText),
            Fact(term: "Same quarter last year (\(lastYear.label))", value: figure(lastYear).map(i.unit.display) ?? "None"),
        ]
        judged = line?.entry?.actual != nil
        status = line.map { StatusSymbol($0.status) }
        directionYear = line.map { StatusSymbol($0.directionOnLastYear) }
        directionQuarter = line.map { StatusSymbol($0.directionOnLastQuarter) }
        forecast = line?.forecast?.sentence(i.unit) ?? "None yet"
        actual = FormField(ReturnPage.actualField(i), "Actual", value: v.one(ReturnPage.actualField(i)),
                           hint: i.unit.label + (i.aggregation == .cumulative ? ", the year to date" : "")
                               + (i.polarity == .higherIsBetter ? "; higher is better" : "; lower is better"),
                           narrow: true)
        commentary = FormField(ReturnPage.commentaryField(i), "Commentary", kind: .textarea, value: v.one(ReturnPage.commentaryField(i)))
        override = FormField(ReturnPage.overrideField(i), "Your own status", kind: .select, value: v.one(ReturnPage.overrideField(i)),
                             hint: "Only to override the computed status; give your reason below",
                             options: [("", "Use the computed status")] + RAGStatus.allCases.map { ($0.rawValue, $0.label) })
        overrideReason = FormField(ReturnPage.overrideReasonField(i), "Reason for your status", value: v.one(ReturnPage.overrideReasonField(i)))
        overrideOpen = !v.one(ReturnPage.overrideField(i)).isEmpty || !v.one(ReturnPage.overrideReasonField(i)).isEmpty
        draft = line.flatMap { DraftCommentary.text(for: $0, quarter: quarter) }
        draftButtonValue = i.ref
        fromDraftName = ReturnPage.fromDraftField(i)
        fromDraft = v.one(ReturnPage.fromDraftField(i)) == "1"
    }

    /// Marks the field named `name`, if it is this card's; true when it was.
    mutating func fail(_ name: String, _ message: String) -> Bool {
        if actual.name == name { actual.fail(message); return true }
        if commentary.name == name { commentary.fail(message); return true }
        if override.name == name { override.fail(message); overrideOpen = true; return true }
        if overrideReason.name == name { overrideReason.fail(message); overrideOpen = true; return true }
        return false
    }
}
