extension ReturnAssessment.IndicatorLine {
    /// This line of the quarter's return.
    public func reference(plan code: String, _ quarter: Quarter) -> ItemReference {
        .returnLine(quarter: quarter, item: .indicator(plan: code, ref: indicator.ref))
    }
}

extension ReturnAssessment.MilestoneLine {
    /// This line of the quarter's return; a milestone not yet stored (no id) is named by its objective.
    public func reference(plan code: String, _ quarter: Quarter) -> ItemReference {
        let item: ItemReference = milestone.id.map { .milestone(plan: code, objective: objective.ref, id: $0) }
            ?? .objective(plan: code, ref: objective.ref)
        return .returnLine(quarter: quarter, item: item)
    }
}
