import Foundation
import SeekCore
import SeekStore

/// The health of an index and of the machine it runs on: invariant checks (`validate`), what the
/// file holds (`inspect`), and every check with its fix (`doctor`). Reads only (`inspect`
/// checkpoints the write-ahead log, which changes no data).
public final class DiagnosticsService: Sendable {
    let settings: SeekSettings
    let store: StoreHandle
    let model: ModelService

    init(settings: SeekSettings, store: StoreHandle, model: ModelService) {
        self.settings = settings
        self.store = store
        self.model = model
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
