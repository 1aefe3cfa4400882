import Foundation
import SeekCore

/// Reads whole files for the parsers, turning I/O failures into `IngestError.unreadable`.
enum DocumentFileReader {
    /// The bytes of the file at `url`.
    static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url, options: [])
        } catch {
            throw IngestError.unreadable(path: url.path, reason: reason(for: error))
        }
    }

    /// Up to `count` leading bytes of the file at `url`.
    static func readPrefix(of url: URL, count: Int) throws -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            throw IngestError.unreadable(path: url.path, reason: reason(for: error))
        }
    }

    /// The POSIX message ("Permission denied", "Is a directory"...) behind a Foundation error when
    /// there is one, else the error's own description.
    static func reason(for error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(nsError.code)))
        }
        return nsError.localizedDescription
    }
}
