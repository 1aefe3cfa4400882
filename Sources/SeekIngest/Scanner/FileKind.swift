/// The type of a file system entry, from `st_mode`.
enum FileKind: String, Sendable, Equatable {
    case regular = "regular file"
    case directory
    case symlink
    case fifo = "FIFO"
    case socket
    case characterDevice = "character device"
    case blockDevice = "block device"
    case unknown = "unknown file type"
}
