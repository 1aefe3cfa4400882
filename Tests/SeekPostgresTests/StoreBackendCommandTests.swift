import Foundation
import SeekPostgres
import SeekTestSupport
import Testing

/// The same command-line scenarios against both stores: Seek's SQLite file and PostgreSQL (when
/// `SEEK_TEST_POSTGRES_URL` names a server; otherwise only SQLite runs, and the Postgres suites
/// say they were skipped).
@Suite(.serialized)
struct StoreBackendCommandTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite, postgres
        var testDescription: String { rawValue }
        static var available: [Backend] { PostgresTestDatabase.isAvailable ? allCases : [.sqlite] }
    }

    /// A scratch folder with `count` Cranfield abstracts under `docs/`, and the store arguments of
    /// `backend` (`--index idx`, or `--store` on a fresh database that is dropped afterwards).
    private func withStore(_ backend: Backend, count: Int,
                           _ body: (TemporaryDirectory, [String], PostgresStoreConfiguration?) async throws -> Void) async throws {
        let scratch = try TemporaryDirectory("seek-stores")
        defer { scratch.remove() }
        for document in try CranfieldDataset.documents().prefix(count) {
            try scratch.write(document.title.trimmingCharacters(in: .whitespaces) + "\n" + document.text, to: "docs/\(document.id).txt")
        }
        switch backend {
        case .sqlite:
            try await body(scratch, ["--index", scratch.file("idx").path], nil)
        case .postgres:
            try await PostgresTestDatabase.with(namespace: "host-a") { configuration in
                try await body(scratch, ["--store", PostgresTestDatabase.url(of: configuration)], configuration)
            }
        }
    }

    private func seek(_ arguments: [String], in scratch: TemporaryDirectory) throws -> SeekProcess.Result {
        try SeekProcess.run(arguments, in: scratch.url)
    }

    /// Indexed files, chunks and vectors as `seek status` reports them, checked for agreement with
    /// `seek validate` and (PostgreSQL) with independent SQL.
    private func checkedCounts(_ store: [String], _ configuration: PostgresStoreConfiguration?, in scratch: TemporaryDirectory) async throws
        -> (files: Int, chunks: Int) {
        let status = try seek(["status", "--json"] + store, in: scratch).json()
        let files = (status["files"] as? [String: Int])?["indexed"] ?? -1
        let chunks = status["chunks"] as? Int ?? -1
        #expect(status["vectors"] as? Int == chunks)
        let validate = try seek(["validate", "--json"] + store, in: scratch)
        #expect(validate.status == 0, "\(validate.output)")
        if let configuration {
            #expect(try await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM chunks") == chunks)
            #expect(try await PostgresTestDatabase.count(configuration, "SELECT coalesce(sum(chunk_count), 0)::int8 FROM files") == chunks)
        }
        return (files, chunks)
    }

    @Test(arguments: Backend.available)
    func twoIndexersAtOnceEmbedEveryFileOnce(_ backend: Backend) async throws {
        try await withStore(backend, count: 60) { scratch, store, configuration in
            let docs = scratch.file("docs").path
            let runs = try (0..<2).map { _ in try SeekProcess.start(["index", docs, "--json"] + store, in: scratch.url) }
            let results = runs.map { $0.wait() }
            for result in results { #expect(result.status == 0, "\(result.standardError)") }
            // SQLite: the second waits for the writer lock and finds everything done; PostgreSQL:
            // the two split the files through their claims. Either way each file is embedded once.
            let reports = try results.map { try $0.json() }
            let indexed = reports.map { $0["files_indexed"] as? Int ?? 0 }
            let elsewhere = reports.map { $0["files_indexed_elsewhere"] as? Int ?? 0 }
            let unchanged = reports.map { $0["files_unchanged"] as? Int ?? 0 }
            #expect(indexed.reduce(0, +) == 60, "indexed \(indexed), elsewhere \(elsewhere), unchanged \(unchanged)")
            for run in 0..<2 { #expect(indexed[run] + elsewhere[run] + unchanged[run] == 60) }
            let counts = try await checkedCounts(store, configuration, in: scratch)
            #expect(counts.files == 60)
            #expect(counts.chunks == reports.map { $0["chunks"] as? Int ?? 0 }.reduce(0, +))
        }
    }

    @Test(arguments: Backend.available)
    func anIndexerKilledMidRunLeavesAValidIndexAndTheNextRunCompletes(_ backend: Backend) async throws {
        try await withStore(backend, count: 300) { scratch, store, configuration in
            let docs = scratch.file("docs").path
            let run = try SeekProcess.start(["index", docs, "--json"] + store, in: scratch.url)
            // Killed once some files are committed (the live status file, or rows in PostgreSQL).
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline, run.process.isRunning {
                let written: Int
                if let configuration {
                    written = (try? await PostgresTestDatabase.count(configuration, "SELECT count(*)::int8 FROM files")) ?? 0
                } else {
                    let status = try? Data(contentsOf: scratch.file("idx/status.json"))
                    let live = status.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
                    written = ((live?["stages"] as? [String: Any])?["write"] as? [String: Any])?["files"] as? Int ?? 0
                }
                if written >= 20 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(run.process.isRunning, "the run ended before it could be killed")
            run.kill()
            _ = run.wait()
            let killed = try await checkedCounts(store, configuration, in: scratch)
            #expect(killed.files >= 1 && killed.files < 300, "killed after \(killed.files) files")

            let resumed = try seek(["index", docs, "--json"] + store, in: scratch)
            #expect(resumed.status == 0, "\(resumed.standardError)")
            let report = try resumed.json()
            #expect((report["files_indexed"] as? Int ?? 0) + (report["files_unchanged"] as? Int ?? 0) == 300)
            #expect(report["files_unchanged"] as? Int ?? 0 >= killed.files)
            let final = try await checkedCounts(store, configuration, in: scratch)
            #expect(final.files == 300)
        }
    }
}
