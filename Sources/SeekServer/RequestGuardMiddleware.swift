import Hummingbird

/// The server's gate, before any route: the request target's length, the `Host` header against
/// DNS rebinding (loopback binds), same-origin `Origin` only (no CORS: the API answers no other
/// site), and the bearer token when one is set.
///
/// Without a token, only the pages (`/`, `/dashboard`, `/assets/…`) and `/healthz` are open: the
/// page asks for the token when the API answers 401.
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let configuration: ServerConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.string.utf8.count <= configuration.maxTargetBytes else {
            throw APIError(.uriTooLong, code: "uri_too_long",
                           message: "the request URL is longer than \(configuration.maxTargetBytes) bytes")
        }
        // HTTP/1.1's Host header arrives as the request's authority.
        guard let host = request.head.authority else {
            throw APIError(.badRequest, code: "missing_host", message: "the request has no Host header")
        }
        if configuration.bindsLoopback, !Self.isLoopbackHost(host) {
            throw APIError(.misdirectedRequest, code: "bad_host",
                           message: "this server answers only to loopback host names, not \(host)")
        }
        if let origin = request.headers[.origin], origin != "http://" + host {
            throw APIError(.forbidden, code: "cross_origin", message: "requests from other origins are refused")
        }
        if let token = configuration.token, !Self.isOpen(request.uri.path) {
            guard let given = request.headers[.authorization], Self.constantTimeEquals(given, "Bearer " + token) else {
                throw APIError(.unauthorized, code: "unauthorized", message: "this server needs `Authorization: Bearer <token>`")
            }
        }
        return try await next(request, context)
    }

    /// Paths served without the token: the pages and their assets (they hold no index data) and the health check.
    static func isOpen(_ path: String) -> Bool {
        path == "/" || path == "/dashboard" || path == "/healthz" || path.hasPrefix("/assets/")
    }

    /// `host` (with an optional port) names this machine's loopback.
    static func isLoopbackHost(_ hostHeader: String) -> Bool {
        var name = hostHeader.lowercased()
        if name.hasPrefix("[") {
            name = String(name.prefix { $0 != "]" }) + "]"
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        return ServerConfiguration.loopbackHosts.contains(name) || name.hasPrefix("127.")
    }

    /// Compares without stopping at the first difference (no timing hint about the token).
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
