import Foundation
import Mustache

/// Renders the monitoring report to HTML through the templates in `Resources/templates`:
/// the report's own body (which the web app puts inside its page layout) or a standalone
/// document that carries its stylesheet, for committee papers, e-mail and PDF.
public struct ReportRenderer: Sendable {
    let library: MustacheLibrary
    /// The stylesheet for documents: typography, tables, status symbols, charts and print rules.
    /// The web app serves it as `/static/document.css` and adds its own site styles.
    public let stylesheet: String

    static var resources: URL {
        // SwiftPM always builds the module's resource bundle; without it nothing can be rendered.
        Bundle.module.resourceURL ?? URL(fileURLWithPath: Bundle.module.bundlePath)
    }

    public static func load() async throws -> ReportRenderer {
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        let css = try String(contentsOf: resources.appendingPathComponent("document.css"), encoding: .utf8)
        return ReportRenderer(library: library, stylesheet: css)
    }

    /// The report's `<article>`, to sit inside a page.
    public func body(_ report: MonitoringReport) throws -> String {
        try render(report, "report")
    }

    /// The report as a standalone HTML file, its stylesheet inside it.
    public func document(_ report: MonitoringReport) throws -> String {
        try render(Document(pageTitle: report.pageTitle, css: stylesheet, report: report), "report-document")
    }

    /// A board report's `<article>`, to sit inside a page.
    public func body(_ report: BoardReport) throws -> String {
        try render(report, "board-report")
    }

    /// A board report as a standalone HTML file, its stylesheet inside it.
    public func document(_ report: BoardReport) throws -> String {
        try render(BoardDocument(pageTitle: report.pageTitle, css: stylesheet, board: report), "board-report-document")
    }

    struct BoardDocument {
        let pageTitle: String
        let css: String
        let board: BoardReport
    }

    /// The standalone document's view model: the report and the stylesheet it carries.
    struct Document {
        let pageTitle: String
        let css: String
        let report: MonitoringReport
    }

    private func render(_ object: Any, _ template: String) throws -> String {
        guard let html = library.render(TemplateValue.wrap(object), withTemplate: template) else { throw MissingTemplate(name: template) }
        return html
    }

    /// A broken build, not a missing report: left unmapped, so the web app logs it as a 500.
    public struct MissingTemplate: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "The \(name) template is missing from the build's resources." }
    }
}
