import Foundation
import SeekPostgres

/// `seek inspect` and `seek doctor` when the index lives in PostgreSQL (`--store postgres://`).
extension DiagnosticsService {
    /// The PostgreSQL index's inspection, or nil when the index is Seek's SQLite file (then
    /// `inspect()` is the one to call).
    /// - Throws: `EngineError.failed` when the server cannot be reached or read.
    public func postgresInspection() async throws(EngineError) -> PostgresInspection? {
        guard let postgres else { return nil }
        let database = try await postgres.open()
        return try await EngineError.wrapping("inspect", directory: settings.indexDirectory) {
            try await database.inspection()
        }
    }

    /// Oldest pgvector with HNSW indexes; and the first with iterative index scans (filtered
    /// searches walk the graph until they have k results instead of falling back to exact scans).
    static let minimumPgvectorVersion = [0, 5]
    static let iterativeScanPgvectorVersion = [0, 8]

    /// The checks that stand in for the SQLite ones on a PostgreSQL index: the server and
    /// pgvector ("postgres"), the index's invariants ("index"), the HNSW index ("hnsw") and
    /// whether this user may write ("permissions"). Never throws.
    func postgresChecks(_ postgres: PostgresHandle) async -> [DoctorCheck] {
        let connectFix = "check the --store URL (user, host, port, database; password from the URL, PGPASSWORD or ~/.pgpass), "
            + "that the server runs and accepts this user, and that the vector extension is installed on the server"
        let database: PostgresIndexStore
        let inspection: PostgresInspection
        do {
            database = try await postgres.open()
            inspection = try await database.inspection()
        } catch {
            return [
                DoctorCheck(check: "postgres", ok: false, detail: "\(error)", fix: connectFix),
                DoctorCheck(check: "index", ok: false, detail: "not checked: the PostgreSQL store does not open", fix: connectFix),
            ]
        }
        var checks: [DoctorCheck] = []
        let pgvector = inspection.versions.pgvector.split(separator: ".").compactMap { Int($0) }
        let server = "PostgreSQL \(inspection.versions.postgresql), pgvector \(inspection.versions.pgvector) at \(inspection.store)"
        if pgvector.lexicographicallyPrecedes(Self.minimumPgvectorVersion) {
            checks.append(DoctorCheck(
                check: "postgres", ok: false, detail: server + ": pgvector is older than 0.5 (no HNSW indexes)",
                fix: "upgrade pgvector on the server (`ALTER EXTENSION vector UPDATE` after installing a newer package)"))
        } else {
            let note = pgvector.lexicographicallyPrecedes(Self.iterativeScanPgvectorVersion)
                ? "; pgvector before 0.8 has no iterative scans: a selective filter falls back to an exact scan of the files it keeps" : ""
            checks.append(DoctorCheck(check: "postgres", ok: true, detail: server + note))
        }
        let rows = Dictionary(inspection.tables.map { ($0.name, $0.rows) }, uniquingKeysWith: { first, _ in first })
        let summary = "\(rows["files"] ?? 0) files, \(rows["chunks"] ?? 0) chunks in \(inspection.roots.count) roots "
            + "(\(Set(inspection.roots.map(\.namespace)).count) namespaces)"
        do {
            let report = try await validateStore()
            checks.append(report.ok
                ? DoctorCheck(check: "index", ok: true, detail: summary + ", validates")
                : DoctorCheck(check: "index", ok: false, detail: summary + "; " + report.errors.joined(separator: "; "),
                              fix: "run `seek validate --store ...` for details; `seek index` re-writes the files it finds changed"))
        } catch {
            checks.append(DoctorCheck(check: "index", ok: false, detail: "\(error)", fix: connectFix))
        }
        let hnsw = inspection.vectorIndex
        let rebuild = "rebuild it on the server: `REINDEX INDEX \(hnsw.name)` (or create it again as Seek's schema does); "
            + "until then vector searches scan every vector"
        if !hnsw.exists {
            checks.append(DoctorCheck(check: "hnsw", ok: false, detail: "the HNSW index \(hnsw.name) is missing", fix: rebuild))
        } else if !hnsw.valid {
            checks.append(DoctorCheck(check: "hnsw", ok: false, detail: "the HNSW index \(hnsw.name) is invalid (a build failed or was interrupted)",
                                      fix: rebuild))
        } else {
            checks.append(DoctorCheck(
                check: "hnsw", ok: true,
                detail: "\(hnsw.name) (\(hnsw.options.joined(separator: ", "))), \(hnsw.bytes) bytes, searched with ef_search \(hnsw.efSearch)"))
        }
        do {
            let privileges = try await database.writePrivileges()
            checks.append(privileges.canWrite
                ? DoctorCheck(check: "permissions", ok: true, detail: "user \(privileges.user) may index (insert, update, delete)")
                : DoctorCheck(check: "permissions", ok: false,
                              detail: "user \(privileges.user) may read but not change the index: searching works, indexing does not",
                              fix: "GRANT INSERT, UPDATE, DELETE ON roots, files, documents, chunks, vectors TO \(privileges.user); "
                                  + "GRANT USAGE ON SEQUENCE write_generation TO \(privileges.user)"))
        } catch {
            checks.append(DoctorCheck(check: "permissions", ok: false, detail: "\(error)", fix: connectFix))
        }
        return checks
    }
}
