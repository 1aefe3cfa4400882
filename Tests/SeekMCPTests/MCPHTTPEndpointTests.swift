import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MCP
import SeekEngine
import SeekMCP
import SeekTestSupport
import Testing

/// The Streamable HTTP endpoint driven directly with `MCP.HTTPRequest`s (no web framework), and
/// once through a real HTTP server on loopback.
@Suite(.serialized) struct MCPHTTPEndpointTests {
    @Test func twoClientsWithCollidingIDsEachGetTheirOwnAnswers() async throws {
        let index = try MCPTestIndex(0..<8)
        let engine = try Self.engine(index)
        let endpoint = MCPHTTPEndpoint(server: SeekMCPServer(engine: engine))
        let clientA = try await HTTPTestClient.open(endpoint)
        let clientB = try await HTTPTestClient.open(endpoint)
        #expect(clientA.session != clientB.session)
        #expect(await endpoint.sessionCount == 2)

        // Both clients use the same JSON-RPC ids, at the same time, with different queries.
        for round in 0..<8 {
            let id = 100 + round
            async let answerA = clientA.search(id: id, query: "boundary layer", k: 2)
            async let answerB = clientB.search(id: id, query: "heat transfer", k: 3)
            let (a, b) = try await (answerA, answerB)
            #expect(a == .init(id: id, query: "boundary layer", results: 2))
            #expect(b == .init(id: id, query: "heat transfer", results: 3))
        }

        // DELETE ends a session; its id is then unknown. No session and no initialize: 400.
        let deleted = await endpoint.handle(clientA.request(method: "DELETE", body: nil))
        #expect(deleted.statusCode == 200)
        #expect(await endpoint.sessionCount == 1)
        let afterDelete = await endpoint.handle(clientA.request(method: "POST", body: HTTPTestClient.toolCall(id: 1, tool: "status", [:])))
        #expect(afterDelete.statusCode == 404)
        let noSession = await endpoint.handle(HTTPRequest(
            method: "POST", headers: HTTPTestClient.headers(session: nil), body: HTTPTestClient.toolCall(id: 1, tool: "status", [:])))
        #expect(noSession.statusCode == 400)

        // DNS rebinding: a Host that is not loopback is refused, and no session is kept.
        var rebound = HTTPTestClient.headers(session: nil)
        rebound["Host"] = "attacker.example:7700"
        let refused = await endpoint.handle(HTTPRequest(method: "POST", headers: rebound, body: HTTPTestClient.initializeBody(id: 1)))
        #expect(refused.statusCode == 421)
        #expect(await endpoint.sessionCount == 1)

        // Idle sessions expire.
        #expect(await endpoint.closeIdleSessions(now: .now + .seconds(3600)) == 1)
        #expect(await endpoint.sessionCount == 0)
        let expired = await endpoint.handle(clientB.request(method: "POST", body: HTTPTestClient.toolCall(id: 1, tool: "status", [:])))
        #expect(expired.statusCode == 404)
        await endpoint.closeAllSessions()
        await engine.shutdown()
    }

    @Test func aRealHTTPExchangeOnLoopback() async throws {
        let index = try MCPTestIndex(0..<4)
        let engine = try Self.engine(index)
        let endpoint = MCPHTTPEndpoint(server: SeekMCPServer(engine: engine))
        let server = try await LoopbackHTTPServer.start(endpoint: endpoint)
        let url = URL(string: "http://127.0.0.1:\(server.port)/mcp")!

        let (initialized, session) = try await Self.post(url, body: HTTPTestClient.initializeBody(id: 1), session: nil)
        #expect((initialized["result"] as? [String: Any])?["serverInfo"] != nil)
        let sessionID = try #require(session)
        _ = try await Self.post(url, body: HTTPTestClient.notificationBody("notifications/initialized"), session: sessionID, expectsMessage: false)
        let (searched, _) = try await Self.post(url, body: HTTPTestClient.toolCall(id: 2, tool: "search", ["query": "flat plate", "k": 2]),
                                                session: sessionID)
        #expect(searched["id"] as? Int == 2)
        #expect((Self.structured(searched)?["results"] as? [Any])?.count == 2)

        await endpoint.closeAllSessions()
        try await server.stop()
        await engine.shutdown()
    }

    // MARK: - Helpers

    static func engine(_ index: MCPTestIndex) throws -> SeekEngine {
        var flags = CommandLineSettings(indexDirectory: index.indexDirectory, modelDirectory: index.modelDirectory, threads: 2)
        flags.inProcess = true
        let settings = try SeekSettings.resolve(flags, environment: ["XDG_CONFIG_HOME": index.scratch.file("xdg").path])
        return SeekEngine(settings: settings, role: .service)
    }

    static func structured(_ answer: [String: Any]) -> [String: Any]? {
        (answer["result"] as? [String: Any])?["structuredContent"] as? [String: Any]
    }

    /// POSTs `body` with URLSession; the first JSON-RPC message of the SSE answer and the session header.
    static func post(_ url: URL, body: Data, session: String?, expectsMessage: Bool = true) async throws -> ([String: Any], String?) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in HTTPTestClient.headers(session: session) where name != "Host" { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == (expectsMessage ? 200 : 202), "\(String(decoding: data, as: UTF8.self))")
        let messages = HTTPTestClient.messages(inEventStream: data)
        if expectsMessage { #expect(messages.count == 1) }
        return (messages.first ?? [:], http.value(forHTTPHeaderField: "Mcp-Session-Id"))
    }
}
