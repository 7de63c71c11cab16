import Foundation
import ServicePlanDomain
import ServicePlanStore
import Spreadsheet

/// A quarter's return as a workbook an officer fills in offline (docs/return-sheets.md): one row
/// per line they answer for, what they need to know locked (ref, title, unit, the quarter's target,
/// the last figure), and three cells to fill (the actual, a milestone's status from a drop-down,
/// the commentary), each with the validation its unit allows. `ReturnSheetUpload` reads it back.
public enum ReturnSheet {
    /// The header row, in order: an upload must have exactly these columns.
    public static let columns = ["Type", "Ref", "Milestone ID", "Title", "Unit", "Target this quarter", "Last figure", "Actual",
                                 "Milestone status", "Commentary"]
    static let indicatorType = "Indicator", milestoneType = "Milestone"
    /// Column numbers (A = 1) of what is read back.
    static let type = 1, ref = 2, milestoneID = 3, actual = 8, milestoneStatus = 9, commentary = 10

    /// One row of the sheet.
    public struct Line: Sendable, Equatable {
        public enum Kind: String, Sendable, Codable { case indicator, milestone }
        public let kind: Kind
        /// The indicator's ref, or the milestone's objective's ref.
        public let ref: String
        public let milestoneID: Int64?
        public let title: String
        public let unit: IndicatorUnit?
        public let target: String
        public let lastFigure: String
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
            lines.append(Line(kind: .indicator, ref: indicator.ref, milestoneID: nil, title: indicator.title, unit: indicator.unit,
                              target: indicator.quarterTargetText(quarter) ?? "No target", lastFigure: last.map { "\(indicator.unit.display($0)) (\(quarter.previous.label))" } ?? "",
                              actual: entry?.actual, milestoneStatus: nil, commentary: entry?.commentary ?? ""))
        }
        for objective in plan.objectives where user == nil || Permissions.canEditObjective(user, objective, in: plan) {
            for year in objective.milestoneYears where year.year == quarter.year {
                for milestone in year.milestones {
                    guard let id = milestone.id else { continue }
                    let entry = current?.milestones[id]
                    lines.append(Line(kind: .milestone, ref: objective.ref, milestoneID: id, title: milestone.text, unit: nil,
                                      target: "Due \(milestone.due.longText)",
                                      lastFigure: previous?.milestones[id]?.status.map { "\($0.label) (\(quarter.previous.label))" } ?? "",
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
        var rows: [[Cell]] = [columns.map { Cell.text($0, .header) }]
        var validations: [DataValidation] = []
        for (offset, line) in lines.enumerated() {
            let row = offset + 2
            let input: (String) -> Cell = { $0.isEmpty ? .empty(.input) : .text($0, .input) }
            switch line.kind {
            case .indicator:
                rows.append([
                    .text(indicatorType), .text(line.ref), .empty(), .text(line.title), .text(line.unit?.label ?? ""), .text(line.target),
                    .text(line.lastFigure), line.actual.map { .number($0, .input) } ?? .empty(.input), .empty(), input(line.commentary),
                ])
                if let unit = line.unit { validations.append(validation(for: unit, cell: "H\(row)")) }
            case .milestone:
                rows.append([
                    .text(milestoneType), .text(line.ref), .number(Double(line.milestoneID ?? 0)), .text(line.title), .empty(),
                    .text(line.target), .text(line.lastFigure), .empty(), input(line.milestoneStatus?.label ?? ""), input(line.commentary),
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
