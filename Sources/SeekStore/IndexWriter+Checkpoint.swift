import GRDB

extension IndexWriter {
    /// Copies committed pages from the write-ahead log into the database file without waiting for
    /// readers (`PRAGMA wal_checkpoint(PASSIVE)`); returns the frames in the log and those copied.
    /// Changes no data: afterwards the file's size matches its page count unless readers held pages.
    @discardableResult
    public func checkpoint() throws(StoreError) -> (walFrames: Int, checkpointedFrames: Int) {
        try StoreError.wrapping(context: "PRAGMA wal_checkpoint(PASSIVE)") {
            try pool.writeWithoutTransaction { db in
                let result = try db.checkpoint(.passive)
                return (result.walFrameCount, result.checkpointedFrameCount)
            }
        }
    }
}
