import Foundation

/// Where a PostgreSQL index lives and how Seek uses it, parsed from a connection URL:
///
///     postgres://user[:password]@host[:port]/database?sslmode=disable|prefer|require
///     postgresql://user@/database?host=/var/run/postgresql        (Unix socket directory, as libpq)
///
/// Extra query parameters Seek understands: `namespace` (see `namespace`), `hnsw_m`,
/// `hnsw_ef_construction`, `hnsw_ef_search`. Unknown parameters are rejected, so a typo never
/// silently falls back to a default.
///
/// The password comes from the URL, else `PGPASSWORD`, else the first matching line of the
/// password file (`PGPASSFILE`, default `~/.pgpass`: `host:port:database:user:password`,
/// `*` matches anything) — the same order libpq uses.
public struct PostgresStoreConfiguration: Sendable, Equatable {
    /// How the connection is encrypted, libpq's `sslmode` names.
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP (a loopback test server, or a trusted private network).
        case disable
        /// TLS when the server offers it, plain otherwise (libpq's default).
        case prefer
        /// TLS or no connection.
        case require
    }

    /// Host name or address for TCP; nil when `unixSocketDirectory` is set.
    public var host: String?
    /// Directory holding the server's Unix socket (`.s.PGSQL.<port>`), like libpq's `host=/dir`.
    public var unixSocketDirectory: String?
    /// TCP port, also the number in the socket file's name. Default 5432.
    public var port: Int
    public var username: String
    /// nil: no password (trust or peer authentication).
    public var password: String?
    public var database: String
    /// Default `.prefer`, as libpq. Not used for Unix sockets (local, never encrypted).
    public var tls: TLSMode
    /// Prefix that keeps roots apart: two hosts that both index `/home/docs` write two different
    /// roots. Default: this machine's host name; hosts that share a file server (same paths)
    /// should set the same namespace.
    public var namespace: String
    /// HNSW graph degree (pgvector `m`). Default 16; more links, better recall, bigger index.
    public var hnswM: Int
    /// Candidate list size while building the HNSW graph (pgvector `ef_construction`). Default 64.
    public var hnswEfConstruction: Int
    /// Candidate list size per approximate search (`hnsw.ef_search`), at least the result
    /// count to return that many rows. Default 40.
    public var hnswEfSearch: Int
    /// Connections the store's pool opens at most. Default 8.
    public var maxConnections: Int

    public init(
        host: String? = "127.0.0.1", unixSocketDirectory: String? = nil, port: Int = 5432, username: String, password: String? = nil,
        database: String, tls: TLSMode = .prefer, namespace: String = Self.defaultNamespace, hnswM: Int = 16,
        hnswEfConstruction: Int = 64, hnswEfSearch: Int = 40, maxConnections: Int = 8
    ) {
        self.host = unixSocketDirectory == nil ? host : nil
        self.unixSocketDirectory = unixSocketDirectory
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.namespace = namespace
        self.hnswM = hnswM
        self.hnswEfConstruction = hnswEfConstruction
        self.hnswEfSearch = hnswEfSearch
        self.maxConnections = maxConnections
    }

    /// This machine's host name, the default namespace.
    public static var defaultNamespace: String { ProcessInfo.processInfo.hostName }

    /// Path of the Unix socket file when connecting through one.
    public var unixSocketPath: String? {
        unixSocketDirectory.map { "\($0)/.s.PGSQL.\(port)" }
    }

    /// Parses a `postgres://` or `postgresql://` URL (see the type's documentation).
    /// `environment` and `homeDirectory` default to the process's; tests pass their own.
    /// Throws `PostgresStoreError.invalidConfiguration` naming the problem (never the password).
    public init(
        url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory()
    ) throws(PostgresStoreError) {
        func invalid(_ reason: String) -> PostgresStoreError {
            .invalidConfiguration(url: Self.redacted(url), reason: reason)
        }
        guard let components = URLComponents(string: url) else { throw invalid("not a URL") }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw invalid("the scheme must be postgres:// or postgresql://")
        }
        guard let username = components.user, !username.isEmpty else { throw invalid("no user name (postgres://user@host/db)") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw invalid("the path must be one database name (postgres://user@host/db)") }

        var tls = TLSMode.prefer
        var socketDirectory: String?
        var namespace = Self.defaultNamespace
        var m = 16, efConstruction = 64, efSearch = 40
        for item in components.queryItems ?? [] {
            guard let value = item.value, !value.isEmpty else { throw invalid("parameter \(item.name) has no value") }
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else { throw invalid("sslmode must be disable, prefer or require, not \(value)") }
                tls = mode
            case "host":
                guard value.hasPrefix("/") else { throw invalid("host= in the query is a Unix socket directory and must be absolute") }
                socketDirectory = value
            case "namespace": namespace = value
            case "hnsw_m": m = try Self.positive(value, name: item.name, range: 2...100, invalid)
            case "hnsw_ef_construction": efConstruction = try Self.positive(value, name: item.name, range: 4...1000, invalid)
            case "hnsw_ef_search": efSearch = try Self.positive(value, name: item.name, range: 1...1000, invalid)
            default: throw invalid("unknown parameter \(item.name)")
            }
        }
        guard efConstruction >= 2 * m else { throw invalid("hnsw_ef_construction (\(efConstruction)) must be at least 2 × hnsw_m (\(m))") }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        guard host != nil || socketDirectory != nil else { throw invalid("no host (postgres://user@host/db, or ?host=/socket/dir)") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("port \(port) is out of range") }

        let password = components.password
            ?? environment["PGPASSWORD"]
            ?? Self.passwordFileEntry(
                path: environment["PGPASSFILE"] ?? "\(homeDirectory)/.pgpass",
                host: socketDirectory == nil ? (host ?? "") : "localhost", port: port, database: database, username: username)
        self.init(
            host: host, unixSocketDirectory: socketDirectory, port: port, username: username, password: password, database: database,
            tls: tls, namespace: namespace, hnswM: m, hnswEfConstruction: efConstruction, hnswEfSearch: efSearch)
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "(url)"
    }

    private static func positive(
        _ value: String, name: String, range: ClosedRange<Int>, _ invalid: (String) -> PostgresStoreError
    ) throws(PostgresStoreError) -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw invalid("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), not \(value)")
        }
        return number
    }

    /// The password of the first line of a libpq password file that matches, or nil (no file,
    /// no match). Fields are `host:port:database:user:password`; `*` matches anything, `\:` and
    /// `\\` escape. libpq ignores the file unless only its owner can read it; so does Seek.
    static func passwordFileEntry(path: String, host: String, port: Int, database: String, username: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
              let contents = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let wanted = [host, String(port), database, username]
        for line in contents.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitPasswordLine(Substring(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func splitPasswordLine(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
