import Foundation
import MCP
import SeekTestSupport
import Testing

/// The official Swift SDK's client over a real `seek mcp` child process (stdio).
@Suite(.serialized) struct SeekMCPServerTests {
    static let toolNames = ["search", "get_document", "list_files", "status", "index", "remember", "forget", "related", "links", "tags", "gaps"]

    @Test func initializeAndListTheElevenToolsWithValidSchemas() async throws {
        let index = try MCPTestIndex(0..<3)
        let server = try await MCPChildProcess(arguments: index.serverArguments, in: index.scratch.url)
        let (tools, _) = try await server.client.listTools()
        #expect(tools.map(\.name) == Self.toolNames)
        for tool in tools {
            let schema = try #require(tool.inputSchema.objectValue, "\(tool.name): the schema is an object")
            #expect(schema["type"] == "object")
            #expect(schema["additionalProperties"] == false)
            let properties = try #require(schema["properties"]?.objectValue, "\(tool.name): properties")
            for (name, property) in properties {
                let type = property.objectValue?["type"]?.stringValue
                #expect(["string", "integer", "number", "boolean", "array"].contains(type ?? ""), "\(tool.name).\(name) has a JSON type")
                let description = property.objectValue?["description"]?.stringValue
                #expect(description?.isEmpty == false, "\(tool.name).\(name) is described")
                if type == "array" { #expect(property.objectValue?["items"]?.objectValue?["type"] == "string") }
            }
            for required in schema["required"]?.arrayValue ?? [] {
                #expect(properties[required.stringValue ?? ""] != nil, "\(tool.name): required \(required) is a property")
            }
            #expect(!(tool.description ?? "").isEmpty)
        }
        let search = try #require(tools.first { $0.name == "search" }?.inputSchema.objectValue)
        #expect(search["required"] == ["query"])
        let searchProperties = search["properties"]?.objectValue ?? [:]
        #expect(Set(searchProperties.keys) == ["query", "k", "mode", "path", "type", "after", "before", "tag", "linked_from"])
        #expect(searchProperties["k"]?.objectValue?["default"] == 10)
        #expect(searchProperties["mode"]?.objectValue?["enum"] == ["hybrid", "vector", "keyword"])
        let getDocument = tools.first { $0.name == "get_document" }?.inputSchema.objectValue?["properties"]?.objectValue ?? [:]
        #expect(Set(getDocument.keys) == ["path", "chunk", "context_chunks", "max_chars"])
        #expect(getDocument["max_chars"]?.objectValue?["default"] == 20000)
        #expect(tools.first { $0.name == "status" }?.inputSchema.objectValue?["properties"] == .object([:]))
        #expect(tools.first { $0.name == "forget" }?.inputSchema.objectValue?["required"] == ["id"])
        #expect(tools.first { $0.name == "remember" }?.inputSchema.objectValue?["required"] == ["text"])
        #expect(await server.stop() == 0)
    }

    @Test func searchDocumentFilesStatusAndRelatedWithGoodAndBadArguments() async throws {
        let index = try MCPTestIndex(0..<12)
        let server = try await MCPChildProcess(arguments: index.serverArguments, in: index.scratch.url)

        // search
        let found = try await server.call("search", ["query": "boundary layer flow over a flat plate", "k": 3])
        #expect(found.isError != true)
        let results = try #require(found.object["results"]?.arrayValue)
        #expect(results.count == 3)
        let best = try #require(results.first?.objectValue)
        let bestPath = try #require(best["path"]?.stringValue)
        #expect(index.paths.contains(bestPath))
        #expect(best["title"]?.stringValue?.isEmpty == false)
        #expect(best["chunk"]?.objectValue?["ordinal"]?.intValue != nil)
        #expect(best["snippet"]?.stringValue?.isEmpty == false)
        #expect(found.object["mode"] == "hybrid")
        #expect(found.text.contains(bestPath))
        let keyword = try await server.call("search", ["query": "flat plate", "mode": "keyword", "type": "txt", "after": "2000-01-01"])
        #expect(keyword.isError != true && keyword.object["mode"] == "keyword")
        let outside = try await server.call("search", ["query": "flow", "path": .string(index.inbox)])
        #expect(outside.object["results"]?.arrayValue?.isEmpty == true)
        for (arguments, code, words) in [
            (["query": ""] as [String: Value], "invalid_arguments", "must not be empty"),
            (["query": "   "], "invalid_request", "empty"),
            ([:], "invalid_arguments", "'query' is required"),
            (["query": "flow", "k": 0], "invalid_arguments", "between 1 and"),
            (["query": "flow", "k": "ten"], "invalid_arguments", "must be an integer"),
            (["query": "flow", "mode": "fuzzy"], "invalid_arguments", "must be one of"),
            (["query": "flow", "after": "last tuesday"], "invalid_arguments", "not a date"),
            (["query": "flow", "limit": 3], "invalid_arguments", "unknown argument 'limit'"),
        ] {
            let failed = try await server.call("search", arguments)
            #expect(failed.isError == true, "search \(arguments) fails")
            #expect(failed.errorCode == code, "search \(arguments): \(failed.text)")
            #expect(failed.text.contains(words), "search \(arguments): \(failed.text)")
        }

        // get_document
        let document = try await server.call("get_document", ["path": .string(bestPath)])
        #expect(document.isError != true)
        #expect(document.object["path"]?.stringValue == bestPath)
        #expect(document.object["truncated"] == false)
        let fullText = try #require(document.object["text"]?.stringValue)
        #expect(fullText.count > 100)
        let cut = try await server.call("get_document", ["path": .string(bestPath), "max_chars": 50])
        #expect(cut.object["truncated"] == true && cut.object["text"]?.stringValue?.count == 50)
        #expect(cut.object["total_chars"]?.intValue == fullText.count)
        let passage = try await server.call("get_document", ["path": .string(bestPath), "chunk": 0, "context_chunks": 0])
        #expect(passage.object["chunk"] == 0 && passage.object["chunks"]?.arrayValue?.count == 1)
        #expect(fullText.contains(passage.object["text"]?.stringValue ?? "-"))
        for (arguments, code) in [
            (["path": .string(index.scratch.file("nowhere.txt").path)] as [String: Value], "not_indexed"),
            (["path": "/etc/passwd"], "not_indexed"),
            (["path": .string(bestPath), "chunk": 999], "invalid_request"),
            (["path": .string(bestPath), "context_chunks": 2], "invalid_arguments"),
            (["path": .string(bestPath), "max_chars": 0], "invalid_arguments"),
            (["chunk": 1], "invalid_arguments"),
        ] {
            let failed = try await server.call("get_document", arguments)
            #expect(failed.isError == true && failed.errorCode == code, "get_document \(arguments): \(failed.text)")
        }

        // list_files
        let files = try await server.call("list_files", ["status": "indexed", "limit": 5])
        #expect(files.object["files"]?.arrayValue?.count == 5)
        #expect(files.object["files"]?.arrayValue?.first?.objectValue?["status"] == "indexed")
        let all = try await server.call("list_files", ["path_prefix": .string(index.docs)])
        #expect(all.object["files"]?.arrayValue?.count == 12)
        let badStatus = try await server.call("list_files", ["status": "lost"])
        #expect(badStatus.isError == true && badStatus.errorCode == "invalid_arguments")
        let badLimit = try await server.call("list_files", ["limit": -1])
        #expect(badLimit.isError == true && badLimit.errorCode == "invalid_arguments")

        // status
        let status = try await server.call("status")
        #expect(status.object["roots"] == .array([.string(index.docs)]))
        #expect(status.object["chunks"]?.intValue ?? 0 >= 12)
        #expect(status.object["server"]?.objectValue?["model_loads"] == 1)
        let statusWithArguments = try await server.call("status", ["verbose": true])
        #expect(statusWithArguments.isError == true && statusWithArguments.errorCode == "invalid_arguments")

        // related
        let related = try await server.call("related", ["path": .string(bestPath), "k": 4])
        #expect(related.isError != true)
        let relatedPaths = related.object["results"]?.arrayValue?.compactMap { $0.objectValue?["path"]?.stringValue } ?? []
        #expect(relatedPaths.count == 4)
        #expect(!relatedPaths.contains(bestPath))
        #expect(Set(relatedPaths).isSubset(of: Set(index.paths)))
        let scores = related.object["results"]?.arrayValue?.compactMap { $0.objectValue?["score"]?.doubleValue } ?? []
        #expect(scores == scores.sorted(by: >))
        let relatedMissing = try await server.call("related", ["path": "/etc/hosts"])
        #expect(relatedMissing.isError == true && relatedMissing.errorCode == "not_indexed")
        let relatedBadK = try await server.call("related", ["path": .string(bestPath), "k": 0])
        #expect(relatedBadK.isError == true && relatedBadK.errorCode == "invalid_arguments")

        // An unknown tool is a JSON-RPC error; the server goes on.
        await #expect(throws: MCPError.self) { _ = try await server.call("delete_everything") }
        #expect(try await server.call("status").isError != true)
        #expect(await server.stop() == 0)
    }

    @Test func indexToolReindexesRootsAddsAllowedFoldersAndRefusesOthers() async throws {
        let index = try MCPTestIndex(0..<4)
        let server = try await MCPChildProcess(arguments: index.serverArguments, in: index.scratch.url)

        let again = try await server.call("index", ["paths": [.string(index.docs)]])
        #expect(again.isError != true, "\(again.text)")
        let run = try #require(again.object["runs"]?.arrayValue?.first?.objectValue)
        #expect(run["scope"] == "roots")
        #expect(run["report"]?.objectValue?["files_unchanged"] == 4)

        // A new folder inside the allowed one becomes a root; a search finds its file at once.
        _ = try MCPTestIndex.writeCranfield(20..<23, into: index.scratch, folder: "inbox/papers")
        let added = try await server.call("index", ["paths": [.string(index.inbox + "/papers")]])
        #expect(added.object["runs"]?.arrayValue?.first?.objectValue?["report"]?.objectValue?["files_indexed"] == 3, "\(added.text)")
        let status = try await server.call("status")
        #expect(status.object["roots"]?.arrayValue?.contains(.string(index.inbox + "/papers")) == true)

        // A changed file under a root: a `changes` run.
        try index.scratch.write("Supersonic wing flutter of thin panels.", to: "docs/extra.txt")
        let changed = try await server.call("index", ["paths": [.string(index.docs + "/extra.txt")]])
        #expect(changed.object["runs"]?.arrayValue?.first?.objectValue?["scope"] == "changes")
        #expect(changed.object["runs"]?.arrayValue?.first?.objectValue?["report"]?.objectValue?["files_indexed"] == 1)

        // Anything else is refused, symlinks out of the allowed folder included; nothing is added.
        try FileManager.default.createSymbolicLink(atPath: index.inbox + "/escape", withDestinationPath: NSTemporaryDirectory())
        for path in [NSTemporaryDirectory(), "/etc", index.inbox + "/../docs-elsewhere", index.inbox + "/escape"] {
            let refused = try await server.call("index", ["paths": [.string(path)]])
            #expect(refused.isError == true && refused.errorCode == "not_allowed", "\(path): \(refused.text)")
        }
        let missing = try await server.call("index", ["paths": [.string(index.inbox + "/not-there")]])
        #expect(missing.isError == true && missing.errorCode == "invalid_root", "\(missing.text)")
        let badPaths = try await server.call("index", ["paths": []])
        #expect(badPaths.isError == true && badPaths.errorCode == "invalid_arguments")
        #expect(try await server.call("status").object["roots"]?.arrayValue?.count == 2)

        // wait=false: the run id at once; a search still answers while it runs.
        _ = try MCPTestIndex.writeCranfield(100..<160, into: index.scratch, folder: "inbox/more")
        let queued = try await server.call("index", ["paths": [.string(index.inbox + "/more")], "wait": false])
        let queuedRun = try #require(queued.object["runs"]?.arrayValue?.first?.objectValue)
        #expect(queuedRun["run"]?.intValue != nil && queuedRun["report"] == .null, "\(queued.text)")
        let during = try await server.call("search", ["query": "panel flutter", "k": 2])
        #expect(during.isError != true && during.object["results"]?.arrayValue?.isEmpty == false)
        var indexedMore = 0
        for _ in 0..<600 where indexedMore < 60 {
            try await Task.sleep(for: .milliseconds(100))
            indexedMore = try await server.call("list_files", ["path_prefix": .string(index.inbox + "/more"), "limit": 1000])
                .object["files"]?.arrayValue?.count ?? 0
        }
        #expect(indexedMore == 60)
        #expect(await server.stop() == 0)
    }

    @Test func rememberIsSearchableAtOnceAndForgetRemovesIt() async throws {
        let index = try MCPTestIndex(0..<4)
        let server = try await MCPChildProcess(arguments: index.serverArguments, in: index.scratch.url)
        let remembered = try await server.call("remember", [
            "text": "The staging database password rotates every Thursday; ask Quillon for the vault path.",
            "title": "Staging credentials rotation", "tags": ["ops", "zanzibar-runbook"],
        ])
        #expect(remembered.isError != true, "\(remembered.text)")
        let id = try #require(remembered.object["id"]?.stringValue)
        let path = try #require(remembered.object["path"]?.stringValue)
        #expect(id.hasPrefix("mem-"))
        #expect(path == index.indexDirectory + "/memories/\(id).md")
        #expect(remembered.object["chunks"]?.intValue ?? 0 >= 1)
        #expect(remembered.object["source"] == "mcp" && remembered.object["tags"] == ["ops", "zanzibar-runbook"])
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file.hasPrefix("---\n") && file.contains("title: Staging credentials rotation") && file.contains("source: mcp"))

        for (query, mode) in [("Quillon vault", "keyword"), ("zanzibar-runbook", "keyword"), ("when does the staging password change", "hybrid")] {
            let found = try await server.call("search", ["query": .string(query), "mode": .string(mode), "k": 3])
            let paths = found.object["results"]?.arrayValue?.compactMap { $0.objectValue?["path"]?.stringValue } ?? []
            #expect(paths.contains(path), "\(mode) search for \(query) finds the memory: \(found.text)")
        }
        let memoryResource = try await server.client.readResource(uri: "seek://memory/\(id)")
        #expect(memoryResource.first?.text?.contains("Quillon") == true)
        #expect(memoryResource.first?.mimeType == "text/markdown")
        let listed = try await server.client.listResources()
        #expect(listed.resources.contains { $0.uri == "seek://memory/\(id)" && $0.name == "Staging credentials rotation" })

        let forgotten = try await server.call("forget", ["id": .string(id)])
        #expect(forgotten.isError != true, "\(forgotten.text)")
        #expect(forgotten.object["chunks_removed"]?.intValue ?? 0 >= 1)
        #expect(!FileManager.default.fileExists(atPath: path))
        let gone = try await server.call("search", ["query": "Quillon vault", "mode": "keyword"])
        #expect(gone.object["results"]?.arrayValue?.contains { $0.objectValue?["path"]?.stringValue == path } == false)
        #expect(try await server.call("list_files", ["path_prefix": .string(path)]).object["files"] == .array([]))

        for bad in [id, "../../docs/0", "mem-x", ".."] {
            let refused = try await server.call("forget", ["id": .string(bad)])
            #expect(refused.isError == true && refused.errorCode == "invalid_request", "forget \(bad): \(refused.text)")
        }
        #expect(FileManager.default.fileExists(atPath: index.paths[0]))
        for arguments in [["text": ""], ["title": "no text"], ["text": "x", "tags": [1]]] as [[String: Value]] {
            let refused = try await server.call("remember", arguments)
            #expect(refused.isError == true && refused.errorCode == "invalid_arguments", "remember \(arguments): \(refused.text)")
        }
        let blank = try await server.call("remember", ["text": "  \n "])
        #expect(blank.isError == true && blank.errorCode == "invalid_request")
        // A NUL would make the file binary: refused before anything is written.
        let memoryFiles = { try FileManager.default.contentsOfDirectory(atPath: index.indexDirectory + "/memories") }
        let before = try memoryFiles()
        for arguments in [["text": "nul \u{0} inside"], ["text": "fine", "title": "bell \u{7}"], ["text": "fine", "tags": ["esc\u{1B}"]]] as [[String: Value]] {
            let refused = try await server.call("remember", arguments)
            #expect(refused.isError == true && refused.errorCode == "invalid_request", "remember \(arguments): \(refused.text)")
            #expect(refused.text.contains("control character"), "\(refused.text)")
        }
        #expect(try memoryFiles() == before)
        #expect(await server.stop() == 0)
    }

