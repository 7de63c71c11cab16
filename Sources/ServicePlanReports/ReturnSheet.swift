import Foundation
import ServicePlanDomain
import ServicePlanStore
import Spreadsheet

/// A quarter's return as a workbook an officer fills in offline (docs/return-sheets.md): one row
/// per line they answer for, what they need to know locked (ref, title, unit, the quarter's target
/// and the last figure as numbers in the unit's format, a milestone's due date as a date), and three
/// cells to fill (the actual, a milestone's status from a drop-down, the commentary), each with the
/// validation its unit allows. `ReturnSheetUpload` reads it back.
public enum ReturnSheet {
    /// The columns, in order: an upload must have exactly these. The sheet's own header names the
    /// quarter of the last figure, "Last figure (Q2 2009/10)" (`header(for:)`); `accepts` takes both.
    public static let columns = ["Type", "Ref", "Milestone ID", "Title", "Unit", "Target this quarter", "Last figure", "Actual",
                                 "Milestone status", "Commentary"]
    static let indicatorType = "Indicator", milestoneType = "Milestone"
    /// Column numbers (A = 1) of what is read back.
    static let type = 1, ref = 2, milestoneID = 3, actual = 8, milestoneStatus = 9, commentary = 10
    /// The column of the last figure, whose header names the quarter (A = 1).
    static let lastFigure = 7
    /// The columns an upload is read from: a date typed into one of them is refused.
    static let readColumns: Set<Int> = [type, ref, milestoneID, actual, milestoneStatus, commentary]

    /// The header row of `quarter`'s sheet: `columns`, the last figure's naming the quarter before.
    public static func header(for quarter: Quarter) -> [String] {
        var header = columns
        header[lastFigure - 1] = "\(columns[lastFigure - 1]) (\(quarter.previous.label))"
        return header
    }

    /// Whether `text` heads the column at `index` (0-based) in an upload: its name in `columns`, or
    /// for the last figure also the name with any quarter in brackets, as `header(for:)` writes it.
    static func accepts(_ text: String, column index: Int) -> Bool {
        guard columns.indices.contains(index) else { return false }
        if text == columns[index] { return true }
        guard index == lastFigure - 1 else { return false }
        let prefix = columns[index] + " ("
        return text.hasPrefix(prefix) && text.hasSuffix(")") && text.count > prefix.count + 1
    }

    /// One row of the sheet.
    public struct Line: Sendable, Equatable {
        public enum Kind: String, Sendable, Codable { case indicator, milestone }
        public let kind: Kind
        /// The indicator's ref, or the milestone's objective's ref.
        public let ref: String
        public let milestoneID: Int64?
        public let title: String
        public let unit: IndicatorUnit?
        /// The quarter's target as pages write it ("50%", "41.4% by Q2 2010/11 (42.2% for the year)"),
        /// the plan's reason there is none ("TBA"), "No target", or a milestone's "Due 31 March 2010".
        public let target: String
        /// The quarter's target as a number, for an indicator with one: what column F holds.
        public let targetValue: Double?
        /// A milestone's due date: what column F holds, as a date.
        public let due: CalendarDate?
        /// The previous quarter's actual ("41%") or milestone status ("Unclear"); empty when none.
        public let lastFigure: String
        /// The previous quarter's actual, for an indicator: what column G holds.
        public let lastValue: Double?
        public let actual: Double?
        public let milestoneStatus: MilestoneStatus?
        public let commentary: String
    }

    /// The lines `user` may report on in `quarter`'s return (every line when `user` is nil): the
    /// plan's indicators, and the milestones of its objectives due in the quarter's year, with
    /// what the return holds now.
    public static func lines(plan: ServicePlan, quarter: Quarter, current: QuarterlyReturn?, previous: QuarterlyReturn?,
                             user: User?) -> [Line] {
        var lines: [Line] = []
        for indicator in plan.indicators where user == nil || Permissions.canEditIndicator(user, indicator, in: plan) {
            let entry = current?.indicators[indicator.ref]
            // Year-to-date counts restart each April: last year's Q4 is no guide to this Q1.
            let last = indicator.aggregation == .cumulative && quarter.number == 1 ? nil : previous?.indicators[indicator.ref]?.actual
            let target = indicator.quarterTargetText(quarter) ?? indicator.targets[quarter.year]?.missingReason?.rawValue ?? "No target"
            lines.append(Line(kind: .indicator, ref: indicator.ref, milestoneID: nil, title: indicator.title, unit: indicator.unit,
                              target: target, targetValue: indicator.quarterTarget(quarter), due: nil,
                              lastFigure: last.map(indicator.unit.display) ?? "", lastValue: last,
                              actual: entry?.actual, milestoneStatus: nil, commentary: entry?.commentary ?? ""))
        }
        for objective in plan.objectives where user == nil || Permissions.canEditObjective(user, objective, in: plan) {
            for year in objective.milestoneYears where year.year == quarter.year {
                for milestone in year.milestones {
                    guard let id = milestone.id else { continue }
                    let entry = current?.milestones[id]
                    lines.append(Line(kind: .milestone, ref: objective.ref, milestoneID: id, title: milestone.text, unit: nil,
                                      target: "Due \(milestone.due.longText)", targetValue: nil, due: milestone.due,
                                      lastFigure: previous?.milestones[id]?.status?.label ?? "", lastValue: nil,
                                      actual: nil, milestoneStatus: entry?.status, commentary: entry?.commentary ?? ""))
                }
            }
        }
        return lines
    }

