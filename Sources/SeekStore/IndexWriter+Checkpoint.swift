import GRDB

extension IndexWriter {
    /// How much a checkpoint does.
    public enum CheckpointMode: Sendable {
        /// Copy what it can without waiting for readers (`PASSIVE`).
        case passive
        /// Copy everything, wait for readers, then truncate the log to zero bytes (`TRUNCATE`).
        case truncate
    }

    /// Copies committed pages from the write-ahead log into the database file
    /// (`PRAGMA wal_checkpoint`); returns the frames in the log and those copied. Changes no data:
    /// afterwards the file's size matches its page count unless readers held pages.
    @discardableResult
    public func checkpoint(mode: CheckpointMode = .passive) throws(StoreError) -> (walFrames: Int, checkpointedFrames: Int) {
        try StoreError.wrapping(context: "PRAGMA wal_checkpoint(\(mode == .passive ? "PASSIVE" : "TRUNCATE"))") {
            try pool.writeWithoutTransaction { db in
                let result = try db.checkpoint(mode == .passive ? .passive : .truncate)
                return (result.walFrameCount, result.checkpointedFrameCount)
            }
        }
    }
}
