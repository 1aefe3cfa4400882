import Foundation
import SeekCore
import SeekPostgres
import SeekStore

/// The health of an index and of the machine it runs on: invariant checks (`validate`), what the
/// file holds (`inspect`), and every check with its fix (`doctor`). Reads only (`inspect`
/// checkpoints the write-ahead log, which changes no data).
public final class DiagnosticsService: Sendable {
    let settings: SeekSettings
    let store: StoreHandle
    let model: ModelService
    let postgres: PostgresHandle?

    init(settings: SeekSettings, store: StoreHandle, model: ModelService, postgres: PostgresHandle? = nil) {
        self.settings = settings
        self.store = store
        self.model = model
        self.postgres = postgres
    }

    /// `validate()` of wherever the index lives. For PostgreSQL: chunks without a vector, files
    /// whose chunk count is wrong, failed or skipped files that kept chunks, vectors of another
    /// dimension, non-unit vectors in a sample of 1,000, indexed files without a document vector
    /// and graph edges breaking its rules (each an error naming how many); files made before the
    /// link graph and not yet extracted again are a warning.
    public func validateStore() async throws(EngineError) -> ValidationReport {
        guard let postgres else { return try validate() }
        let database = try await postgres.open()
        return try await EngineError.wrapping("validate", directory: settings.indexDirectory) {
            let report = try await database.validate()
            var errors: [String] = []
            func check(_ count: Int, _ what: String) {
                if count > 0 { errors.append("\(count) \(what)") }
            }
            check(report.chunksWithoutVector, "chunks without a vector")
            check(report.filesWithWrongChunkCount, "files whose chunk count differs from their chunks")
            check(report.unindexedFilesWithChunks, "failed or skipped files that kept chunks")
            check(report.vectorsWithWrongDimension, "vectors of another dimension than \(database.model.dimension)")
            check(report.nonUnitVectors, "vectors of \(report.sampledVectors) sampled are not unit length")
            check(report.filesWithoutDocumentVector, "indexed files with chunks but no document vector")
            check(report.invalidEdges, "graph edges breaking its rules (a tag with a target, an edge of an unindexed file, a link across namespaces)")
            var warnings: [String] = []
            if report.filesAwaitingExtraction > 0 {
                warnings.append("\(report.filesAwaitingExtraction) indexed files were made before the link graph; run seek index to extract them again")
            }
            return ValidationReport(errors: errors, warnings: warnings)
        }
    }

    /// `seek validate`: the index's invariants (`IndexValidator`). An index built with another
    /// model is reported as an error in the report, not thrown. Throws `EngineError.noIndex`
    /// when there is no index.
    public func validate() throws(EngineError) -> ValidationReport {
        try EngineError.wrapping("validate", directory: settings.indexDirectory) {
            let store: IndexStore
            do {
                store = try self.store.existing()
            } catch EngineError.damagedIndex(_, let reason) {
                return ValidationReport(errors: [
                    "integrity: the index is damaged: \(reason); `seek index --rebuild` re-indexes its roots into a fresh database",
                ], warnings: [])
            } catch EngineError.failed(_, let underlying as StoreError) {
                guard case .modelMismatch(_, let indexModel, let indexDimension, let expectedModel, let expectedDimension) = underlying else {
                    throw underlying
                }
                return ValidationReport(errors: [
                    "meta: model marker mismatch: the index was built with \(indexModel) (dimension \(indexDimension)), Seek embeds with \(expectedModel) (dimension \(expectedDimension))",
                ], warnings: [])
            }
            return try IndexValidator().validate(store)
        }
    }
}
