import Foundation
import Hummingbird
import ServicePlanDomain
import ServicePlanReports
import ServicePlanStore

/// Return sheets in the browser and the API (docs/return-sheets.md):
/// - `GET /plans/{code}/returns/{period}/sheet.xlsx`: the workbook of the signed-in person's lines;
/// - `GET|POST …/upload`: a filled sheet (.xlsx or .csv) checked and previewed, nothing stored;
/// - `POST …/upload/confirm`: the previewed changes stored as one audited change;
/// - `POST /api/v1/plans/{code}/returns/{period}/sheet[?confirm=true]`: the same for scripts.
struct ReturnSheetController {
    let service: ReturnService
    let pages: PageRenderer

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func add(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("plans/:code/returns/:period/sheet.xlsx") { request, context in
            guard let user = context.user else { return ReturnFormController.signIn(request) }
            let (plan, quarter) = try await service.target(context)
            let (lines, _) = try await locked { try await service.sheetLines(plan: plan, quarter: quarter, user: user) }
            guard !lines.isEmpty else { throw NotPermitted(message: "You answer for no line of this return, so there is no sheet to fill in.") }
            let data = try ReturnSheet.workbook(plan: plan, quarter: quarter, lines: lines)
            return Response(status: .ok, headers: [
                .contentType: Self.xlsxType, .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(plan.code.anchor)-\(quarter.identifier)-return.xlsx\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("plans/:code/returns/:period/upload") { request, context in
            guard let user = context.user else { return ReturnFormController.signIn(request) }
            let (plan, quarter) = try await service.target(context)
            guard Permissions.canEditAnything(user, in: plan) else { throw NotPermitted(message: "You answer for no line of this return.") }
            return try pages.page("return-upload", ReturnUploadPage(plan: plan, quarter: quarter), context: context, path: request.uri.path)
        }
        router.post("plans/:code/returns/:period/upload") { request, context in
            guard let user = context.user else { return ReturnFormController.signIn(request) }
            let (plan, quarter) = try await service.target(context)
            guard Permissions.canEditAnything(user, in: plan) else { throw NotPermitted(message: "You answer for no line of this return.") }
            var page = ReturnUploadPage(plan: plan, quarter: quarter)
            // Parsed by `CSRFMiddleware`, which every cookie-carrying form passes.
            guard let form = context.multipartForm, let file = form.file("sheet"), !file.body.isEmpty else {
                page.fail(["Choose the filled sheet (.xlsx or .csv) to upload"])
                return try pages.page("return-upload", page, context: context, path: request.uri.path, status: .unprocessableContent)
            }
            page.filename = file.filename.flatMap { $0.isEmpty ? nil : $0 }
            do {
                let (upload, preview) = try await service.previewSheet(file.body, plan: plan, quarter: quarter, user: user)
                guard upload.problems.isEmpty else {
                    page.fail(upload.problems.map(\.description))
                    return try pages.page("return-upload", page, context: context, path: request.uri.path, status: .unprocessableContent)
                }
                page.show(preview, changes: upload.changes)
            } catch let error as ReturnLocked {
                page.fail([error.description])
                return try pages.page("return-upload", page, context: context, path: request.uri.path, status: .conflict)
            }
            var response = try pages.page("return-upload", page, context: context, path: request.uri.path)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.post("plans/:code/returns/:period/upload/confirm") { request, context in
            guard let user = context.user else { return ReturnFormController.signIn(request) }
            let (plan, quarter) = try await service.target(context)
            var request = request
            let values = FormData(String(buffer: try await request.collectBody(upTo: RequestLimits.form))).values
            guard let changes = try? JSONDecoder().decode([ReturnSheetUpload.Change].self, from: Data(values.one("changes").utf8)) else {
                throw HTTPError(.unprocessableContent, message: "The confirmed changes could not be read. Upload the sheet again.")
            }
            do {
                try await service.applySheet(changes, plan: plan, quarter: quarter, user: user, via: .form)
            } catch let error as ReturnLocked {
                var page = ReturnUploadPage(plan: plan, quarter: quarter)
                page.fail([error.description])
                return try pages.page("return-upload", page, context: context, path: request.uri.path, status: .conflict)
            } catch let error as PlanViolation {
                throw HTTPError(.unprocessableContent, message: "\(error). Upload the sheet again.")
            }
            return Response(status: .seeOther, headers: [.location: SitePaths.quarterlyReturn(plan.code, quarter) + "?saved=1"])
        }
        api.post("plans/:code/returns/:period/sheet") { request, context -> Response in
            let user = try service.requireUser(context)
            let (plan, quarter) = try await service.target(context)
            guard Permissions.canEditAnything(user, in: plan) else { throw NotPermitted(message: "You answer for no line of this return.") }
            var request = request
            let data = Data(buffer: try await request.collectBody(upTo: RequestLimits.upload))
            let confirmText = request.uri.queryParameters.get("confirm") ?? "false"
            guard confirmText == "true" || confirmText == "false" else {
                throw HTTPError(.badRequest, message: "confirm must be true or false, not \(String(confirmText.prefix(40))).")
            }
            let confirm = confirmText == "true"
            let (upload, preview) = try await service.previewSheet(data, plan: plan, quarter: quarter, user: user)
            var applied = false
            if upload.problems.isEmpty, confirm {
                try await service.applySheet(upload.changes, plan: plan, quarter: quarter, user: user, via: .api)
                applied = true
            }
            let document = SheetUploadDocument(
                applied: applied,
                lines: preview.map { line in
                    .init(row: line.change.row, kind: line.change.kind.rawValue, ref: line.change.ref, milestoneId: line.change.milestoneID,
                          actual: line.change.actual, milestoneStatus: line.change.milestoneStatus, commentary: line.change.commentary,
                          changed: line.changed, status: line.status?.rawValue)
                },
                problems: upload.problems.map { .init(row: $0.row, column: $0.column, message: $0.message, text: $0.description) })
            return JSONResponse.make(document, status: upload.problems.isEmpty ? .ok : .unprocessableContent)
        }
    }

    /// A locked return as the API and pages answer it: 409 with the reason.
    private func locked<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ReturnLocked { throw HTTPError(.conflict, message: error.description) }
    }
}

/// The API's answer to an uploaded sheet: each row's change with the status it would have, and
/// every problem by row and column. Absent keys are nulls (no milestone id for an indicator).
struct SheetUploadDocument: Encodable {
    struct Line: Encodable {
        let row: Int
        let kind: String
        let ref: String
        let milestoneId: Int64?
        let actual: Double?
        let milestoneStatus: String?
        let commentary: String
        let changed: Bool
        let status: String?
    }

    struct Problem: Encodable {
        let row: Int
        let column: String?
        let message: String
        let text: String
    }

    let applied: Bool
    let lines: [Line]
    let problems: [Problem]
}

/// The upload form, its problems, or the preview with the confirm button.
struct ReturnUploadPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    var titlePrefix = ""
    let heading: String
    let returnHref: String
    let action: String
    /// Nil until a file is sent: Mustache renders a section for any string, the empty one too.
    var filename: String?
    var errors: [FormError] = []
    var showErrors = false
    var problems: [String] = []
    var previewing = false
    var lines: [Line] = []
    var unchanged = 0
    var changesJSON = ""
    /// Stored, not computed: templates read stored properties only.
    var hasChanges = false

    struct Line {
        let row: Int
        let ref: String
        let title: String
        let before: String
        let after: String
        let status: String
        let commentary: String
    }

    init(plan: ServicePlan, quarter: Quarter) {
        heading = "Upload a filled return sheet: \(plan.code) \(quarter.label)"
        pageTitle = "\(heading) – serviceplan"
        returnHref = SitePaths.quarterlyReturn(plan.code, quarter)
        action = returnHref + "/upload"
    }

    mutating func fail(_ messages: [String]) {
        problems = messages
        errors = messages.prefix(50).map { FormError(field: "sheet", message: $0) }
        if messages.count > 50 { errors.append(FormError(field: "sheet", message: "… and \(messages.count - 50) more")) }
        showErrors = true
        titlePrefix = "Error: "
    }

    mutating func show(_ preview: [ReturnService.SheetPreviewLine], changes: [ReturnSheetUpload.Change]) {
        previewing = true
        lines = preview.filter(\.changed).map { line in
            Line(row: line.change.row, ref: line.change.kind == .indicator ? line.change.ref : "\(line.change.ref) milestone",
                 title: line.title, before: line.before, after: line.after, status: line.status?.label ?? "",
                 commentary: line.change.commentary)
        }
        unchanged = preview.count - lines.count
        hasChanges = !lines.isEmpty
        // Only the changed lines are confirmed: an unchanged row writes nothing and audits nothing.
        let changed = Set(preview.filter(\.changed).map(\.change.row))
        changesJSON = (try? JSONEncoder().encode(changes.filter { changed.contains($0.row) })).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
