/// The step of the walk at which a `ScanProblem` happened.
public enum ScanOperation: String, Sendable, Equatable, CustomStringConvertible {
    /// Listing a directory's entries (`opendir`/`readdir`).
    case listDirectory = "list directory"
    /// Reading an entry's metadata (`lstat`).
    case inspectEntry = "inspect"
    /// Resolving a symlink's target (`stat`).
    case followSymlink = "follow symlink"
    /// Checking that a file can be opened for reading.
    case checkReadable = "read"
    /// Reading an ignore file (`.gitignore`, `.seekignore`, `.git/info/exclude`).
    case readIgnoreFile = "read ignore file"
    /// Parsing an ignore file: some lines hold invalid patterns and were ignored.
    case parseIgnoreFile = "parse ignore file"
    /// Turning a file name into text: the name is not valid UTF-8.
    case decodeName = "decode file name"

    public var description: String { rawValue }
}
