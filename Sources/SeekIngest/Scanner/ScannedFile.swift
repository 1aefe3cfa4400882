import Foundation

/// A regular file to index, with the metadata the pipeline uses to detect changes without reading it.
public struct ScannedFile: Sendable, Hashable {
    /// Absolute, standardized path as reached from the root. For a followed symlink this is the
    /// link's path, not its target's.
    public let path: String
    /// Size in bytes (of the target, for a symlink).
    public let sizeBytes: Int64
    /// Last content modification, seconds since 1970-01-01 UTC, with the file system's full
    /// (nanosecond) precision as far as a Double carries it.
    public let modificationTime: Double
    /// Device of the file system holding the file (`st_dev`).
    public let device: UInt64
    /// Inode number (`st_ino`); with `device` it identifies the file across renames and links.
    public let inode: UInt64
    /// Last status change (`st_ctime`), seconds since 1970: a tool that restores the modification
    /// time after editing a file (`touch -d`, backup and sync tools) cannot restore this one.
    public let changeTime: Double

    public init(path: String, sizeBytes: Int64, modificationTime: Double, device: UInt64, inode: UInt64, changeTime: Double = 0) {
        self.path = path
        self.sizeBytes = sizeBytes
        self.modificationTime = modificationTime
        self.device = device
        self.inode = inode
        self.changeTime = changeTime
    }

    /// The path as a file URL (a regular file: no `stat` to ask whether it is a directory).
    public var url: URL { URL(filePath: path, directoryHint: .notDirectory) }
}
