/// What, besides size and modification time, tells whether a file changed: its status-change
/// time (`st_ctime`, which no program can set back) and its device and inode (a file replaced
/// by another of the same size and time has another inode).
public struct FileIdentityStamp: Sendable, Equatable {
    /// Seconds since 1970.
    public var changeTime: Double
    public var device: UInt64
    public var inode: UInt64

    public init(changeTime: Double, device: UInt64, inode: UInt64) {
        self.changeTime = changeTime
        self.device = device
        self.inode = inode
    }
}
