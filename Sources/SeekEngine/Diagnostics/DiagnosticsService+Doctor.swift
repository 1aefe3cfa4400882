import Foundation
import SeekEmbedding
import SeekKernels
import SeekStore

extension DiagnosticsService {
    /// Oldest SQLite Seek supports (3.35: `RETURNING`, `DROP COLUMN`; FTS5 as used by the index).
    public static let minimumSQLiteVersion = [3, 35]

    /// `seek doctor`: checks the model files (present, SHA-256 verified; nothing is fetched), the
    /// BLAS library with a small sgemm, SQLite (version, FTS5), the index (exists and validates)
    /// and its pragmas (WAL, foreign keys); on a PostgreSQL index, the server, the index, its
    /// HNSW index and the user's privileges instead of the SQLite checks (`postgresChecks`).
    /// Never throws: a problem is a failed check with a fix.
    public func doctor() async -> DoctorReport {
        // The configured backend (`embedding.gemm`), as an embedding run would choose it.
        GEMM.prefer(settings.embedding.gemm)
        var checks = [await modelCheck(), blasCheck(), precisionCheck()]
        if let postgres {
            checks += await postgresChecks(postgres)
        } else {
            checks += [sqliteCheck()] + indexChecks()
        }
        return DoctorReport(checks: checks)
    }

    private func modelCheck() async -> DoctorCheck {
        do {
            let files = try await model.files(allowFetch: false)
            return DoctorCheck(
                check: "model", ok: true,
                detail: "\(files.identity.id) in \(files.directory.path) (\(files.source.rawValue)), \(files.weightsBytes) bytes, SHA-256 verified")
        } catch {
            return DoctorCheck(
                check: "model", ok: false, detail: "\(error)",
                fix: "run `seek model fetch`, or point --model-dir / SEEK_MODEL_DIR at a complete copy of \(ModelIdentity.miniLM.id)")
        }
    }

    /// The GEMM backend in use (and the preference that chose it), oneDNN's instruction set, the
    /// precisions this CPU runs and what `embedding.precision` resolves to. A precision that falls
    /// back is no failure (the embeddings stay correct), but the detail says why.
    private func precisionCheck(support: PrecisionSupport = .current) -> DoctorCheck {
        let status = GEMM.status
        let supported = ComputePrecision.allCases.filter { support.supports($0) }.map(\.rawValue)
        let requested = settings.embedding.precision
        let (running, note) = requested.resolved(support: support)
        let oneDNN = support.oneDNN ? "oneDNN \(PrecisionSupport.oneDNNVersion) on \(support.isaName)" : "no oneDNN"
        let detail = "GEMM \(status.backend.rawValue) (asked: \(status.preference.rawValue)); \(oneDNN); this CPU runs "
            + supported.joined(separator: ", ") + "; embedding.precision \(requested.rawValue) runs \(running.rawValue)"
            + (note.map { " (\($0))" } ?? "")
        return DoctorCheck(check: "precision", ok: true, detail: detail)
    }

    /// The BLAS library, its core type and threads, and its known-answer check (`GEMMKnownAnswerCheck`):
    /// a library that computes wrong products here is replaced by the reference kernel, which is
    /// correct but slower, so that is a problem to fix, not a wrong embedding.
    private func blasCheck() -> DoctorCheck {
        let status = GEMM.status
        if status.backend == .reference, status.knownAnswerCheck.hasPrefix("failed") {
            return DoctorCheck(
                check: "blas", ok: false, detail: status.summary,
                fix: "embeddings stay exact but slow; pin another OpenBLAS core (OPENBLAS_CORETYPE=Haswell) or install a fixed OpenBLAS (libopenblas-dev)")
        }
        return DoctorCheck(check: "blas", ok: true, detail: status.summary)
    }

    private func sqliteCheck() -> DoctorCheck {
        let fix = "build Seek against SQLite \(Self.minimumSQLiteVersion.map(String.init).joined(separator: ".")) or newer with FTS5 (libsqlite3-dev on Linux)"
        do {
            let capabilities = try IndexStore.sqliteCapabilities()
            var problems: [String] = []
            if !capabilities.isAtLeast(Self.minimumSQLiteVersion) {
                problems.append("SQLite \(capabilities.version) is older than \(Self.minimumSQLiteVersion.map(String.init).joined(separator: "."))")
            }
            if let error = capabilities.fullTextError { problems.append("FTS5 unavailable: \(error)") }
            guard problems.isEmpty else {
                return DoctorCheck(check: "sqlite", ok: false, detail: problems.joined(separator: "; "), fix: fix)
            }
            return DoctorCheck(
                check: "sqlite", ok: true,
                detail: "SQLite \(capabilities.version), FTS5 with the porter tokenizer ok\(capabilities.hasDatabaseStatistics ? ", dbstat available" : ", no dbstat")")
        } catch {
            return DoctorCheck(check: "sqlite", ok: false, detail: "\(error)", fix: fix)
        }
    }

