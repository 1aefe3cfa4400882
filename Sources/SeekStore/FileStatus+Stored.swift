import SeekCore

extension FileStatus {
    /// The status stored in the `files` table as `text`; throws `StoreError.damaged` for a name
    /// that is not a status (only a damaged file holds one: Seek writes statuses itself).
    init(storedName text: String) throws(StoreError) {
        guard let status = FileStatus(rawValue: text) else {
            throw .damaged(reason: "unknown file status '\(text)' in the files table")
        }
        self = status
    }
}
