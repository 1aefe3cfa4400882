import Foundation
import HTTPTypes
import Hummingbird
import SeekMCP

/// Mounts Seek's MCP Streamable HTTP endpoint at /mcp (POST messages, GET the session's stream,
/// DELETE the session), behind the server's own gate (token, Host, Origin, body size).
struct MCPRoute: Sendable {
    let endpoint: MCPHTTPEndpoint
    let maxBodyBytes: Int

    func add<Context: RequestContext>(to router: Router<Context>) {
        for method in [HTTPRequest.Method.post, .get, .delete] {
            router.on("/mcp", method: method) { request, _ in try await respond(request) }
        }
    }

    private func respond(_ request: Request) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBodyBytes)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        if let authority = request.head.authority { headers["host"] = authority }
        let reply = await endpoint.respond(method: request.method.rawValue, headers: headers,
                                           body: buffer.readableBytes > 0 ? Data(buffer: buffer) : nil, path: request.uri.path)
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        let status = HTTPResponse.Status(code: reply.status)
        switch reply.body {
        case .empty:
            return Response(status: status, headers: fields)
        case .data(let data):
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        case .stream(let stream):
            return Response(status: status, headers: fields, body: ResponseBody { writer in
                for try await chunk in stream { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
            })
        }
    }
}
