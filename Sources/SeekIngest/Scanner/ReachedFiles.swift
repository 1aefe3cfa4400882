import Synchronization

/// The files a run has reported, by device and inode, so that a file reached twice (through a
/// symlink, or as two hard links) is indexed once, under the first path it was reached by. One
/// instance can be shared by the scans of several roots in one run.
public final class ReachedFiles: Sendable {
    private let firstPaths = Mutex<[FileIdentity: String]>([:])

    public init() {}

    /// The path `identity` was first reached under when that is not `path`; nil (and `path`
    /// recorded) when this is the first time.
    func firstPath(of identity: FileIdentity, reachedAs path: String) -> String? {
        firstPaths.withLock { paths in
            if let first = paths[identity], first != path { return first }
            paths[identity] = path
            return nil
        }
    }
}
