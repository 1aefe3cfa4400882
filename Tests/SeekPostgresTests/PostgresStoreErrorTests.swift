import _ConnectionPoolModule
import SeekPostgres
import Testing

/// What the store says when the server goes away: the operation and path, in words a user can
/// act on, never a library's internal type name.
@Suite struct PostgresStoreErrorTests {
    @Test func aConnectionClosedUnderTheWorkIsALostConnectionWithItsOperationAndPath() {
        let lost = PostgresStoreError.wrapping(PostgresConnectionClosed(), operation: "writeIndexedFile", path: "/docs/a.txt")
        #expect(lost == .connectionLost(operation: "writeIndexedFile", path: "/docs/a.txt", reason: PostgresConnectionClosed().description))
        #expect("\(lost)".hasPrefix("writeIndexedFile /docs/a.txt: lost the connection to PostgreSQL: the server closed the connection"))
    }

    @Test func aServerThatStaysUnreachableIsAConnectionFailureThatSaysSo() {
        let failed = PostgresStoreError.wrapping(ConnectionPoolError.connectionCreationCircuitBreakerTripped, operation: "fileStates /docs")
        guard case .connectionFailed(let operation, let reason) = failed else {
            Issue.record("\(failed)")
            return
        }
        #expect(operation == "fileStates /docs")
        #expect(reason.contains("is the server running and reachable?"))
        #expect(!"\(failed)".contains("ConnectionPoolError"))
    }

    @Test func aPoolShutDownIsAClosedStore() {
        #expect(PostgresStoreError.wrapping(ConnectionPoolError.poolShutdown, operation: "search") == .closed(operation: "search"))
    }

    @Test func storeErrorsPassThrough() {
        let original = PostgresStoreError.rootNotFound(namespace: "host", path: "/docs")
        #expect(PostgresStoreError.wrapping(original, operation: "removeRoot") == original)
    }
}
