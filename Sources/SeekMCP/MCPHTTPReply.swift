import Foundation

/// An HTTP response of the MCP endpoint in plain Foundation types, for a web server whose own
/// names clash with the MCP SDK's (`HTTPRequest`, `RequestContext`): its route file imports
/// `SeekMCP` only, never `MCP` (`MCPHTTPEndpoint.respond(method:headers:body:path:)`).
public struct MCPHTTPReply: Sendable {
    /// What to send as the body.
    public enum Body: Sendable {
        /// Nothing (202 Accepted, 200 on DELETE).
        case empty
        /// A whole body (a JSON-RPC error).
        case data(Data)
        /// Server-Sent Events already framed: send each chunk as it comes and flush it; the
        /// stream ends when the answer is complete (or, for a GET, when the session closes).
        case stream(AsyncThrowingStream<Data, any Error>)
    }

    public var status: Int
    public var headers: [String: String]
    public var body: Body

    public init(status: Int, headers: [String: String], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
