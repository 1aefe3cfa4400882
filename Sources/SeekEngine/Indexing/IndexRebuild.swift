import Foundation
import SeekEmbedding
import SeekSearch
import SeekStore

/// The fresh database of `seek index --rebuild`: built in `<index>/rebuild.tmp/`, then moved over
/// the index's database once complete. The old database is removed only after its write-ahead
/// log and shared-memory files (which must never be paired with another main file), so a crash
/// at any point leaves either the old index or the new one.
struct IndexRebuild {
    let indexDirectory: URL
    let scratch: URL
    private let fileName = StoreConfiguration().databaseFileName

    init(indexDirectory: URL) throws {
        self.indexDirectory = indexDirectory
        scratch = indexDirectory.appendingPathComponent("rebuild.tmp")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    /// A new, empty index in the scratch folder.
    func open() throws -> IndexStore {
        let model = ModelIdentity.miniLM
        return try IndexStore.open(directory: scratch, model: ModelMarker(id: model.id, dimension: model.dimension), create: true)
    }

    /// Closes and deletes the new index (the rebuild failed; the old index stays).
    func discard(_ store: IndexStore) {
        try? store.close()
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Checkpoints and closes the new index, then moves its database over the old one (whose
    /// connections are closed), and drops the vector cache of the old one.
    func replaceIndex(with store: IndexStore) throws {
        _ = try store.writer.checkpoint(mode: .truncate)
        try store.close()
        let fileManager = FileManager.default
        let target = indexDirectory.appendingPathComponent(fileName)
        for suffix in ["-wal", "-shm"] {
            try? fileManager.removeItem(atPath: target.path + suffix)
            try? fileManager.removeItem(atPath: scratch.appendingPathComponent(fileName).path + suffix)
        }
        if rename(scratch.appendingPathComponent(fileName).path, target.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        try? fileManager.removeItem(at: scratch)
        VectorCacheFile(indexDirectory: indexDirectory).remove()
    }
}
