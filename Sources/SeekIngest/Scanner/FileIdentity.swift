/// (device, inode): identifies a directory however it is reached, for loop and duplicate detection.
struct FileIdentity: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64
}
