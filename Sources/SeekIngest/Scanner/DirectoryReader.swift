#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists a directory's entry names with `opendir`/`readdir`, behind a safe API.
///
/// POSIX rather than FileManager.contentsOfDirectory: it reports names that are not valid UTF-8
/// instead of silently mangling them, and the exact errno of a failure.
enum DirectoryReader {
    /// The names in one directory, `.` and `..` left out, in no particular order.
    struct Listing: Sendable {
        /// Names that are valid UTF-8.
        var names: [String] = []
        /// Names that are not valid UTF-8, invalid bytes replaced by U+FFFD (for reporting only:
        /// such a name cannot be opened through a Swift String).
        var undecodableNames: [String] = []
    }

    /// Whether the directory can be opened for listing, without reading it.
    static func checkListable(atPath path: String) -> Result<Void, SystemCallError> {
        guard let directory = opendir(path) else { return .failure(SystemCallError(code: errno)) }
        closedir(directory)
        return .success(())
    }

    static func list(atPath path: String) -> Result<Listing, SystemCallError> {
        guard let directory = opendir(path) else { return .failure(SystemCallError(code: errno)) }
        defer { closedir(directory) }
        var listing = Listing()
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { return .failure(SystemCallError(code: errno)) }
                return .success(listing)
            }
            let bytes: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes) {
                listing.names.append(name)
            } else {
                listing.undecodableNames.append(String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}

private extension String {
    /// Strict UTF-8 decoding: nil when `bytes` is not valid UTF-8 (available on every platform
    /// Seek supports, unlike `String(validating:as:)`).
    init?(validating bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: self.init(scalars); return
            case .error: return nil
            }
        }
    }
}
