import Foundation
import Logging
import MCP
import SeekEngine

/// Runs the tools of `ToolCatalog` on one engine: checks a call's arguments against the tool's
/// schema, calls the engine service, and shapes the answer (`ToolOutput`). Every failure of a
/// known tool becomes a result with `isError` (the agent reads why and can correct itself); only
/// an unknown tool name is a JSON-RPC error. Nothing here ends the server.
struct ToolRunner: Sendable {
    let engine: SeekEngine
    let catalog: ToolCatalog
    let policy: IndexPathPolicy
    let startedAt: ContinuousClock.Instant
    private let logger = Logger(label: "seek.mcp")

    init(engine: SeekEngine, configuration: SeekMCPConfiguration, startedAt: ContinuousClock.Instant = .now) {
        self.engine = engine
        catalog = ToolCatalog(maxResults: engine.settings.search.maxResults)
        policy = IndexPathPolicy(allowedRoots: configuration.allowedRoots)
        self.startedAt = startedAt
    }

    /// The answer to `tools/call`.
    /// - Throws: `MCPError.invalidParams` for a tool the server does not have.
    func call(_ parameters: CallTool.Parameters) async throws(MCPError) -> CallTool.Result {
        guard let spec = catalog.spec(named: parameters.name) else {
            throw .invalidParams("Unknown tool: \(parameters.name) (tools: \(catalog.specs.map(\.name).joined(separator: ", ")))")
        }
        let started = ContinuousClock.now
        do {
            let arguments = try spec.validate(parameters.arguments)
            let output = try await run(spec.name, arguments)
            logger.debug("tool call", metadata: ["tool": "\(spec.name)", "ms": "\((ContinuousClock.now - started).milliseconds)"])
            return output.result
        } catch {
            logger.info("tool call failed", metadata: ["tool": "\(spec.name)", "code": "\(error.code)", "error": "\(error)"])
            return ToolOutput.result(for: error)
        }
    }

    private func run(_ name: String, _ arguments: ToolArguments) async throws(ToolFailure) -> ToolOutput {
        do {
            switch name {
            case "search": return try await search(arguments)
            case "get_document": return try await document(arguments)
            case "list_files": return try await files(arguments)
            case "status": return try await status()
            case "index": return try await index(arguments)
            case "remember": return try await remember(arguments)
            case "forget": return try await forget(arguments)
            case "related": return try await related(arguments)
            case "links": return try await links(arguments)
            case "tags": return try await tags(arguments)
            case "gaps": return try await gaps(arguments)
            default: throw ToolFailure.invalidArguments("the tool \(name) has no implementation")
            }
        } catch let failure as ToolFailure {
            throw failure
        } catch let error as EngineError {
            throw ToolFailure(error)
        } catch {
            throw ToolFailure.engine(code: "failed", message: "\(name) failed: \(error)")
        }
    }

    // MARK: - Tools

    private func search(_ arguments: ToolArguments) async throws -> ToolOutput {
        let filter = SearchFilter(
            pathPrefix: arguments.string("path").map(Self.absolutePath),
            fileTypes: arguments.string("type").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [],
            modifiedAfter: try arguments.string("after").map { try Self.date($0, argument: "after") },
            modifiedBefore: try arguments.string("before").map { try Self.date($0, argument: "before") },
            tag: arguments.string("tag"), linkedFrom: arguments.string("linked_from"))
        let mode = arguments.string("mode").flatMap(SearchMode.init(rawValue:)) ?? .hybrid
        let response = try await engine.searching.search(SearchRequest(
            query: arguments.string("query") ?? "", mode: mode, k: arguments.integer("k") ?? 10, filter: filter))
        return try ToolOutput(text: ToolText.search(response), encoding: response)
    }

    private func document(_ arguments: ToolArguments) async throws -> ToolOutput {
        let path = arguments.string("path") ?? ""
        let maxCharacters = arguments.integer("max_chars") ?? 20_000
        if let chunk = arguments.integer("chunk") {
            var passage = try await engine.catalog.passage(path: path, chunk: chunk, contextChunks: arguments.integer("context_chunks") ?? 1)
            let truncated = passage.text.count > maxCharacters
            if truncated { passage.text = String(passage.text.prefix(maxCharacters)) }
            return try ToolOutput(text: ToolText.passage(passage, truncated: truncated), encoding: passage,
                                  adding: ["truncated": .bool(truncated)])
        }
        if arguments.integer("context_chunks") != nil {
            throw ToolFailure.invalidArguments("get_document: 'context_chunks' needs 'chunk' (the chunk to read around)")
        }
        var document = try await engine.catalog.document(path: path)
        let total = document.text.count, chunkCount = document.chunks.count
        if total > maxCharacters {
            document.text = String(document.text.prefix(maxCharacters))
            // Only the chunks that start inside the text returned.
            let shownScalars = document.text.unicodeScalars.count
            document.chunks = document.chunks.filter { $0.start < shownScalars }
        }
        return try ToolOutput(
            text: ToolText.document(document, chunkCount: chunkCount, shownCharacters: min(total, maxCharacters), totalCharacters: total),
            encoding: document,
            adding: ["truncated": .bool(total > maxCharacters), "total_chars": .int(total)])
    }

