import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SeekMCP

/// A tiny HTTP/1.1 server on 127.0.0.1 (SwiftNIO) that hands every request for `/mcp` to an
/// `MCPHTTPEndpoint` through its plain-types `respond` and streams the reply back: the adapter a
/// web server writes, without importing `MCP`.
final class LoopbackHTTPServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    private init(port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.port = port
        self.channel = channel
        self.group = group
    }

    static func start(endpoint: MCPHTTPEndpoint) async throws -> LoopbackHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(EndpointHandler(endpoint: endpoint))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ChannelError.inappropriateOperationForState }
        return LoopbackHTTPServer(port: port, channel: channel, group: group)
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Collects one request, asks the endpoint, writes the response (an SSE stream chunk by chunk).
private final class EndpointHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let endpoint: MCPHTTPEndpoint
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(endpoint: MCPHTTPEndpoint) {
        self.endpoint = endpoint
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name] = headers[name].map { $0 + ", " + value } ?? value }
            let requestBody = body.readableBytes > 0 ? Data(body.readableBytesView) : nil
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            let eventLoop = context.eventLoop
            let endpoint = endpoint
            let path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
            Task {
                let reply = path == "/mcp"
                    ? await endpoint.respond(method: head.method.rawValue, headers: headers, body: requestBody, path: path)
                    : MCPHTTPReply(status: 404, headers: [:], body: .empty)
                var responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: reply.status))
                for (name, value) in reply.headers { responseHead.headers.replaceOrAdd(name: name, value: value) }
                switch reply.body {
                case .empty: responseHead.headers.replaceOrAdd(name: "Content-Length", value: "0")
                case .data(let data): responseHead.headers.replaceOrAdd(name: "Content-Length", value: String(data.count))
                case .stream: break
                }
                let finalHead = responseHead
                eventLoop.execute {
                    bound.value.write(self.wrapOutboundOut(.head(finalHead)), promise: nil)
                    if case .data(let data) = reply.body {
                        bound.value.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: data)))), promise: nil)
                    }
                    bound.value.flush()
                }
                if case .stream(let stream) = reply.body {
                    do {
                        for try await chunk in stream {
                            eventLoop.execute { bound.value.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: chunk)))), promise: nil) }
                        }
                    } catch {}
                }
                eventLoop.execute { bound.value.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil) }
            }
        }
    }
}
