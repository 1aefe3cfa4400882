import Foundation
import HTTPTypes
import Hummingbird
import SeekServer
import Testing

/// The MCP endpoint mounted at /mcp: initialize, tools/list and a `search` call, through the server.
@Suite struct MCPRouteTests {
    static let mcpHeaders: HTTPFields = [.contentType: "application/json", .accept: "application/json, text/event-stream"]

    @Test func initializeAndListToolsOverMCP() async throws {
        let index = try await ServerTestIndex(documents: 0..<2)
        let server = try index.server()
        try await LoopbackServer.run(server) { client in
            let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#
            let opened = try await client.request("/mcp", method: .post, headers: Self.mcpHeaders, body: initialize)
            #expect(opened.status == .ok, "\(opened.text)")
            let session = try #require(opened.headers[HTTPField.Name("Mcp-Session-Id")!])
            let initialized = try #require(Self.messages(opened.text).first)
            #expect(((initialized["result"] as? [String: Any])?["serverInfo"] as? [String: Any])?["name"] != nil)

            var headers = Self.mcpHeaders
            headers[HTTPField.Name("Mcp-Session-Id")!] = session
            headers[HTTPField.Name("Mcp-Protocol-Version")!] = "2025-03-26"
            let notified = try await client.request("/mcp", method: .post, headers: headers,
                                                    body: #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            #expect(notified.status == .accepted)
            let listed = try await client.request("/mcp", method: .post, headers: headers, body: #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#)
            #expect(listed.status == .ok, "\(listed.text)")
            let answer = try #require(Self.messages(listed.text).first)
            let tools = ((answer["result"] as? [String: Any])?["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(tools.contains("search"))
            #expect(tools.contains("status"))

            let searched = try await client.request(
                "/mcp", method: .post, headers: headers,
                body: #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search","arguments":{"query":"wing slipstream","k":2}}}"#)
            #expect(searched.status == .ok, "\(searched.text)")
            let result = try #require(Self.messages(searched.text).first?["result"] as? [String: Any], "\(searched.text)")
            #expect(result["isError"] as? Bool == false)
            let structured = try #require(result["structuredContent"] as? [String: Any])
            #expect(structured["query"] as? String == "wing slipstream")
            #expect((structured["results"] as? [[String: Any]])?.isEmpty == false)
        }
        await index.close()
    }

    /// The JSON-RPC messages in an SSE body (or a plain JSON body).
    static func messages(_ text: String) -> [[String: Any]] {
        let payloads = text.hasPrefix("{") ? [text] : text.components(separatedBy: "\n").filter { $0.hasPrefix("data:") }.map { String($0.dropFirst(5)) }
        return payloads.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
