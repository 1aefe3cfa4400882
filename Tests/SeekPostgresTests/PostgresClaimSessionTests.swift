import Foundation
import SeekCore
import SeekPostgres
import SeekStore
import SeekTestSupport
import Testing

/// The file claims that let several indexers split a root (`PostgresClaimSession`, through the
/// store's `claim`, `writeFiles` and `finishRun`), with two stores on one database standing in for
/// two indexing hosts.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, PostgresTestDatabase.skipMessage), .serialized)
struct PostgresClaimSessionTests {
    typealias Fixtures = PostgresTestFixtures

    /// Claims held now on this test's database, counted by the server (`pg_locks`, the claims'
    /// advisory lock class; other tests' databases hold claims of their own at the same time).
    private func heldClaims(_ configuration: PostgresStoreConfiguration) async throws -> Int {
        try await PostgresTestDatabase.count(configuration, """
            SELECT count(*)::int8 FROM pg_locks
            WHERE locktype = 'advisory' AND classid = 21315 AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)
    }

    private func withTwoIndexers(_ body: (PostgresIndexStore, PostgresIndexStore, PostgresStoreConfiguration) async throws -> Void) async throws {
        try await PostgresTestDatabase.with { configuration in
            let first = try await PostgresIndexStore.open(configuration: configuration)
            let second = try await PostgresIndexStore.open(configuration: configuration)
            do {
                try await first.addRoot("/docs")
                try await body(first, second, configuration)
                await first.close()
                await second.close()
            } catch {
                await first.close()
                await second.close()
                throw error
            }
        }
    }

    private func write(_ path: String, to store: PostgresIndexStore) async throws -> [String?] {
        let (document, chunks) = Fixtures.chunks(["text of \(path)"])
        return try await store.writeFiles([.indexed(
            Fixtures.file(path), document: document, chunks: chunks, embeddings: Fixtures.unitVectors(count: 1, seed: 3), vectorPrecision: "fp32")])
    }

    @Test func aClaimedFileIsLeftToItsIndexerUntilWrittenThenFoundCurrent() async throws {
        try await withTwoIndexers { first, second, configuration in
            let a = Fixtures.file("/docs/a.txt"), b = Fixtures.file("/docs/b.txt")
            #expect(try await first.claim(a) == .claimed)
            #expect(try await second.claim(a) == .heldElsewhere)
            #expect(try await second.claim(b) == .claimed)
            #expect(try await first.claim(b) == .heldElsewhere)
            #expect(try await heldClaims(configuration) == 2)

            // Writing a file ends its claim; the other indexer then finds this version stored.
            #expect(try await write(a.path, to: first) == [nil])
            #expect(try await heldClaims(configuration) == 1)
            #expect(try await second.claim(a) == .alreadyCurrent)
            #expect(try await heldClaims(configuration) == 1, "an already-current file keeps no claim")
            // A newer version of the file (another modification time) is claimed again.
            var edited = a
            edited.mtime += 60
            #expect(try await second.claim(edited) == .claimed)
            #expect(try await heldClaims(configuration) == 2)
            try await second.finishRun(wroteFiles: false)
            #expect(try await heldClaims(configuration) == 0)
        }
    }

    /// A run that fails or is cancelled still ends with `finishRun`: its claims end, and another
    /// indexer (or this process's next run) takes the files.
    @Test func finishingARunThatWroteNothingReleasesEveryClaim() async throws {
        try await withTwoIndexers { first, second, configuration in
            let files = (0..<20).map { Fixtures.file("/docs/file\($0).txt") }
            for file in files { #expect(try await first.claim(file) == .claimed) }
            #expect(try await heldClaims(configuration) == 20)
            for file in files { #expect(try await second.claim(file) == .heldElsewhere) }
            try await first.finishRun(wroteFiles: false)
            #expect(try await heldClaims(configuration) == 0)
            for file in files { #expect(try await second.claim(file) == .claimed) }
            try await second.finishRun(wroteFiles: false)
            // Finishing with no claims held is harmless.
            try await second.finishRun(wroteFiles: false)
        }
    }

    /// Closing a store (a process ending, or its connection dropping) ends its claims on the server.
    @Test func closingTheStoreEndsItsClaims() async throws {
        try await PostgresTestDatabase.with { configuration in
            let first = try await PostgresIndexStore.open(configuration: configuration)
            let second = try await PostgresIndexStore.open(configuration: configuration)
            try await first.addRoot("/docs")
            let file = Fixtures.file("/docs/a.txt")
            #expect(try await first.claim(file) == .claimed)
            await first.close()
            var released = false
            for _ in 0..<100 where !released {
                released = try await heldClaims(configuration) == 0
                if !released { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(released)
            #expect(try await second.claim(file) == .claimed)
            await second.close()
        }
    }

    /// Hosts have their own namespaces: the same path on two hosts is two files, claimed apart.
    @Test func namespacesKeepTwoHostsSamePathsApart() async throws {
        try await PostgresTestDatabase.with(namespace: "host-a") { configuration in
            var other = configuration
            other.namespace = "host-b"
            let first = try await PostgresIndexStore.open(configuration: configuration)
            let second = try await PostgresIndexStore.open(configuration: other)
            let file = Fixtures.file("/docs/a.txt")
            #expect(try await first.claim(file) == .claimed)
            #expect(try await second.claim(file) == .claimed)
            await first.close()
            await second.close()
        }
    }
}
