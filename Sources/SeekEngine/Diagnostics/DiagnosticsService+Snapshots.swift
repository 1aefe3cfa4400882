import Foundation
import SeekCore
import SeekStore

extension DiagnosticsService {
    /// The index's counts after each of its last `last` indexing runs, oldest first (the
    /// dashboard's history of files, chunks and size). Throws for `last` < 1 and when there is no index.
    public func snapshots(last: Int) throws(EngineError) -> [SnapshotPoint] {
        guard last > 0 else { throw EngineError.invalidRequest(reason: "last must be at least 1, not \(last)") }
        return try EngineError.wrapping("snapshots", directory: settings.indexDirectory) {
            try store.existing().diagnosticsReader.snapshots(limit: last).reversed().map { snapshot in
                SnapshotPoint(takenAt: snapshot.takenAt, files: snapshot.files, failed: snapshot.filesByStatus[.failed] ?? 0,
                              chunks: snapshot.chunks, databaseBytes: snapshot.databaseBytes)
            }
        }
    }
}
