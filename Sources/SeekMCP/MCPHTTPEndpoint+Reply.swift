import Foundation
import MCP

extension MCPHTTPEndpoint {
    /// `handle(_:)` in plain types: the request's method, headers (one value per name; repeated
    /// headers joined with ", "), body and path, and the reply to send.
    public func respond(method: String, headers: [String: String], body: Data?, path: String) async -> MCPHTTPReply {
        let response = await handle(HTTPRequest(method: method, headers: headers, body: body, path: path))
        let body: MCPHTTPReply.Body = switch response {
        case .stream(let stream, _): .stream(stream)
        default: response.bodyData.map { .data($0) } ?? .empty
        }
        return MCPHTTPReply(status: response.statusCode, headers: response.headers, body: body)
    }
}
