import GRDB

extension IndexWriter {
    /// The pragmas in force on the writer connection.
    public func connectionSettings() throws(StoreError) -> ConnectionSettings {
        try StoreError.wrapping(context: "writer connection settings") {
            try pool.writeWithoutTransaction { db in try ConnectionSettings.read(db) }
        }
    }
}
