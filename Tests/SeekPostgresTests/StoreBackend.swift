import Foundation
import SeekPostgres
import SeekTestSupport
import Testing

/// The two stores a command-line scenario runs against: Seek's SQLite file and PostgreSQL (when
/// `SEEK_TEST_POSTGRES_URL` names a server; otherwise only SQLite runs, and the Postgres suites
/// say they were skipped).
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
    static var available: [StoreBackend] { PostgresTestDatabase.isAvailable ? allCases : [.sqlite] }

    /// A scratch folder with `count` Cranfield abstracts under `docs/` (title on the first line),
    /// and the store arguments of this backend (`--index idx`, or `--store` on a fresh database
    /// that is dropped afterwards) with the database's configuration (PostgreSQL only).
    func withStore(count: Int, _ body: (TemporaryDirectory, [String], PostgresStoreConfiguration?) async throws -> Void) async throws {
        let scratch = try TemporaryDirectory("seek-stores")
        defer { scratch.remove() }
        for document in try CranfieldDataset.documents().prefix(count) {
            try scratch.write(document.title.trimmingCharacters(in: .whitespaces) + "\n" + document.text, to: "docs/\(document.id).txt")
        }
        try await withStore(in: scratch) { store, configuration in try await body(scratch, store, configuration) }
    }

    /// The store arguments of this backend for an index of files in `scratch` (see above).
    func withStore(in scratch: TemporaryDirectory, _ body: ([String], PostgresStoreConfiguration?) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            try await body(["--index", scratch.file("idx").path], nil)
        case .postgres:
            try await PostgresTestDatabase.with(namespace: "host-a") { configuration in
                try await body(["--store", PostgresTestDatabase.url(of: configuration)], configuration)
            }
        }
    }
}
