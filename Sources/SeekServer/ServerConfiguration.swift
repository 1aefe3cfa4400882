import Foundation

/// How `seek serve` listens and what it lets in. Defaults are safe for a laptop: loopback only,
/// no token, small bodies and URLs.
public struct ServerConfiguration: Sendable, Equatable {
    /// The address to bind. Default `127.0.0.1` (loopback only).
    public var host: String
    /// The TCP port; 0 picks a free one (the listening callback says which). Default 7700.
    public var port: Int
    /// The bearer token every request (but the pages, their assets and /healthz) must carry in
    /// `Authorization: Bearer …`. Required for a non-loopback `host`. Default none.
    public var token: String?
    /// Run the engine's watcher in the same process. Default false.
    public var watches: Bool
    /// Largest request body accepted (POST /api/index, /mcp), in bytes. Default 65,536.
    public var maxBodyBytes: Int
    /// Longest request target (path and query) accepted, in bytes. Default 4,096.
    public var maxTargetBytes: Int
    /// Seconds between SSE heartbeat comments on /api/events. Default 15.
    public var heartbeatSeconds: Double
    /// Folders inside which the MCP `index` tool may add roots. Default none.
    public var mcpAllowedRoots: [String]

    public init(host: String = "127.0.0.1", port: Int = 7700, token: String? = nil, watches: Bool = false,
                maxBodyBytes: Int = 65_536, maxTargetBytes: Int = 4_096, heartbeatSeconds: Double = 15,
                mcpAllowedRoots: [String] = []) {
        self.host = host
        self.port = port
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.watches = watches
        self.maxBodyBytes = maxBodyBytes
        self.maxTargetBytes = maxTargetBytes
        self.heartbeatSeconds = heartbeatSeconds
        self.mcpAllowedRoots = mcpAllowedRoots
    }

    /// Loopback names: a server bound to one of them is reachable from this machine only.
    public static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

    /// True when `host` is a loopback address (127.0.0.0/8, ::1, localhost).
    public var bindsLoopback: Bool {
        Self.loopbackHosts.contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// Checks the combination before anything is bound.
    /// - Throws: `ServerError.tokenRequired` for a non-loopback host without a token,
    ///   `ServerError.invalidConfiguration` for a port or limit out of range.
    public func validate() throws(ServerError) {
        guard (0...65_535).contains(port) else { throw .invalidConfiguration(reason: "port must be 0...65535, not \(port)") }
        guard maxBodyBytes >= 1024 else { throw .invalidConfiguration(reason: "the body limit must be at least 1024 bytes") }
        guard maxTargetBytes >= 256 else { throw .invalidConfiguration(reason: "the URL limit must be at least 256 bytes") }
        guard heartbeatSeconds > 0 else { throw .invalidConfiguration(reason: "the heartbeat interval must be positive") }
        if !bindsLoopback, token == nil { throw .tokenRequired(host: host) }
    }
}
