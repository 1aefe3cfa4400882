import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import Hummingbird
import Logging
import SeekServer
import ServiceLifecycle

/// A `seek serve` application listening on 127.0.0.1 on a free port for the length of a test,
/// and a client that talks to it over real sockets (HTTP/1.1 through URLSession).
///
/// `run` starts the server with `port` 0, waits until it listens, hands the body a client, then
/// shuts the server down gracefully (as SIGTERM would) and waits for it to stop. The client
/// sends the `Host` a browser would (`127.0.0.1:<port>`); same-origin requests use `origin`.
struct LoopbackServer: Sendable {
    /// The port the server listens on.
    let port: Int

    /// `http://127.0.0.1:<port>`: this server's own origin.
    var origin: String { "http://127.0.0.1:\(port)" }

    /// Runs `server` on a free loopback port while `body` talks to it.
    static func run<Value: Sendable>(_ server: SeekHTTPServer,
                                      _ body: @Sendable (LoopbackServer) async throws -> Value) async throws -> Value {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let application = server.makeApplication { port in portSink.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [application], logger: Logger(label: "seek.test.loopback")))
        let serving = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await group.triggerGracefulShutdown()
            try await serving.value
            throw LoopbackServerError.notListening
        }
        let result: Value
        do {
            result = try await body(LoopbackServer(port: port))
        } catch {
            await group.triggerGracefulShutdown()
            try? await serving.value
            throw error
        }
        await group.triggerGracefulShutdown()
        try await serving.value
        return result
    }

    /// One request with `Connection: close` semantics left to URLSession; the whole body is read
    /// (an event stream must end on its own, e.g. `?until=run`).
    @discardableResult
    func request(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: String? = nil) async throws -> LoopbackResponse {
        guard let url = URL(string: origin + uri) else { throw LoopbackServerError.invalidURI(uri) }
        var request = URLRequest(url: url)
        request.httpMethod = method.rawValue
        // An event stream may stay quiet while a run indexes on a loaded machine.
        request.timeoutInterval = 600
        for field in headers { request.addValue(field.value, forHTTPHeaderField: field.name.rawName) }
        if let body { request.httpBody = Data(body.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw LoopbackServerError.notHTTP(uri) }
        var fields = HTTPFields()
        for (key, value) in http.allHeaderFields {
            guard let key = key as? String, let name = HTTPField.Name(key), let value = value as? String else { continue }
            fields[name] = value
        }
        return LoopbackResponse(status: HTTPResponse.Status(code: http.statusCode), headers: fields, body: data)
    }
}

/// What can go wrong around the loopback server itself (not the server's answers).
enum LoopbackServerError: Error, CustomStringConvertible {
    case notListening
    case invalidURI(String)
    case notHTTP(String)

    var description: String {
        switch self {
        case .notListening: "the server stopped before it listened"
        case .invalidURI(let uri): "not a valid request target: \(uri)"
        case .notHTTP(let uri): "no HTTP response for \(uri)"
        }
    }
}
