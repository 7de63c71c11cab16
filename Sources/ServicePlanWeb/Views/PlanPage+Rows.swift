import ServicePlanDomain

/// The rows and cells the plan page's sections are made of.
extension PlanPage {
    struct CrossReferenceLink {
        let ref: String
        let targetHref: String?
        let title: String
        let last: Bool
    }

    struct AreaRow {
        let number: Int
        let title: String
        let priority: String
        /// The area's page across the council's plans, for a plan linked to its council.
        var areaHref: String? = nil
    }

    struct PriorityView {
        let code: String
        let title: String
        let areas: [AreaRow]
    }

    struct ObjectiveView {
        let ref: String
        let anchor: String
        let title: String
        let areas: [AreaRow]
        let ecm: String
        /// Nil without priorities: Mustache renders a section for any string, the empty one too.
        let cypp: String?
        let crossReferences: String
        let hasCrossReferences: Bool
        /// Each cross-reference, linked to the objective it names when that plan is stored.
        let crossReferenceLinks: [CrossReferenceLink]
        let officer: String
        let initialRisk: RiskCell
        let residualRisk: RiskCell
        let indicators: [LinkedIndicator]
        let hasIndicators: Bool
        let milestoneYears: [MilestoneYearView]
        let notes: [String]
        let hasNotes: Bool
        let editHref: String?
        let newMilestoneHref: String?
        let partII: Bool
    }

    struct LinkedIndicator {
        let ref: String
        let href: String?
        let inPlan: Bool
    }

    struct MilestoneYearView {
        let year: String
        let milestones: [MilestoneRow]
        let hasMilestones: Bool
        let missing: String?
    }

    struct MilestoneRow {
        let editHref: String?
        let text: String
        let due: String
        let dueISO: String
    }

    /// A risk assessment as text: `HIGH (16)`; band shown in words, never by colour alone.
    struct RiskCell {
        let text: String
        let bandClass: String
        let detail: String?

        init(_ assessment: RiskAssessment) {
            switch assessment {
            case .rated(let r):
                var detail = "score \(r.score)"
                if let l = r.likelihood, let s = r.severity { detail += " = likelihood \(l) × severity \(s)" }
                text = "\(r.band.label) (\(r.score))"
                bandClass = "band-\(r.band.rawValue)"
                self.detail = detail
            case .bandOnly(let band, let reason):
                text = "\(band.label) (score \(reason.rawValue.lowercased()))"
                bandClass = "band-\(band.rawValue)"
                detail = nil
            case .unknown(let reason):
                text = reason.rawValue
                bandClass = "band-unknown"
                detail = nil
            }
        }
    }

    struct Column {
        let label: String
    }

    struct IndicatorGroup {
        let label: String
        let anchor: String
        let rows: [IndicatorRow]
        let isEmpty: Bool
        let columnCount: Int
    }

    struct IndicatorRow {
        let ref: String
        let anchor: String
        let title: String
        let scope: String
        let unit: String
        let polarity: String
        let key: String
        let laa: String
        let corporatePlan: String
        let baseline: String
        let cells: [Cell]
        let notes: [String]
        let hasNotes: Bool
        let editHref: String?
        let partII: Bool
        /// The indicator across plan periods.
        let seriesHref: String
        /// Progress toward the plan's end target, in words (`ProgressMeasure.sentence`).
        let progress: String
    }

    struct Cell {
        let text: String
        let isMissing: Bool
    }

    struct RiskRow {
        let objective: String
        let objectiveAnchor: String
        let description: String
        let treatment: [String]
        let initial: RiskCell
        let residual: RiskCell
        let editHref: String?
        let partII: Bool
    }

    struct EqualityTable {
        let years: [Column]
        let rows: [EqualityRow]
        let hasRows: Bool
    }

    struct EqualityRow {
        let area: String
        let impact: String
        let action: String
        let years: [Cell]
        let officers: String
        let editHref: String?
        let partII: Bool
    }

    /// Section 4.1: the reason there are no figures, or the budget lines and service costs.
    struct BudgetSection {
        let missing: String?
        let lines: [BudgetRow]
        let hasLines: Bool
        let costs: [ServiceCostRow]
        let hasCosts: Bool
        let isEmpty: Bool
    }

    struct BudgetRow { let year: String, division: String, expenditure: Cell, income: Cell, net: Cell }
    struct ServiceCostRow { let year: String, service: String, cost: Cell }

    struct StaffingTable {
        let divisions: [Column]
        let rows: [StaffingRow]
        let hasRows: Bool
    }

    struct StaffingRow {
        let year: String
        let cells: [Cell]
        let total: String
    }

    struct ExportLink {
        let label: String
        let href: String
    }

}
