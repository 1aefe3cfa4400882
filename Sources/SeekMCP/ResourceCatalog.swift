import Foundation
import MCP
import SeekEngine

/// Seek's MCP resources: every indexed file as `seek://file/<path>` (its extracted text) and
/// every memory as `seek://memory/<id>` (its Markdown file), listed in pages.
struct ResourceCatalog: Sendable {
    let engine: SeekEngine
    let pageSize: Int

    /// The URI templates `resources/templates/list` shows.
    var templates: [Resource.Template] {
        [
            Resource.Template(uriTemplate: "seek://file/{path}", name: "Indexed file",
                              description: "The extracted text of an indexed file; {path} is its absolute path without the leading slash.",
                              mimeType: "text/plain"),
            Resource.Template(uriTemplate: "seek://memory/{id}", name: "Memory",
                              description: "A memory written by the remember tool (Markdown with front matter).", mimeType: "text/markdown"),
        ]
    }

    /// One page of resources: memories first, then indexed files by path. `cursor` is the
    /// `nextCursor` of the previous page.
    /// - Throws: `MCPError.invalidParams` for a cursor this server did not give,
    ///   `MCPError.internalError` when the index cannot be read.
    func list(cursor: String?) async throws(MCPError) -> ListResources.Result {
        let offset: Int
        if let cursor {
            guard let value = Int(cursor), value >= 0 else { throw .invalidParams("'\(cursor)' is not a cursor of resources/list") }
            offset = value
        } else {
            offset = 0
        }
        let memoryDirectory = engine.memories.directory.path
        let memories: [Memory]
        let files: [FileRow]
        do {
            memories = try engine.memories.list()
            files = try await engine.catalog.files(status: .indexed).filter { !PathHierarchy.path($0.path, isUnder: memoryDirectory) }
        } catch EngineError.noIndex {
            return ListResources.Result(resources: [])
        } catch {
            throw .internalError("\(error)")
        }
        let resources = memories.map {
            Resource(name: $0.title, uri: SeekResourceURI.memory(id: $0.id).uri, description: "Memory \($0.id), created \($0.created)",
                     mimeType: "text/markdown")
        } + files.map {
            Resource(name: URL(fileURLWithPath: $0.path).lastPathComponent, uri: SeekResourceURI.file(path: $0.path).uri,
                     description: $0.path, mimeType: "text/plain")
        }
        let page = Array(resources.dropFirst(offset).prefix(pageSize))
        let next = offset + page.count < resources.count ? String(offset + page.count) : nil
        return ListResources.Result(resources: page, nextCursor: next)
    }

    /// The contents of `uri`.
    /// - Throws: `MCPError.invalidParams` for a URI that is not Seek's, the MCP "resource not
    ///   found" error (-32002) for a file that is not indexed or a memory that does not exist.
    func read(uri: String) async throws(MCPError) -> ReadResource.Result {
        guard let resource = SeekResourceURI(uri) else {
            throw .invalidParams("'\(uri)' is not a Seek resource (seek://file/<path> or seek://memory/<id>)")
        }
        do {
            switch resource {
            case .file(let path):
                let document = try await engine.catalog.document(path: path)
                return ReadResource.Result(contents: [.text(document.text, uri: uri, mimeType: "text/plain")])
            case .memory(let id):
                let memory = try engine.memories.memory(id: id)
                let contents = try String(contentsOfFile: memory.path, encoding: .utf8)
                return ReadResource.Result(contents: [.text(contents, uri: uri, mimeType: "text/markdown")])
            }
        } catch let error as EngineError {
            switch error {
            case .notIndexed, .invalidRequest, .noIndex:
                throw .serverError(code: -32002, message: "Resource not found: \(uri): \(error.description)")
            default:
                throw .internalError(error.description)
            }
        } catch {
            throw .internalError("cannot read \(uri): \(error)")
        }
    }
}
