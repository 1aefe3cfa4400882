import Foundation
import Logging
import MCP

/// Seek's MCP over Streamable HTTP, for a web server to mount at `/mcp`: framework-agnostic,
/// it takes the SDK's `MCP.HTTPRequest` and returns `MCP.HTTPResponse`.
///
/// Each MCP session gets its own `StatefulHTTPServerTransport` and `Server`, created by the
/// client's `initialize` POST (the response carries the new `Mcp-Session-Id`) and found again by
/// that header. Replies are routed per session, so two clients that use the same JSON-RPC ids
/// never get each other's answers (a single shared `StatelessHTTPServerTransport` of swift-sdk
/// 0.12.1 mixes them up). A session ends on `DELETE`, after `sessionIdleSeconds` without a
/// request, when `maxSessions` is reached (the least recently used goes), or on `closeAllSessions()`.
///
/// The transports check `Accept`, `Content-Type`, the protocol version and, against DNS
/// rebinding, the `Host` and `Origin` headers (loopback names by default). Authentication is the
/// mounting server's job: apply its bearer-token rule before calling `handle(_:)`.
public actor MCPHTTPEndpoint {
    /// Limits of the endpoint.
    public struct Configuration: Sendable, Equatable {
        /// A session unused this long is closed. Default 1800 (30 minutes).
        public var sessionIdleSeconds: Double
        /// Open sessions at most; a new one closes the least recently used. Default 64.
        public var maxSessions: Int
        /// `Host` header values accepted (`"host:port"`, `"host:*"` for any port); nil accepts
        /// loopback names on any port (`127.0.0.1`, `localhost`, `[::1]`). A server bound to
        /// another address lists its own names here.
        public var allowedHosts: [String]?
        /// `Origin` header values accepted when a browser sends one; nil: `http://` + the loopback names.
        public var allowedOrigins: [String]?

        public init(sessionIdleSeconds: Double = 1800, maxSessions: Int = 64, allowedHosts: [String]? = nil, allowedOrigins: [String]? = nil) {
            self.sessionIdleSeconds = sessionIdleSeconds
            self.maxSessions = maxSessions
            self.allowedHosts = allowedHosts
            self.allowedOrigins = allowedOrigins
        }
    }

    private struct Session {
        let server: Server
        let transport: StatefulHTTPServerTransport
        var lastUsed: ContinuousClock.Instant
    }

    /// Gives a new transport the session id the endpoint chose (so it can be registered first).
    private struct FixedSessionID: SessionIDGenerator {
        let id: String
        func generateSessionID() -> String { id }
    }

    public let configuration: Configuration
    private let seek: SeekMCPServer
    private let validation: any HTTPRequestValidationPipeline
    private var sessions: [String: Session] = [:]
    private let logger = Logger(label: "seek.mcp.http")

    public init(server: SeekMCPServer, configuration: Configuration = Configuration()) {
        seek = server
        self.configuration = configuration
        let origin = configuration.allowedHosts.map {
            OriginValidator(allowedHosts: $0, allowedOrigins: configuration.allowedOrigins ?? $0.map { "http://" + $0 })
        } ?? OriginValidator.localhost()
        validation = StandardValidationPipeline(validators: [
            origin, AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(), ProtocolVersionValidator(), SessionValidator(),
        ])
    }

    /// Open sessions.
    public var sessionCount: Int { sessions.count }

    /// The response to one HTTP request on the MCP endpoint (POST a JSON-RPC message, GET the
    /// session's event stream, DELETE the session). A `.stream` response is already framed as
    /// Server-Sent Events: send its chunks as they come, flushing each.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        await closeIdleSessions()
        if let id = request.header(HTTPHeaderName.sessionID) {
            guard var session = sessions[id] else {
                return .error(statusCode: 404, .invalidRequest("Not Found: no session \(id) (it ended or expired); initialize again"))
            }
            session.lastUsed = .now
            sessions[id] = session
            let response = await session.transport.handleRequest(request)
            if request.method.uppercased() == "DELETE", response.statusCode == 200 {
                await close(id)
            }
            return response
        }
        guard request.method.uppercased() == "POST", let body = request.body, Self.isInitializeRequest(body) else {
            return .error(statusCode: 400, .invalidRequest("Bad Request: no \(HTTPHeaderName.sessionID) header; POST an initialize request first"))
        }
        return await openSession(for: request)
    }

    /// Closes the sessions unused for `sessionIdleSeconds`; returns how many.
    @discardableResult
    public func closeIdleSessions(now: ContinuousClock.Instant = .now) async -> Int {
        let idle = sessions.filter { now - $0.value.lastUsed > .seconds(configuration.sessionIdleSeconds) }.map(\.key)
        for id in idle { await close(id) }
        return idle.count
    }

    /// Closes every session, ending their event streams (call it when the server shuts down, so
    /// no open stream holds the shutdown back), and waits for a model warm-up in progress.
    public func closeAllSessions() async {
        for id in Array(sessions.keys) { await close(id) }
        await seek.finishWarmUp()
    }

    // MARK: - Sessions

    private func openSession(for request: HTTPRequest) async -> HTTPResponse {
        if sessions.count >= configuration.maxSessions, let oldest = sessions.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            logger.info("too many MCP sessions; closing the least recently used", metadata: ["session": "\(oldest)"])
            await close(oldest)
        }
        let id = UUID().uuidString
        let transport = StatefulHTTPServerTransport(sessionIDGenerator: FixedSessionID(id: id), validationPipeline: validation, logger: logger)
        let server = await seek.makeServer()
        do {
            try await seek.start(server, on: transport)
        } catch {
            await server.stop()
            return .error(statusCode: 500, .internalError("cannot start an MCP session: \(error)"))
        }
        sessions[id] = Session(server: server, transport: transport, lastUsed: .now)
        let response = await transport.handleRequest(request)
        if case .error = response {
            await close(id)
        } else {
            logger.debug("MCP session opened", metadata: ["session": "\(id)", "sessions": "\(sessions.count)"])
        }
        return response
    }

    private func close(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await session.server.stop()
        logger.debug("MCP session closed", metadata: ["session": "\(id)"])
    }

    /// True when `body` is one JSON-RPC `initialize` request (with an id).
    private static func isInitializeRequest(_ body: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
        return object["method"] as? String == "initialize" && object["id"] != nil
    }
}
