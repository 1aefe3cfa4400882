import Foundation
import Hummingbird
import SeekEngine

/// The JSON API under /api, over the engine's services. Each document is the one the matching
/// CLI command prints with `--json` (`seek search`, `status`, `files`, `show`, `runs`,
/// `validate`, `remove`), field for field.
struct APIRoutes: Sendable {
    let engine: SeekEngine
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let streams: ServerSentEvents

    /// The body of POST /api/index.
    struct IndexBody: Decodable {
        /// Folders or files to add as roots and index; empty or absent: every root.
        var paths: [String]?
        /// Parse again files that failed before.
        var retryFailed: Bool?

        enum CodingKeys: String, CodingKey {
            case paths
            case retryFailed = "retry_failed"
        }
    }

    /// The answer to POST /api/index (202): the run that will cover the request.
    struct QueuedRun: Encodable {
        var run: IndexRunID
        var status = "queued"
    }

    /// The answer to DELETE /api/roots: the `seek remove --json` document.
    struct RemovedRoot: Encodable {
        let root: String
        let filesRemoved: Int
        let chunksRemoved: Int
        enum CodingKeys: String, CodingKey {
            case root
            case filesRemoved = "files_removed"
            case chunksRemoved = "chunks_removed"
        }
    }

    struct Health: Encodable {
        var status = "ok"
        var version: String
    }

    func add<Context: RequestContext>(to router: Router<Context>) {
        router.get("/healthz") { _, _ in try APIJSON.response(Health(version: SeekEngine.version)) }
        router.get("/metrics") { _, _ in
            let text = metrics.exposition(status: try? await engine.catalog.storeStatus(), eventStreams: streams.openCount)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        let api = router.group("api")
        api.get("search") { request, _ in try await search(request) }
        api.get("status") { _, _ in try APIJSON.response(try await engine.catalog.storeStatus()) }
        api.get("files") { request, _ in
            let parameters = request.uri.queryParameters
            let status = try parameters.get("status").map { text in
                guard let status = FileStatus(rawValue: text) else {
                    throw APIError.invalidRequest("status must be one of \(FileStatus.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                }
                return status
            }
            let limit = try Self.integer(parameters.get("limit"), name: "limit")
            return try APIJSON.response(try await engine.catalog.files(status: status, pathPrefix: parameters.get("path"), limit: limit))
        }
        api.get("file") { request, _ in
            guard let path = request.uri.queryParameters.get("path"), !path.isEmpty else {
                throw APIError.invalidRequest("the path parameter is missing")
            }
            return try APIJSON.response(try await engine.catalog.document(path: path))
        }
        api.get("runs") { request, _ in
            let last = try Self.integer(request.uri.queryParameters.get("last"), name: "last")
            return try APIJSON.response(try engine.catalog.runs(last: last))
        }
        api.get("validate") { _, _ in try APIJSON.response(try await engine.diagnostics.validateStore()) }
        api.get("snapshots") { request, _ in
            let last = try Self.integer(request.uri.queryParameters.get("last"), name: "last") ?? 50
            return try APIJSON.response(try engine.diagnostics.snapshots(last: last))
        }
        api.post("index") { request, context in
            var request = request
            let buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
            let body: IndexBody = buffer.readableBytes == 0
                ? IndexBody() : try JSONDecoder().decode(IndexBody.self, from: Data(buffer: buffer))
            let paths = body.paths ?? []
            try Self.requireAbsolute(paths, name: "paths")
            let scope: IndexRequest.Scope = paths.isEmpty ? .allRoots : .roots(paths)
            let run = try await engine.indexing.enqueue(IndexRequest(scope: scope, retryFailed: body.retryFailed ?? false))
            return try APIJSON.response(QueuedRun(run: run), status: .accepted)
        }
        api.delete("roots") { request, _ in
            guard let path = request.uri.queryParameters.get("path"), !path.isEmpty else {
                throw APIError.invalidRequest("the path parameter is missing")
            }
            try Self.requireAbsolute([path], name: "path")
            let removed = try await engine.indexing.removeRoot(path)
            return try APIJSON.response(RemovedRoot(root: path, filesRemoved: removed.files, chunksRemoved: removed.chunks))
        }
        api.get("events") { request, _ in
            let until = request.uri.queryParameters.get("until")
            if let until, until != "run" { throw APIError.invalidRequest("until must be 'run', not '\(until)'") }
            // Subscribe before reading the state, so nothing happens between the two unseen.
            let subscription = engine.events.subscribe()
            let active = await engine.indexing.activeRuns
            let state = ServerState(status: try? await engine.catalog.storeStatus(), running: active.running, queued: active.queued,
                                    watching: configuration.watches, version: SeekEngine.version)
            let body = streams.body(initial: state, subscription: subscription, heartbeatSeconds: configuration.heartbeatSeconds,
                                    endsAfterRun: until == "run")
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
        }
    }

    /// GET /api/search: q (required), k, mode, path, type (repeatable or comma-separated), after, before.
    func search(_ request: Request) async throws -> Response {
        let parameters = request.uri.queryParameters
        guard let query = parameters.get("q"), !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.invalidRequest("the q parameter (the query) is missing or empty")
        }
        let k = try Self.integer(parameters.get("k"), name: "k") ?? engine.settings.searchK
        let mode = try parameters.get("mode").map { text in
            guard let mode = SearchMode(rawValue: text) else {
                throw APIError.invalidRequest("mode must be one of \(SearchMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
            return mode
        } ?? engine.settings.searchMode
        if let path = parameters.get("path"), !path.isEmpty { try Self.requireAbsolute([path], name: "path") }
        let types = parameters.getAll("type").flatMap { $0.split(separator: ",").map { String($0) } }.filter { !$0.isEmpty }
        let filter = SearchFilter(
            pathPrefix: parameters.get("path").flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0).standardizedFileURL.path },
            fileTypes: types,
            modifiedAfter: try Self.date(parameters.get("after"), name: "after"),
            modifiedBefore: try Self.date(parameters.get("before"), name: "before"))
        let started = ContinuousClock.now
        do {
            let response = try await engine.searching.search(SearchRequest(query: query, mode: mode, k: k, filter: filter))
            metrics.recordSearch(mode: mode, duration: ContinuousClock.now - started, succeeded: true)
            return try APIJSON.response(response)
        } catch {
            metrics.recordSearch(mode: mode, duration: ContinuousClock.now - started, succeeded: false)
            throw error
        }
    }

    /// Throws unless every path is absolute: the server's working directory means nothing to a
    /// client, so a relative (or empty) path is refused rather than resolved against it.
    static func requireAbsolute(_ paths: [String], name: String) throws {
        for path in paths where !path.hasPrefix("/") {
            throw APIError.invalidRequest("\(name) must be absolute, not '\(path)' (the server resolves no path against its own working directory)")
        }
    }

    static func integer(_ text: String?, name: String) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw APIError.invalidRequest("\(name) must be a whole number, not '\(text)'") }
        return value
    }

    static func date(_ text: String?, name: String) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = FilterDate.parse(text) else {
            throw APIError.invalidRequest("\(name) '\(text)' is not a date: use YYYY-MM-DD or ISO 8601 (2026-01-31T12:00:00Z)")
        }
        return date
    }
}
