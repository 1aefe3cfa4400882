#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed POSIX call: its `errno` and the system's message for it.
struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    let code: Int32

    var description: String { String(cString: strerror(code)) }

    var isNotFound: Bool { code == ENOENT || code == ENOTDIR }
    var isLoop: Bool { code == ELOOP }
}
