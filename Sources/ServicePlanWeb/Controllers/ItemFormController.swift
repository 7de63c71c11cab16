import Hummingbird
import ServicePlanDomain
import ServicePlanStore

/// The browser's way to add, change and delete plan items: one GET and one POST per form,
/// with the same rules as the API (it calls the same `ItemService`).
struct ItemFormController {
    let service: ItemService
    let plans: any PlanRepository
    let pages: PageRenderer
    /// For an indicator's target suggestions: last year's quarters, and the national data.
    let returns: any ReturnRepository
    let benchmarks: any BenchmarkRepository

    func add(to router: Router<AppRequestContext>) {
        routes(router, "plans/:code/indicators", ":ref", ItemForms.indicator) { try $0.pathValue("ref") }
        routes(router, "plans/:code/objectives", ":ref", ItemForms.objective) { try $0.pathValue("ref") }
        routes(router, "plans/:code/objectives/:ref/milestones", ":id", ItemForms.milestone) {
            ItemKinds.milestoneKey(objective: try $0.pathValue("ref"), id: try $0.parameters.require("id"))
        }
        routes(router, "plans/:code/risks", ":id", ItemForms.risk) { try $0.parameters.require("id") }
        routes(router, "plans/:code/equality-actions", ":id", ItemForms.equalityAction) { try $0.parameters.require("id") }
        let controller = self
        // One settings record per plan, not a collection: edit only.
        router.get("plans/:code/benchmarking/edit") { request, context -> Response in
            try await controller.edit(ItemForms.benchmarking, request, context, key: try context.pathValue("code"))
        }
        router.post("plans/:code/benchmarking/edit") { request, context -> Response in
            try await controller.submit(ItemForms.benchmarking, request, context, key: try context.pathValue("code"))
        }
    }

    private func routes<D>(_ router: Router<AppRequestContext>, _ collection: String, _ item: String, _ form: ItemForm<D>,
                           key: @escaping @Sendable (AppRequestContext) throws -> String) {
        let controller = self
        router.get("\(collection)/\(item)/edit") { request, context in
            try await controller.edit(form, request, context, key: try key(context))
        }
        router.post("\(collection)/\(item)/edit") { request, context in
            try await controller.submit(form, request, context, key: try key(context))
        }
        router.post("\(collection)/\(item)/delete") { request, context in
            try await controller.delete(form, request, context, key: try key(context))
        }
        router.get("\(collection)/new") { request, context in
            try await controller.edit(form, request, context, key: nil)
        }
        router.post("\(collection)/new") { request, context in
            try await controller.submit(form, request, context, key: nil)
        }
    }

    // MARK: Actions

    func edit<D>(_ form: ItemForm<D>, _ request: Request, _ context: AppRequestContext, key: String?) async throws -> Response {
        guard let user = context.user else { return signInRedirect(request) }
        let plan = try await plans.requireStored(context)
        var values = form.blank(plan, Self.query(request))
        var document: D?
        if let key {
            guard let found = form.kind.find(plan.visible(to: user), key) else {
                throw ItemNotFound(noun: form.kind.noun, key: form.kind.auditKey(key))
            }
            guard form.kind.canEdit(user, plan, key) else { throw NotPermitted(message: "You may not change this \(form.kind.noun).") }
            document = found
            values = form.values(found)
        } else if !canAdd(form, user, plan, values) {
            throw NotPermitted(message: "You may not add a \(form.kind.noun) to this plan.")
        }
        var suggestions: [TargetSuggestion] = []
        var notice: String?
        if form.kind.type == "indicator", let key, let indicator = plan.indicator(key) {
            suggestions = try await TargetSuggestion.all(for: indicator, plan: plan, editHref: request.uri.path,
                                                         returns: try await returns.returns(plan: plan.code).visible(to: user),
                                                         benchmarks: benchmarks)
            // `?suggest=…`: the suggestion's values in the form, nothing saved.
            if let chosen = request.uri.queryParameters.get("suggest") {
                guard let suggestion = suggestions.first(where: { $0.id == chosen }) else {
                    throw HTTPError(.notFound, message: "There is no suggestion \(chosen) for \(indicator.ref).")
                }
                values.merge(suggestion.values) { _, new in new }
                notice = "\(suggestion.title): the suggested values are in the form below. Check them, then save; nothing is saved until you do."
            }
        }
        var page = formPage(form, plan: plan, user: user, key: key, document: document, values: values,
                            version: document.map(ETag.of) ?? "")
        page.suggestions = suggestions
        page.hasSuggestions = !suggestions.isEmpty
        page.notice = notice
        return try pages.page("form", page, context: context, path: request.uri.path)
    }

