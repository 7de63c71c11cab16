import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// The browser's way to make a quarterly return: one form with every line the person answers
/// for, and buttons for the workflow. Same rules as the API (`ReturnService`).
struct ReturnFormController {
    let service: ReturnService
    let pages: PageRenderer

    func add(to router: Router<AppRequestContext>) {
        router.get("plans/:code/returns/:period") { request, context in
            guard let user = context.user else { return Self.signIn(request) }
            let (plan, quarter) = try await service.target(context)
            let current = try await service.quarterlyReturn(plan: plan, quarter: quarter)
            let page = try await page(plan: plan, quarter: quarter, user: user, current: current,
                                      values: ReturnPage.values(current, plan: plan))
            return try pages.page("return", page, context: context, path: request.uri.path)
        }
        router.post("plans/:code/returns/:period") { request, context in
            guard let user = context.user else { return Self.signIn(request) }
            let (plan, quarter) = try await service.target(context)
            guard Permissions.canEditAnything(user, in: plan) else { throw NotPermitted(message: "You may not change this plan's return.") }
            var request = request
            let values = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.form))).values
            let current = try await service.quarterlyReturn(plan: plan, quarter: quarter)
            let (change, errors) = Self.parse(values, plan: plan, quarter: quarter, user: user)
            func again(_ errors: [(field: String, message: String)], notice: String?, status: HTTPResponse.Status) async throws -> Response {
                var page = try await page(plan: plan, quarter: quarter, user: user, current: current, values: values)
                page.show(errors: errors)
                page.notice = notice
                return try pages.page("return", page, context: context, path: request.uri.path, status: status)
            }
            guard errors.isEmpty else { return try await again(errors, notice: nil, status: .unprocessableContent) }
            do {
                try await service.change(plan: plan, quarter: quarter, user: user, via: .form, change)
            } catch let error as ReturnLocked {
                return try await again([], notice: error.description, status: .conflict)
            }
            return Response(status: .seeOther, headers: [.location: "\(request.uri.path)?saved=1"])
        }
        router.post("plans/:code/returns/:period/:action") { request, context in
            guard let user = context.user else { return Self.signIn(request) }
            let (plan, quarter) = try await service.target(context)
            let name = try context.parameters.require("action")
            if name == "draft" { return try await draft(request, context, user: user, plan: plan, quarter: quarter) }
            guard let action = ReturnAction(rawValue: name) else { throw HTTPError(.notFound, message: "There is no action \(name).") }
            var request = request
            let values = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.form))).values
            let path = SitePaths.quarterlyReturn(plan.code, quarter)
            do {
                try await service.take(action, plan: plan, quarter: quarter, reason: values.one("reason"), user: user, via: .form)
            } catch let error as ReturnNotFound {
                // The form is on screen, so the page exists: what is missing is a saved return (409, not 404).
                throw HTTPError(.conflict, message: error.description)
            } catch let error as RuleViolation {
                let current = try await service.quarterlyReturn(plan: plan, quarter: quarter)
                var page = try await page(plan: plan, quarter: quarter, user: user, current: current, values: ReturnPage.values(current, plan: plan))
                page.show(errors: [("reason", error.description.capitalisedFirst)])
                return try pages.page("return", page, context: context, path: path, status: .unprocessableContent)
            }
            return Response(status: .seeOther, headers: [.location: "\(path)?done=\(action.rawValue)"])
        }
    }

    /// `POST …/returns/{period}/draft` (the form's "Put this draft in the commentary box"): the
    /// form again, as sent, with the line's draft written from the figures as typed — saved or
    /// not — in its commentary box. Nothing is stored: the officer edits the draft, then saves.
    private func draft(_ request: Request, _ context: AppRequestContext, user: User, plan: ServicePlan, quarter: Quarter) async throws -> Response {
        guard Permissions.canEditAnything(user, in: plan) else { throw NotPermitted(message: "You may not change this plan's return.") }
        var request = request
        var values = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.form))).values
        let current = try await service.quarterlyReturn(plan: plan, quarter: quarter)
        let path = SitePaths.quarterlyReturn(plan.code, quarter)
        if let current, current.status.isLocked {
            var page = try await page(plan: plan, quarter: quarter, user: user, current: current, values: ReturnPage.values(current, plan: plan))
            page.notice = "This return is \(current.status.label.lowercased()) and locked: there is no commentary to draft until an admin reopens it."
            return try pages.page("return", page, context: context, path: path, status: .conflict)
        }
        let (change, errors) = Self.parse(values, plan: plan, quarter: quarter, user: user)
        let editable = ReturnPage.editable(plan: plan, quarter: quarter, user: user).indicators
        guard let indicator = editable.first(where: { $0.ref == values.one(ReturnPage.useDraftField) }) else {
            throw HTTPError(.badRequest, message: "Choose a line you answer for to draft its commentary.")
        }
        var notice: String
        var trial: QuarterlyReturn?
        if errors.isEmpty {
            var typed = current ?? QuarterlyReturn(planCode: plan.code, quarter: quarter)
            try change(&typed)
            trial = typed
        }
        let judged = try await service.judged(plan: plan, quarter: quarter, user: user, trying: trial)
        let assessment = ReturnAssessment(plan: judged.plan, current: judged.current, others: judged.others, rules: service.monitoring.statusRules)
        if errors.isEmpty, let line = assessment.indicators.first(where: { $0.indicator.ref == indicator.ref }),
           let text = DraftCommentary.text(for: line, quarter: quarter) {
            values[ReturnPage.commentaryField(indicator)] = [text]
            values[ReturnPage.fromDraftField(indicator)] = ["1"]
            notice = "\(indicator.ref)'s commentary box now holds a draft written from the figures. Edit it, then save the return: nothing is saved until you do."
        } else {
            notice = errors.isEmpty ? "Enter \(indicator.ref)'s actual first: the draft is written from the figures." : ""
        }
        var page = try await page(plan: plan, quarter: quarter, user: user, current: current, values: values, judged: judged)
        page.show(errors: errors)
        page.notice = notice.isEmpty ? nil : notice
        return try pages.page("return", page, context: context, path: path, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func page(plan: ServicePlan, quarter: Quarter, user: User, current: QuarterlyReturn?, values: FormValues,
                      judged given: ReturnService.Judged? = nil) async throws -> ReturnPage {
        let status = current?.status ?? .draft
        let locked = status.isLocked
        let fields = locked ? [] : ReturnPage.fields(plan: plan, quarter: quarter, user: user, values: values)
        var cards: [IndicatorCard] = []
        if !locked {
            let judged: ReturnService.Judged
            if let given { judged = given } else { judged = try await service.judged(plan: plan, quarter: quarter, user: user, trying: nil) }
            let assessment = ReturnAssessment(plan: judged.plan, current: judged.current, others: judged.others, rules: service.monitoring.statusRules)
            var figures: [Quarter: QuarterlyReturn] = [:]
            for r in judged.others where figures[r.quarter] == nil { figures[r.quarter] = r }
            // Once for the form, not once per line.
            let soFar = (judged.others + [judged.current]).filter { $0.quarter <= quarter }
            cards = ReturnPage.editable(plan: plan, quarter: quarter, user: user).indicators.map { i in
                IndicatorCard(indicator: i, quarter: quarter, line: assessment.indicators.first { $0.indicator.ref == i.ref }, values: values,
                              progress: i.progress(period: plan.period, returns: soFar).sentence(for: i),
                              figure: { figures[$0]?.indicators[i.ref]?.actual })
            }
        }
        let base = SitePaths.quarterlyReturn(plan.code, quarter)
        let actions = ReturnAction.allCases.filter { a in
            current != nil && a.transition.from.contains(status) && Permissions.canTake(a, user, plan: plan, submittedBy: current?.submittedBy)
        }.map { a in
            ReturnPage.WorkflowButton(action: "\(base)/\(a.rawValue)", label: "\(a.rawValue.capitalisedFirst) this return", needsReason: a == .reopen)
        }
        return ReturnPage(
            pageTitle: "Return for \(quarter.label) – \(plan.title) – serviceplan", caption: plan.title,
            heading: "Quarterly return: \(quarter.label)", action: base, status: current == nil ? "Not started" : status.label,
            deadline: service.deadlines.deadline(for: quarter).longText, example: current?.isExample ?? false,
            locked: locked, reopenReason: current?.reopenReason, reportHref: SitePaths.report(plan.code, quarter),
            fields: fields, cards: cards, hasCards: !cards.isEmpty, hasFields: !fields.isEmpty || !cards.isEmpty, actions: actions,
            draftAction: "\(base)/draft")
    }

    /// The submitted lines as one change to the return, or the fields in error.
    static func parse(_ v: FormValues, plan: ServicePlan, quarter: Quarter, user: User)
        -> (@Sendable (inout QuarterlyReturn) throws -> Void, [(field: String, message: String)]) {
        let editable = ReturnPage.editable(plan: plan, quarter: quarter, user: user)
        var errors: [(field: String, message: String)] = []
        var entries: [String: IndicatorEntry] = [:]
        for i in editable.indicators {
            let text = v.one(ReturnPage.actualField(i)).trimmingSpaces
            var actual: Double?
            if !text.isEmpty {
                guard let number = Figure.decimal(text) else {
                    errors.append((ReturnPage.actualField(i), "\(i.ref): actual must be a number, for example 41.2"))
                    continue
                }
                actual = number
            }
            let override = RAGStatus(rawValue: v.one(ReturnPage.overrideField(i)))
            let entry = IndicatorEntry(actual: actual, commentary: v.one(ReturnPage.commentaryField(i)).trimmingSpaces, override: override,
                                       overrideReason: v.one(ReturnPage.overrideReasonField(i)).trimmingSpaces,
                                       commentaryFromDraft: v.one(ReturnPage.fromDraftField(i)) == "1")
            do {
                let checked = try entry.checked(for: i)
                if checked.actual != nil || !checked.commentary.isEmpty || checked.override != nil { entries[i.ref] = checked }
            } catch {
                let field = error.field.description == "overrideReason" ? ReturnPage.overrideReasonField(i) : ReturnPage.actualField(i)
                errors.append((field, "\(i.ref): \(error.field.description == "overrideReason" ? "reason" : "actual") \(error.violation)"))
            }
        }
        var milestones: [Int64: MilestoneEntry] = [:]
        for (_, m) in editable.milestones {
            guard let id = m.id else { continue }
            let status = MilestoneStatus(rawValue: v.one(ReturnPage.milestoneField(id)))
            let commentary = v.one(ReturnPage.milestoneCommentaryField(id)).trimmingSpaces
            if status != nil || !commentary.isEmpty { milestones[id] = MilestoneEntry(status: status, commentary: commentary) }
        }
        let narrative = editable.narrative
        let riskIDs = editable.risks.compactMap(\.id), actionIDs = editable.actions.compactMap(\.id)
        let indicatorRefs = editable.indicators.map(\.ref), milestoneIDs = editable.milestones.compactMap { $0.1.id }
        let (entryLines, milestoneLines) = (entries, milestones)
        let change: @Sendable (inout QuarterlyReturn) throws -> Void = { r in
            // Only the lines this person may answer for change; everyone else's stay as they were.
            for ref in indicatorRefs { r.indicators[ref] = entryLines[ref] }
            for id in milestoneIDs { r.milestones[id] = milestoneLines[id] }
            if narrative {
                r.keyDevelopments = v.one("keyDevelopments").trimmingSpaces
                r.emergingIssues = v.one("emergingIssues").trimmingSpaces
                r.unforeseenDevelopments = v.one("unforeseenDevelopments").trimmingSpaces
            }
            for id in riskIDs { r.riskProgress[id] = v.one("risk-\(id)").trimmingSpaces.nilIfEmpty }
            for id in actionIDs { r.equalityProgress[id] = v.one("equality-\(id)").trimmingSpaces.nilIfEmpty }
        }
        return (change, errors)
    }

    static func signIn(_ request: Request) -> Response {
        Response(status: .seeOther, headers: [.location: "/sign-in?next=\(request.uri.path.urlPathEncoded)"])
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