    private func files(_ arguments: ToolArguments) async throws -> ToolOutput {
        let limit = arguments.integer("limit") ?? 100
        let rows = try await engine.catalog.files(
            status: arguments.string("status").flatMap(FileStatus.init(rawValue:)), pathPrefix: arguments.string("path_prefix"), limit: limit)
        return try ToolOutput(text: ToolText.files(rows, limit: limit), encoding: ["files": rows])
    }

    private func status() async throws -> ToolOutput {
        let status = try await engine.catalog.storeStatus()
        let server = ServerStatistics(modelLoads: engine.model.loadCount, searcherRefreshes: engine.searching.refreshCount,
                                      uptimeSeconds: (ContinuousClock.now - startedAt).seconds)
        return try ToolOutput(text: ToolText.status(status, server: server), encoding: status,
                              adding: ["server": try ToolOutput.value(of: server)])
    }

    private func index(_ arguments: ToolArguments) async throws -> ToolOutput {
        let planned = try policy.runs(for: arguments.strings("paths"), storedRoots: try await storedRoots())
        var runs: [IndexToolResult.Run] = []
        for run in planned {
            if arguments.bool("wait") ?? true {
                let result = try await engine.indexing.run(run.request)
                runs.append(.init(run: result.run.rawValue, scope: run.scope, paths: run.paths, report: result.report))
            } else {
                let id = try await engine.indexing.enqueue(run.request)
                runs.append(.init(run: id.rawValue, scope: run.scope, paths: run.paths, report: nil))
            }
        }
        let result = IndexToolResult(runs: runs)
        return try ToolOutput(text: ToolText.index(result), encoding: result)
    }

    private func remember(_ arguments: ToolArguments) async throws -> ToolOutput {
        let memory = try await engine.memories.remember(
            text: arguments.string("text") ?? "", title: arguments.string("title"), tags: arguments.strings("tags") ?? [])
        return try ToolOutput(text: ToolText.remembered(memory), encoding: memory)
    }

    private func forget(_ arguments: ToolArguments) async throws -> ToolOutput {
        let forgotten = try await engine.memories.forget(id: arguments.string("id") ?? "")
        return try ToolOutput(text: ToolText.forgotten(forgotten), encoding: forgotten)
    }

    private func related(_ arguments: ToolArguments) async throws -> ToolOutput {
        let related = try await engine.searching.related(path: arguments.string("path") ?? "", k: arguments.integer("k") ?? 10)
        return try ToolOutput(text: ToolText.related(related), encoding: related)
    }

    private func links(_ arguments: ToolArguments) async throws -> ToolOutput {
        let links = try await engine.graph.links(path: arguments.string("path") ?? "")
        return try ToolOutput(text: ToolText.links(links), encoding: links)
    }

    private func tags(_ arguments: ToolArguments) async throws -> ToolOutput {
        let report = try await engine.graph.tags(arguments.string("tag"))
        return try ToolOutput(text: ToolText.tags(report), encoding: report)
    }

    private func gaps(_ arguments: ToolArguments) async throws -> ToolOutput {
        let report = try await engine.graph.gaps(threshold: arguments.number("threshold") ?? 0.8, limit: arguments.integer("limit") ?? 20,
                                           pathPrefix: arguments.string("path"))
        return try ToolOutput(text: ToolText.gaps(report), encoding: report)
    }

    /// The index's roots; none before the index exists.
    private func storedRoots() async throws(EngineError) -> [String] {
        do {
            return try await engine.catalog.storeStatus().roots
        } catch {
            if case .noIndex = error { return [] }
            throw error
        }
    }

    // MARK: - Arguments

    private static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func date(_ text: String, argument: String) throws(ToolFailure) -> Date {
        guard let date = FilterDate.parse(text) else {
            throw .invalidArguments("search: '\(argument)' is '\(text)', not a date: use YYYY-MM-DD or ISO 8601 (2026-01-31T12:00:00Z)")
        }
        return date
    }
}