    @Test func resourcesListAndReadIndexedFilesOnly() async throws {
        let index = try MCPTestIndex(0..<5)
        let server = try await MCPChildProcess(arguments: index.serverArguments, in: index.scratch.url)
        let (resources, next) = try await server.client.listResources()
        #expect(next == nil)
        #expect(resources.count == 5)
        #expect(Set(resources.compactMap { $0.description }) == Set(index.paths))
        let first = try #require(resources.first)
        #expect(first.uri.hasPrefix("seek://file/"))
        let contents = try await server.client.readResource(uri: first.uri)
        let shown = try index.seek(["show", first.description ?? ""]).json()
        #expect(contents.first?.text == shown["text"] as? String)
        #expect(contents.first?.uri == first.uri)
        let templates = try await server.client.listResourceTemplates()
        #expect(templates.templates.map(\.uriTemplate) == ["seek://file/{path}", "seek://memory/{id}"])
        await #expect(throws: MCPError.self) { _ = try await server.client.readResource(uri: "seek://file/etc/passwd") }
        await #expect(throws: MCPError.self) { _ = try await server.client.readResource(uri: "file:///etc/passwd") }
        await #expect(throws: MCPError.self) { _ = try await server.client.readResource(uri: "seek://memory/mem-20260101-000000-000000") }
        #expect(await server.stop() == 0)
    }
}
