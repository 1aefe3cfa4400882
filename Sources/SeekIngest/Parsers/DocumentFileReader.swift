import Foundation
import SeekCore

/// Reads whole files for the parsers, turning I/O failures into `IngestError.unreadable`.
enum DocumentFileReader {
    /// The bytes of the file at `url`.
    static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url, options: [])
        } catch {
            throw IngestError.unreadable(path: url.path, reason: reason(for: error, at: url))
        }
    }

    /// Up to `count` leading bytes of the file at `url`.
    static func readPrefix(of url: URL, count: Int) throws -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            throw IngestError.unreadable(path: url.path, reason: reason(for: error, at: url))
        }
    }

    /// Why `url` could not be read: "no such file", "is a directory", "permission denied", else the
    /// POSIX message behind the Foundation error, else the error's own description (Foundation on
    /// Linux often reports only "error 256").
    static func reason(for error: any Error, at url: URL) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a directory" }
        if !FileManager.default.isReadableFile(atPath: url.path) { return "permission denied" }
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
