import Foundation
import SeekPostgres
import Testing

/// URL parsing: no server needed.
@Suite struct PostgresStoreConfigurationTests {
    private let noEnvironment: [String: String] = [:]

    @Test func parsesAFullURL() throws {
        let configuration = try PostgresStoreConfiguration(
            url: "postgres://alice:s%40cret@db.example:6543/seek?sslmode=require&namespace=team&hnsw_m=24&hnsw_ef_construction=100&hnsw_ef_search=80",
            environment: noEnvironment, homeDirectory: "/nonexistent")
        #expect(configuration.host == "db.example")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "alice")
        #expect(configuration.password == "s@cret")
        #expect(configuration.database == "seek")
        #expect(configuration.tls == .require)
        #expect(configuration.namespace == "team")
        #expect(configuration.hnswM == 24)
        #expect(configuration.hnswEfConstruction == 100)
        #expect(configuration.hnswEfSearch == 80)
        #expect(configuration.unixSocketPath == nil)
    }

    @Test func appliesDocumentedDefaults() throws {
        let configuration = try PostgresStoreConfiguration(
            url: "postgresql://seek@localhost/index", environment: noEnvironment, homeDirectory: "/nonexistent")
        #expect(configuration.port == 5432)
        #expect(configuration.password == nil)
        #expect(configuration.tls == .prefer)
        #expect(configuration.namespace == PostgresStoreConfiguration.defaultNamespace)
        #expect(configuration.hnswM == 16)
        #expect(configuration.hnswEfConstruction == 64)
        #expect(configuration.hnswEfSearch == 40)
    }

    @Test func takesAUnixSocketDirectoryFromTheQuery() throws {
        let configuration = try PostgresStoreConfiguration(
            url: "postgres://seek@/index?host=/tmp/pg&sslmode=disable", environment: noEnvironment, homeDirectory: "/nonexistent")
        #expect(configuration.host == nil)
        #expect(configuration.unixSocketPath == "/tmp/pg/.s.PGSQL.5432")
    }

    @Test func takesThePasswordFromTheEnvironmentThenThePasswordFile() throws {
        let fromEnvironment = try PostgresStoreConfiguration(
            url: "postgres://seek@db/index", environment: ["PGPASSWORD": "env-secret"], homeDirectory: "/nonexistent")
        #expect(fromEnvironment.password == "env-secret")

        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let passwordFile = home.appendingPathComponent(".pgpass").path
        try "# comment\nother:5432:*:seek:wrong\ndb:5432:index:seek:file\\:secret\n*:*:*:*:fallback\n"
            .write(toFile: passwordFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile)
        let fromFile = try PostgresStoreConfiguration(url: "postgres://seek@db/index", environment: noEnvironment, homeDirectory: home.path)
        #expect(fromFile.password == "file:secret")
        let wildcard = try PostgresStoreConfiguration(url: "postgres://seek@elsewhere/x", environment: noEnvironment, homeDirectory: home.path)
        #expect(wildcard.password == "fallback")

        // libpq ignores a password file others can read; so does Seek.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: passwordFile)
        let ignored = try PostgresStoreConfiguration(url: "postgres://seek@db/index", environment: noEnvironment, homeDirectory: home.path)
        #expect(ignored.password == nil)
    }

    @Test(arguments: [
        ("mysql://seek@db/index", "scheme"),
        ("postgres://db/index", "no user name"),
        ("postgres://seek@db/", "database"),
        ("postgres://seek@db/a/b", "database"),
        ("postgres://seek@/index", "no host"),
        ("postgres://seek@db/index?sslmode=verify", "sslmode"),
        ("postgres://seek@db/index?hnsw_m=0", "hnsw_m"),
        ("postgres://seek@db/index?hnsw_m=32&hnsw_ef_construction=40", "hnsw_ef_construction"),
        ("postgres://seek@db/index?colour=blue", "unknown parameter colour"),
        ("postgres://seek@db/index?host=relative", "absolute"),
    ])
    func rejectsInvalidURLsNamingTheProblem(url: String, problem: String) {
        let error = #expect(throws: PostgresStoreError.self) {
            _ = try PostgresStoreConfiguration(url: url, environment: noEnvironment, homeDirectory: "/nonexistent")
        }
        guard case .invalidConfiguration(_, let reason) = error else {
            Issue.record("expected invalidConfiguration, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(problem), "\(reason)")
    }

    @Test func neverShowsThePasswordInErrors() {
        let error = #expect(throws: PostgresStoreError.self) {
            _ = try PostgresStoreConfiguration(url: "postgres://seek:hunter2@db/index?colour=blue", environment: noEnvironment)
        }
        let text = "\(String(describing: error))"
        #expect(!text.contains("hunter2") && text.contains("***"), "\(text)")
    }
}
