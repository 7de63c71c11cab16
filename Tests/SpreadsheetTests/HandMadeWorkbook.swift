import Foundation

/// Builds workbooks from raw XML the way other producers (Excel, generators) write them,
/// to exercise reader paths our own writer never produces.
struct HandMadeWorkbook {
    var sheetPath = "xl/worksheets/sheet1.xml"
    /// Target as written in workbook.xml.rels (relative to xl/, or absolute with a leading slash).
    var sheetTarget = "worksheets/sheet1.xml"
    var sheetName = "Data"
    var sheetData = ""
    var sharedStrings: [String]? = nil // raw <si> bodies
    var numFmts = ""
    var cellXfs = #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
    var includeWorkbook = true
    var includeSheet = true

    func build() throws -> Data {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [(String, Data)] = []
        func add(_ path: String, _ xml: String) {
            parts.append((path, Data(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml).utf8)))
        }
        add("[Content_Types].xml", #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#)
        add("_rels/.rels", #"""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """#)
        if includeWorkbook {
            // Pretty-printed, with an unusual prefix for the relationships namespace.
            add("xl/workbook.xml", #"""
                <workbook xmlns="\#(main)" xmlns:rel="\#(rel)">
                  <bookViews><workbookView/></bookViews>
                  <sheets>
                    <sheet name="\#(sheetName)" sheetId="7" rel:id="rId9"/>
                  </sheets>
                </workbook>
                """#)
        }
        var rels = #"<Relationship Id="rId9" Type="\#(rel)/worksheet" Target="\#(sheetTarget)"/>"#
        rels += #"<Relationship Id="rId2" Type="\#(rel)/styles" Target="styles.xml"/>"#
        if sharedStrings != nil {
            rels += #"<Relationship Id="rId3" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/>"#
        }
        add("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)</Relationships>"#)
        add("xl/styles.xml", #"<styleSheet xmlns="\#(main)">\#(numFmts)<cellXfs>\#(cellXfs)</cellXfs></styleSheet>"#)
        if let sharedStrings {
            let items = sharedStrings.map { "<si>\($0)</si>" }.joined()
            add("xl/sharedStrings.xml", #"<sst xmlns="\#(main)" count="\#(sharedStrings.count)">\#(items)</sst>"#)
        }
        if includeSheet {
            add(sheetPath, #"<worksheet xmlns="\#(main)"><sheetData>\#(sheetData)</sheetData></worksheet>"#)
        }
        return try TestSupport.zip(parts)
    }
}