    /// The lines of `quarter`'s return for `user`, read from the plan's `returns`, and the return
    /// itself. Refused with `ReturnLocked` once it is approved or published: a sheet could change
    /// nothing. The web (`ReturnService`) and `serviceplan return-sheet` both start here.
    public static func lines(plan: ServicePlan, quarter: Quarter, returns: [QuarterlyReturn],
                             user: User?) throws -> (lines: [Line], current: QuarterlyReturn?) {
        let current = returns.first { $0.quarter == quarter }
        if let current, current.status.isLocked { throw ReturnLocked(status: current.status) }
        return (lines(plan: plan, quarter: quarter, current: current, previous: returns.first { $0.quarter == quarter.previous }, user: user),
                current)
    }

    /// The workbook: protected, only the actual, status and commentary cells open.
    public static func workbook(plan: ServicePlan, quarter: Quarter, lines: [Line]) throws -> Data {
        var rows: [[Cell]] = [header(for: quarter).map { Cell.text($0, .header) }]
        var validations: [DataValidation] = []
        for (offset, line) in lines.enumerated() {
            let row = offset + 2
            let input: (String) -> Cell = { $0.isEmpty ? .empty(.input) : .text($0, .input) }
            let locked: (String) -> Cell = { $0.isEmpty ? .empty() : .text($0) }
            switch line.kind {
            case .indicator:
                // Numbers, so they can be compared and charted; the text only where there is no target.
                let figure: (Double) -> Cell = { value in .number(value, format: line.unit.flatMap { numberFormat(for: $0, value) }) }
                rows.append([
                    .text(indicatorType), .text(line.ref), .empty(), .text(line.title), .text(line.unit?.label ?? ""),
                    line.targetValue.map(figure) ?? .text(line.target), line.lastValue.map(figure) ?? locked(line.lastFigure),
                    line.actual.map { .number($0, .input) } ?? .empty(.input), .empty(), input(line.commentary),
                ])
                if let unit = line.unit { validations.append(validation(for: unit, cell: "H\(row)")) }
            case .milestone:
                // A date cell (shown "31 March 2010"); text only for a day a workbook cannot hold (before March 1900).
                let due = line.due.flatMap { CellDate(year: $0.year, month: $0.month, day: $0.day) }
                rows.append([
                    .text(milestoneType), .text(line.ref), .number(Double(line.milestoneID ?? 0)), .text(line.title), .empty(),
                    due.map { .date($0, format: dateFormat) } ?? .text(line.target), locked(line.lastFigure), .empty(),
                    input(line.milestoneStatus?.label ?? ""), input(line.commentary),
                ])
                validations.append(DataValidation(range: "I\(row)", rule: .list(MilestoneStatus.allCases.map(\.label)),
                                                  errorTitle: "Milestone status", errorMessage: "Choose one of the statuses in the list.",
                                                  promptTitle: "Milestone status", prompt: "Choose from the list."))
            }
        }
        let sheet = Worksheet(name: String("\(plan.code) \(quarter.identifier)".prefix(31)), columnWidths: [11, 10, 8, 50, 12, 24, 24, 12, 26, 60],
                              rows: rows, dataValidations: validations)
        do { return try XLSXWriter.write(sheet) } catch { throw RuleViolation(value: nil, rule: "the sheet could not be written: \(error)") }
    }

    /// How a due date is shown: `31 March 2010`, as `CalendarDate.longText` writes it.
    static let dateFormat = "d mmmm yyyy"

    /// How columns F and G show a figure of `unit` (nil: General, as typed): a percentage with its
    /// sign (40.5 as "40.5%"; the cell holds 40.5, as the Actual column does) and a count whole, each
    /// with the decimals the figure has, up to two; a computed share that has more to one place, as
    /// pages show it.
    static func numberFormat(for unit: IndicatorUnit, _ value: Double) -> String? {
        let places = (0...2).first { places in
            let scaled = value * Double([1, 10, 100][places])
            return abs(scaled - scaled.rounded()) < 1e-9 * max(1, abs(scaled))
        } ?? 1
        let number = places == 0 ? "0" : "0." + String(repeating: "0", count: places)
        switch unit {
        case .percentage: return number + "\"%\""
        case .count: return number
        case .number, .money, .ratio, .yesNo: return nil
        }
    }

    /// What Excel and LibreOffice let an officer type in a line's Actual cell: the unit's rules.
    static func validation(for unit: IndicatorUnit, cell: String) -> DataValidation {
        let rule: DataValidation.Rule, message: String
        switch unit {
        case .percentage: (rule, message) = (.decimal(min: 0, max: 100), "A percentage from 0 to 100 (type 40.5 for 40.5 %).")
        case .count: (rule, message) = (.wholeNumber(min: 0, max: nil), "A count: a whole number, 0 or more.")
        case .ratio: (rule, message) = (.decimal(min: 0, max: nil), "A ratio: a number, 0 or more.")
        case .yesNo: (rule, message) = (.wholeNumber(min: 0, max: 1), "1 for yes, 0 for no.")
        case .number, .money: (rule, message) = (.decimal(min: -Figure.magnitudeLimit, max: Figure.magnitudeLimit), "A number.")
        }
        return DataValidation(range: cell, rule: rule, errorTitle: unit.label, errorMessage: message, promptTitle: unit.label, prompt: message)
    }
}
