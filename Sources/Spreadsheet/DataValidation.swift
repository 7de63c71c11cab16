/// A data-validation rule on a range of cells, with the error shown when the user types something else.
public struct DataValidation: Equatable, Sendable {
    public enum Rule: Equatable, Sendable {
        /// A drop-down of fixed choices. Excel limits the joined list to 255 characters and items may not contain commas.
        case list([String])
        /// A decimal number; nil bounds are open (both nil is rejected).
        case decimal(min: Double?, max: Double?)
        /// A whole number; nil bounds are open (both nil is rejected).
        case wholeNumber(min: Int?, max: Int?)
    }

    /// The cells it applies to, e.g. "C2:C50" (several ranges separated by spaces are allowed).
    public var range: String
    public var rule: Rule
    public var errorTitle: String
    public var errorMessage: String
    /// Optional hint shown when the cell is selected.
    public var promptTitle: String?
    public var prompt: String?
    public var allowBlank: Bool

    public init(range: String, rule: Rule, errorTitle: String, errorMessage: String,
                promptTitle: String? = nil, prompt: String? = nil, allowBlank: Bool = true) {
        self.range = range
        self.rule = rule
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
        self.promptTitle = promptTitle
        self.prompt = prompt
        self.allowBlank = allowBlank
    }
}
