/// A form field as the generic form template lays it out (GOV.UK Design System patterns):
/// label, hint, inline error, and the control.
struct FormField: Sendable {
    struct Option: Sendable {
        let id: String
        let value: String
        let label: String
        let selected: Bool
    }

    enum Kind: Sendable { case text, email, textarea, select, radios, checkboxes, checkbox }

    let id: String
    let name: String
    let label: String
    let hint: String?
    private(set) var error: String?
    let value: String
    let options: [Option]
    let isText: Bool
    let isTextarea: Bool
    let isSelect: Bool
    let isRadios: Bool
    let isCheckboxes: Bool
    let isCheckbox: Bool
    let inputType: String
    let narrow: Bool
    let describedBy: String?
    /// A heading shown before this field, starting a group of fields.
    var sectionHeading: String?

    init(_ name: String, _ label: String, kind: Kind = .text, value: String = "", hint: String? = nil,
         options: [(value: String, label: String)] = [], selected: Set<String> = [], narrow: Bool = false) {
        self.id = name
        self.name = name
        self.label = label
        self.hint = hint
        self.value = value
        let chosen = selected.isEmpty ? [value] : selected
        self.options = options.enumerated().map { i, o in
            Option(id: i == 0 ? name : "\(name)-\(i + 1)", value: o.value, label: o.label, selected: chosen.contains(o.value))
        }
        isText = kind == .text || kind == .email
        isTextarea = kind == .textarea
        isSelect = kind == .select
        isRadios = kind == .radios
        isCheckboxes = kind == .checkboxes
        isCheckbox = kind == .checkbox
        inputType = kind == .email ? "email" : "text"
        self.narrow = narrow
        describedBy = hint == nil ? nil : "\(name)-hint"
        describedByIDs = hint == nil ? nil : "\(name)-hint"
        isGroup = kind == .radios || kind == .checkboxes
    }

    // Stored, not computed: Mustache reads stored properties only.
    private(set) var hasError = false
    /// `aria-describedby` value: the hint and the error, when present; nil (no attribute) when
    /// neither is: Mustache renders a section for any string, the empty one too.
    private(set) var describedByIDs: String?
    let isGroup: Bool

    mutating func fail(_ message: String) {
        error = message
        hasError = true
        describedByIDs = [hint == nil ? nil : "\(id)-hint", "\(id)-error"].compactMap { $0 }.joined(separator: " ")
    }
}

/// Any edit or create form: one template renders them all.
struct FormPage: PageView {
    var chrome = Chrome.none
    let pageTitle: String
    var titlePrefix = ""
    let caption: String
    let heading: String
    let action: String
    let version: String
    var fields: [FormField]
    let submitLabel: String
    let cancelHref: String
    let deleteAction: String?
    let deleteLabel: String
    var errors: [FormError] = []
    var showErrors = false
    var notice: String?
    /// Targets worked out from the figures, each accepted by a link (the indicator form only).
    var suggestions: [TargetSuggestion] = []
    var hasSuggestions = false
}

/// A page whose form shows errors the GOV.UK way: a summary at the top linking to each field,
/// and the message again at the field.
protocol ErrorSummaryPage {
    var fields: [FormField] { get set }
    var errors: [FormError] { get set }
    var showErrors: Bool { get set }
    var titlePrefix: String { get set }
}

extension ErrorSummaryPage {
    /// Marks fields and builds the summary. An error for no particular field (`""`) links to the
    /// first field; one for a control outside `fields` (a workflow reason) links to it by name.
    mutating func show(errors list: [(field: String, message: String)]) {
        guard !list.isEmpty else { return }
        for (field, message) in list { mark(field, message) }
        showErrors = true
        titlePrefix = "Error: "
    }

    /// Marks one field and adds its line to the summary.
    mutating func mark(_ field: String, _ message: String) {
        let index = fields.firstIndex { $0.name == field } ?? (field.isEmpty && !fields.isEmpty ? 0 : nil)
        if let index, fields[index].error == nil { fields[index].fail(message) }
        errors.append(FormError(field: index.map { fields[$0].id } ?? field, message: message))
    }
}

extension FormPage: ErrorSummaryPage {}
