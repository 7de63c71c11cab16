import Foundation
import Hummingbird
import Mustache
import ServicePlanReports

/// Renders typed view models through the Mustache templates in `Resources/templates`.
/// `{{x}}` escapes HTML, so every value from the database is escaped unless a template says otherwise.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    static var templatesFolder: String { Bundle.module.resourceURL!.appendingPathComponent("templates").path }
    static var staticFolder: String { Bundle.module.resourceURL!.appendingPathComponent("static").path }

    static func load() async throws -> PageRenderer {
        PageRenderer(library: try await MustacheLibrary(directory: templatesFolder))
    }

    /// An HTML response from `template` and its view model, with the layout's chrome for `context`.
    func page<View: PageView>(_ template: String, _ view: View, context: AppRequestContext, path: String,
                              status: HTTPResponse.Status = .ok) throws -> Response {
        let html = try render(template, view, context: context, path: path)
        return Response(status: status,
                        headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page's HTML, with the layout's chrome for `context`.
    func render<View: PageView>(_ template: String, _ view: View, context: AppRequestContext, path: String) throws -> String {
        var view = view
        view.chrome = Chrome(context: context, path: path)
        guard let html = library.render(TemplateValue.wrap(view), withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "The page template \(template) is missing.")
        }
        return html
    }
}
