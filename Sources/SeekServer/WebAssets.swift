import Foundation
import HTTPTypes
import Hummingbird

/// The web UI's files, shipped as package resources (`Web/`) and held in memory: the search
/// page (`/`), the dashboard (`/dashboard`) and their scripts and styles (`/assets/NAME`).
/// Written by hand rather than with `FileMiddleware`: a few fixed files need no file-system
/// provider, and nothing outside the list can ever be served.
struct WebAssets: Sendable {
    private let files: [String: (data: Data, type: String)]

    static let contentTypes = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
                               "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]

    /// Loads every file of the `Web` resource folder.
    /// - Throws: `ServerError.missingResource` when the folder is not in the bundle.
    init() throws(ServerError) {
        guard let folder = Bundle.module.url(forResource: "Web", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw .missingResource(name: "Web")
        }
        var files: [String: (Data, String)] = [:]
        for name in names {
            let type = Self.contentTypes[(name as NSString).pathExtension] ?? "application/octet-stream"
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) { files[name] = (data, type) }
        }
        for required in ["index.html", "dashboard.html"] where files[required] == nil { throw .missingResource(name: required) }
        self.files = files
    }

    func add<Context: RequestContext>(to router: Router<Context>) {
        router.get("/") { _, _ in try file("index.html") }
        router.get("/dashboard") { _, _ in try file("dashboard.html") }
        router.get("/assets/:name") { _, context in try file(context.parameters.get("name") ?? "") }
    }

    private func file(_ name: String) throws -> Response {
        guard !name.hasSuffix(".html") || name == "index.html" || name == "dashboard.html", let file = files[name] else {
            throw APIError(.notFound, code: "not_found", message: "no such page")
        }
        return Response(status: .ok, headers: [
            .contentType: file.type, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff",
            .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
        ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}