    func submit<D>(_ form: ItemForm<D>, _ request: Request, _ context: AppRequestContext, key: String?) async throws -> Response {
        guard let user = context.user else { return signInRedirect(request) }
        var request = request
        let submitted = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.form))).values
        let plan = try await plans.requireStored(context)
        let current = key.flatMap { form.kind.find(plan.visible(to: user), $0) }
        if let key, current == nil { throw ItemNotFound(noun: form.kind.noun, key: form.kind.auditKey(key)) }
        let version = submitted.one("version")
        func again(_ errors: [(field: String, message: String)], notice: String? = nil, status: HTTPResponse.Status) throws -> Response {
            var page = formPage(form, plan: plan, user: user, key: key, document: current, values: submitted, version: version)
            page.show(errors: errors)
            page.notice = notice
            return try pages.page("form", page, context: context, path: request.uri.path, status: status)
        }
        let (document, errors) = form.parse(submitted, current, plan)
        guard let document, errors.isEmpty else { return try again(errors, status: .unprocessableContent) }
        do {
            let saved = try await service.save(form.kind, code: plan.code, key: key, new: document,
                                               ifMatch: key == nil ? nil : version, user: user, via: .form)
            return Response(status: .seeOther, headers: [.location: SitePaths.plan(plan.code) + form.anchor(saved.document)])
        } catch let error as PlanViolation {
            return try again([explain(error, form, submitted, plan, user)], status: .unprocessableContent)
        } catch let error as PlanRuleViolations {
            return try again(error.violations.map { v in
                explain(PlanViolation(Self.itemRelative(v.field), v.violation), form, submitted, plan, user)
            }, status: .unprocessableContent)
        } catch let error as RuleViolation {
            return try again([("", error.description)], status: .unprocessableContent)
        } catch let error as StaleEdit {
            return try again([], notice: error.message + " Your changes are below but have not been saved.", status: .conflict)
        }
    }

    func delete<D>(_ form: ItemForm<D>, _ request: Request, _ context: AppRequestContext, key: String) async throws -> Response {
        guard let user = context.user else { return signInRedirect(request) }
        var request = request
        let submitted = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.form))).values
        let code = try context.pathValue("code")
        do {
            _ = try await service.change(form.kind, code: code, key: key, new: nil, ifMatch: submitted.one("version"), user: user, via: .form)
        } catch let error as StaleEdit {
            // A browser sends no If-Match, so a stale delete is a conflict (409), not a failed precondition.
            throw HTTPError(.conflict, message: error.message + " Nothing was deleted.")
        } catch let error as PlanRuleViolations {
            throw HTTPError(.unprocessableContent, message: "The \(form.kind.noun) cannot be deleted: \(error)")
        }
        return Response(status: .seeOther, headers: [.location: SitePaths.plan(code)])
    }

    // MARK: Helpers

    private func formPage<D>(_ form: ItemForm<D>, plan: ServicePlan, user: User, key: String?, document: D?,
                             values: FormValues, version: String) -> FormPage {
        let base = SitePaths.plan(plan.code)
        let path = form.kind.kindName.map { SitePaths.collection(plan.code, $0, objective: values.one("objective")) } ?? "\(base)/benchmarking"
        let itemPath = form.kind.type == "plan" ? path : key.map { "\(path)/\(form.kind.auditKey($0).urlPathEncoded)" }
        let heading = form.heading(document)
        return FormPage(
            pageTitle: "\(heading) – \(plan.title) – serviceplan", caption: plan.title, heading: heading,
            action: itemPath.map { "\($0)/edit" } ?? "\(path)/new", version: version,
            fields: form.fields(values, plan, user), submitLabel: key == nil ? "Add \(form.kind.noun)" : "Save changes",
            cancelHref: base + (document.map(form.anchor) ?? ""),
            deleteAction: key.flatMap { k in form.kind.canDelete(user, plan, k) ? itemPath.map { "\($0)/delete" } : nil },
            deleteLabel: "Delete this \(form.kind.noun)")
    }

    private func canAdd<D>(_ form: ItemForm<D>, _ user: User, _ plan: ServicePlan, _ values: FormValues) -> Bool {
        if Permissions.canManagePlan(user, plan) { return true }
        // Officers add milestones and risks to the objectives they own.
        let objective = values.one("objective")
        guard ["milestone", "risk"].contains(form.kind.type), let o = plan.objective(objective) else { return false }
        return Permissions.canEditObjective(user, o, in: plan)
    }

    private func signInRedirect(_ request: Request) -> Response {
        Response(status: .seeOther, headers: [.location: "/sign-in?next=\(request.uri.path.urlPathEncoded)"])
    }

    /// Query values (`?objective=ULS%201`) seed a new item's form.
    static func query(_ request: Request) -> FormValues {
        var out: FormValues = [:]
        for (name, value) in request.uri.queryParameters { out[String(name), default: []].append(String(value).removingPercentEncoding ?? String(value)) }
        return out
    }

    /// `indicators[3].targets.2009/10` → `targets.2009/10`: a plan-wide path made relative to its item.
    static func itemRelative(_ path: FieldPath) -> FieldPath {
        var components = path.components
        if components.count >= 2, case .key = components[0], case .index = components[1] { components.removeFirst(2) }
        return FieldPath(components)
    }

    /// A broken rule as the form shows it: on its field, in the field's own words —
    /// `Target 2009/10: "170" is not a percentage from 0 to 100`.
    private func explain<D>(_ v: PlanViolation, _ form: ItemForm<D>, _ values: FormValues, _ plan: ServicePlan,
                            _ user: User) -> (field: String, message: String) {
        let name = form.field(v.field) ?? ""
        let label = form.fields(values, plan, user).first { $0.name == name }?.label
        let field = v.field.description
        let subject = label ?? (field == "(top level)" ? nil : field.capitalisedFirst)
        return (name, subject.map { "\($0): \(v.violation)" } ?? v.violation.description.capitalisedFirst)
    }
}

