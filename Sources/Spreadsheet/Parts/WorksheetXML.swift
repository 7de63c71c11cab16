import XMLCoder

/// `xl/worksheets/sheet1.xml` as written. Property order is the element order the schema
/// demands (sheetViews, cols, sheetData, sheetProtection, dataValidations); Excel rejects others.
struct WorksheetXML: Encodable {
    struct SheetViews: Encodable {
        var sheetView: SheetView
    }

    /// The sheet's one view, as Excel writes it for a sheet with row 1 frozen: selected, the pane,
    /// and the cursor in the pane that scrolls.
    struct SheetView: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["tabSelected", "workbookViewId"] }
        var tabSelected = 1
        var workbookViewId = 0
        var pane: Pane?
        var selection: Selection?
    }

    /// Freezes row 1.
    struct Pane: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["ySplit", "topLeftCell", "activePane", "state"] }
        var ySplit = 1
        var topLeftCell = "A2"
        var activePane = "bottomLeft"
        var state = "frozen"
    }

    /// The cursor, in the pane below the frozen row.
    struct Selection: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["pane", "activeCell", "sqref"] }
        var pane = "bottomLeft"
        var activeCell = "A2"
        var sqref = "A2"
    }

    struct Cols: Encodable {
        var col: [Col]
    }

    struct Col: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["min", "max", "width", "customWidth"] }
        var min: Int
        var max: Int
        var width: String
        var customWidth = 1
    }

    struct SheetData: Encodable {
        var row: [Row]
    }

    struct Row: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["r"] }
        var r: Int
        var c: [CellXML]
    }

    struct CellXML: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["r", "s", "t"] }
        var r: String
        var s: Int?
        var t: String?
        var v: String?
        var `is`: InlineString?
    }

    struct InlineString: Encodable {
        var t: Text
    }

    /// `<t xml:space="preserve">` keeps leading/trailing spaces and newlines intact.
    struct Text: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["xml:space"] }
        var value: String

        enum CodingKeys: String, CodingKey {
            case space = "xml:space"
            case value = "" // XMLCoder's key for an element's text content
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("preserve", forKey: .space)
            try container.encode(value, forKey: .value)
        }
    }

    struct SheetProtection: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["password", "sheet", "objects", "scenarios"] }
        var password: String?
        var sheet = 1
        var objects = 1
        var scenarios = 1
    }

    struct DataValidations: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> { ["count"] }
        var count: Int
        var dataValidation: [DataValidationXML]
    }

    struct DataValidationXML: Encodable, AttributeEncoding {
        static var attributeKeys: Set<String> {
            ["type", "operator", "allowBlank", "showInputMessage", "showErrorMessage",
             "errorStyle", "errorTitle", "error", "promptTitle", "prompt", "sqref"]
        }
        var type: String
        var `operator`: String?
        var allowBlank: Int
        var showInputMessage: Int
        var showErrorMessage = 1
        var errorStyle = "stop"
        var errorTitle: String
        var error: String
        var promptTitle: String?
        var prompt: String?
        var sqref: String
        var formula1: String
        var formula2: String?
    }

    var sheetViews: SheetViews?
    var cols: Cols?
    var sheetData: SheetData
    var sheetProtection: SheetProtection?
    var dataValidations: DataValidations?
}
