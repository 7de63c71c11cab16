import Hummingbird

/// `GET /static/document.css`: the report module's stylesheet for documents, which every page
/// uses under the site's own `app.css`. Served from memory, as the files in `/static` are cached.
struct StylesheetController {
    let stylesheet: String

    func add(to router: Router<AppRequestContext>) {
        let body = ByteBuffer(string: stylesheet)
        router.get("static/document.css") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: body))
        }
    }
}