    /// The index check (exists, validates), the permissions check (can this process write it)
    /// and the pragma check of its connections.
    private func indexChecks() -> [DoctorCheck] {
        let directory = settings.indexDirectory.path
        let indexFix = "run `seek index FOLDER`"
        let rebuildFix = "run `seek index --rebuild`: it re-indexes the roots into a fresh database and replaces the damaged one when done "
            + "(roots and configuration are kept; stop `seek serve` and `seek watch` first)"
        var permissions: DoctorCheck
        if let reason = store.writeBlocker() {
            permissions = DoctorCheck(
                check: "permissions", ok: false, detail: "\(directory) can be read but not written by this user (\(reason)): searching works, indexing does not",
                fix: "ask the index's owner for write access (or remount it writable), or index into your own: `seek index --index ~/.seek FOLDER`")
        } else {
            permissions = DoctorCheck(check: "permissions", ok: true, detail: "\(directory) is writable by this user")
        }
        let store: IndexStore
        do {
            store = try self.store.existing()
        } catch EngineError.noIndex {
            return [
                DoctorCheck(check: "index", ok: false, detail: "no index at \(directory)", fix: indexFix),
                DoctorCheck(check: "pragmas", ok: false, detail: "not checked: no index at \(directory)", fix: indexFix),
            ]
        } catch EngineError.damagedIndex(_, let reason) {
            return [
                DoctorCheck(check: "index", ok: false, detail: "\(directory) is damaged: \(reason)", fix: rebuildFix), permissions,
                DoctorCheck(check: "pragmas", ok: false, detail: "not checked: the index is damaged", fix: rebuildFix),
            ]
        } catch {
            let fix = "run `seek index --rebuild`, or move \(directory) away and run `seek index FOLDER` again"
            return [
                DoctorCheck(check: "index", ok: false, detail: "\(error)", fix: fix), permissions,
                DoctorCheck(check: "pragmas", ok: false, detail: "not checked: the index does not open", fix: fix),
            ]
        }
        var checks: [DoctorCheck] = []
        do {
            let report = try validate()
            let counts = try store.diagnosticsReader.tableCounts()
            let summary = "\(directory): \(counts.files) files, \(counts.chunks) chunks"
            if report.ok {
                let warnings = report.warnings.isEmpty ? "" : "; warnings: " + report.warnings.joined(separator: "; ")
                checks.append(DoctorCheck(check: "index", ok: true, detail: summary + ", validates" + warnings))
            } else {
                checks.append(DoctorCheck(
                    check: "index", ok: false, detail: summary + "; " + report.errors.joined(separator: "; "),
                    fix: "run `seek validate` for details; " + rebuildFix))
            }
        } catch {
            checks.append(DoctorCheck(check: "index", ok: false, detail: "\(error)", fix: rebuildFix))
        }
        checks.append(permissions)
        do {
            let connections = [("reader", try store.diagnosticsReader.connectionSettings()), ("writer", try store.writer.connectionSettings())]
            var problems: [String] = []
            for (name, settings) in connections {
                if settings.journalMode != "wal" { problems.append("\(name) journal_mode is \(settings.journalMode), not wal") }
                if !settings.foreignKeysEnabled { problems.append("\(name) foreign_keys is off") }
            }
            let reader = connections[0].1
            if problems.isEmpty {
                checks.append(DoctorCheck(
                    check: "pragmas", ok: true,
                    detail: "journal_mode=wal, foreign_keys=on, synchronous=\(reader.synchronous), busy_timeout=\(reader.busyTimeoutMilliseconds) ms"))
            } else {
                checks.append(DoctorCheck(
                    check: "pragmas", ok: false, detail: problems.joined(separator: "; "),
                    fix: "keep the index on a local file system (WAL needs shared memory) and open it only with Seek"))
            }
        } catch {
            checks.append(DoctorCheck(check: "pragmas", ok: false, detail: "\(error)", fix: rebuildFix))
        }
        return checks
    }
}
