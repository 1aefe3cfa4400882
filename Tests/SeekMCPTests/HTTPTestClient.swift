import Foundation
import MCP
import SeekMCP

/// One MCP client of an `MCPHTTPEndpoint`, talking to it directly with `MCP.HTTPRequest`s.
struct HTTPTestClient: Sendable {
    let endpoint: MCPHTTPEndpoint
    let session: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Initialises a session (JSON-RPC id 1, as every client does) and sends `initialized`.
    static func open(_ endpoint: MCPHTTPEndpoint) async throws -> HTTPTestClient {
        let response = await endpoint.handle(HTTPRequest(method: "POST", headers: headers(session: nil), body: initializeBody(id: 1)))
        guard let session = response.headers[HTTPHeaderName.sessionID], response.statusCode == 200 else {
            throw Failure(description: "initialize answered \(response.statusCode): \(String(decoding: response.bodyData ?? Data(), as: UTF8.self))")
        }
        let client = HTTPTestClient(endpoint: endpoint, session: session)
        _ = try await client.messages(of: response)
        let initialized = await endpoint.handle(client.request(method: "POST", body: notificationBody("notifications/initialized")))
        guard initialized.statusCode == 202 else { throw Failure(description: "initialized answered \(initialized.statusCode)") }
        return client
    }

    /// What a search answer said: its JSON-RPC id, the query its results are for, how many.
    struct SearchAnswer: Sendable, Equatable {
        var id: Int?
        var query: String?
        var results: Int?
    }

    /// Calls `search` with JSON-RPC id `id`.
    func search(id: Int, query: String, k: Int) async throws -> SearchAnswer {
        let response = await endpoint.handle(request(method: "POST", body: Self.toolCall(id: id, tool: "search", ["query": query, "k": k])))
        guard let answer = try await messages(of: response).first(where: { $0["id"] != nil }) else {
            throw Failure(description: "no answer to search (status \(response.statusCode))")
        }
        let structured = (answer["result"] as? [String: Any])?["structuredContent"] as? [String: Any]
        return SearchAnswer(id: answer["id"] as? Int, query: structured?["query"] as? String, results: (structured?["results"] as? [Any])?.count)
    }

    func request(method: String, body: Data?) -> HTTPRequest {
        HTTPRequest(method: method, headers: Self.headers(session: session), body: body, path: "/mcp")
    }

    /// The JSON-RPC messages of a response: its SSE stream read to the end, or its JSON body.
    func messages(of response: HTTPResponse) async throws -> [[String: Any]] {
        if case .stream(let stream, _) = response {
            var data = Data()
            for try await chunk in stream { data.append(chunk) }
            return Self.messages(inEventStream: data)
        }
        return Self.messages(inEventStream: response.bodyData.map { Data("data: ".utf8) + $0 } ?? Data())
    }

    static func headers(session: String?) -> [String: String] {
        var headers = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream", "Host": "127.0.0.1:7700",
                       "MCP-Protocol-Version": "2025-06-18"]
        if let session { headers[HTTPHeaderName.sessionID] = session }
        return headers
    }

    static func initializeBody(id: Int) -> Data {
        json(["jsonrpc": "2.0", "id": id, "method": "initialize", "params": [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](), "clientInfo": ["name": "http-test", "version": "1"],
        ]])
    }

    static func notificationBody(_ method: String) -> Data {
        json(["jsonrpc": "2.0", "method": method])
    }

    static func toolCall(id: Int, tool: String, _ arguments: [String: Any]) -> Data {
        json(["jsonrpc": "2.0", "id": id, "method": "tools/call", "params": ["name": tool, "arguments": arguments]])
    }

    /// The JSON objects in the `data:` lines of a Server-Sent Events body (empty priming events skipped).
    static func messages(inEventStream data: Data) -> [[String: Any]] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> [String: Any]? in
            guard line.hasPrefix("data:") else { return nil }
            let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            guard !payload.isEmpty else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any]
        }
    }

    private static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }
}
