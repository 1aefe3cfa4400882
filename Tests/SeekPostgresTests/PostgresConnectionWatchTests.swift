import Foundation
import Logging
import PostgresNIO
import SeekPostgres
import Synchronization
import Testing

/// Work on a pooled connection ends with an error when the server closes that connection,
/// instead of waiting for ever (`PostgresConnectionWatch`). Needs a PostgreSQL server, not
/// pgvector: it also runs where pgvector's build cannot run on the CPU.
///
/// No wall-clock bounds: under the full suite the test process's tasks can wait minutes for a
/// thread. A regression shows as the suite's time limit (the old behaviour waited for ever).
@Suite(.enabled(if: PostgresTestDatabase.serverOnlyURL != nil, PostgresTestDatabase.serverOnlySkipMessage), .serialized,
       .timeLimit(.minutes(10)))
struct PostgresConnectionWatchTests {
    private static let logger = Logger(label: "seek.postgres.tests")

    /// A pool of one connection to the test server's database, running for `body`.
    private func withClient<Result: Sendable>(_ body: (PostgresClient) async throws -> Result) async throws -> Result {
        let server = try PostgresTestDatabase.serverConfiguration(serverOnly: true)
        var configuration = PostgresClient.Configuration(
            host: server.host ?? "127.0.0.1", port: server.port, username: server.username, password: server.password,
            database: server.database, tls: .disable)
        configuration.options.maximumConnections = 1
        let client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// The backend of `connection` ended by the server (as a crash or restart ends it), seen
    /// closed by the client before the next query is sent: the case that hung.
    private func terminateOnTheServer(_ connection: PostgresConnection) async throws {
        var pid: Int32?
        for try await value in try await connection.query("SELECT pg_backend_pid()", logger: Self.logger).decode(Int32.self) { pid = value }
        let backend = try #require(pid)
        let server = try PostgresTestDatabase.serverConfiguration(serverOnly: true)
        try await PostgresTestDatabase.administer(server, "SELECT pg_terminate_backend(\(backend))")
        let deadline = ContinuousClock.now + .seconds(10)
        while !connection.isClosed, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try #require(connection.isClosed, "the server did not end backend \(backend)")
    }

    @Test func aQueryAfterTheServerClosedTheConnectionFailsAtOnce() async throws {
        try await withClient { client in
            let watch = PostgresConnectionWatch()
            await #expect(throws: PostgresConnectionClosed.self) {
                try await watch.run(on: client) { connection in
                    try await terminateOnTheServer(connection)
                    // Without the watch this query never completes (postgres-nio writes it to a
                    // closed channel without a promise).
                    try await connection.query("SELECT 1", logger: Self.logger)
                }
            }
            #expect(watch.waitingCalls == 0)
            // The pool replaces the connection: the next call works.
            let value = try await watch.run(on: client) { connection -> Int in
                var one = 0
                for try await value in try await connection.query("SELECT 1", logger: Self.logger).decode(Int.self) { one = value }
                return one
            }
            #expect(value == 1)
            #expect(watch.waitingCalls == 0)
        }
    }

    @Test func resultsAndErrorsOfTheWorkPassThroughAndNoCallStaysRegistered() async throws {
        struct Refused: Error, Equatable {}
        try await withClient { client in
            let watch = PostgresConnectionWatch()
            for round in 0..<50 {
                let value = try await watch.run(on: client) { _ in round }
                #expect(value == round)
            }
            await #expect(throws: Refused.self) {
                try await watch.run(on: client) { _ -> Int in throw Refused() }
            }
            #expect(watch.waitingCalls == 0, "fifty calls on one connection leave no callback behind")
        }
    }

    @Test func cancellingTheCallerCancelsTheWork() async throws {
        try await withClient { client in
            let watch = PostgresConnectionWatch()
            let sawCancel = Mutex(false)
            let running = Mutex(false)
            let call = Task {
                try await watch.run(on: client) { _ in
                    running.withLock { $0 = true }
                    do {
                        try await Task.sleep(for: .seconds(60))
                    } catch {
                        sawCancel.withLock { $0 = true }
                        throw error
                    }
                }
            }
            // Cancelled once the work runs (a cancelled lease would not reach it).
            while !running.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
            #expect(sawCancel.withLock { $0 })
        }
    }
}
