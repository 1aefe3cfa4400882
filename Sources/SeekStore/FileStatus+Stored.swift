import SeekCore

extension FileStatus {
    /// The status stored in the `files` table as `text`; throws `StoreError.invalidData` for a
    /// name that is not a status.
    init(storedName text: String) throws(StoreError) {
        guard let status = FileStatus(rawValue: text) else {
            throw .invalidData(reason: "unknown file status '\(text)'")
        }
        self = status
    }
}
