import Foundation

/// The real `seek` executable for tests that run it: `$SEEK_BINARY` (set by `make test`), else the
/// newest `.build/<configuration>/seek` of this package.
public enum SeekBinary {
    public struct Missing: Error, CustomStringConvertible {
        public let searched: [String]
        public var description: String { "seek binary not found in \(searched); run `swift build` (or `make test`)" }
    }

    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["SEEK_BINARY"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        let candidates = ["release", "debug"].map { packageRoot.appendingPathComponent(".build/\($0)/seek").path }
        let existing = candidates.filter { FileManager.default.isExecutableFile(atPath: $0) }
        let newest = existing.max { modificationTime($0) < modificationTime($1) }
        guard let newest else { throw Missing(searched: candidates) }
        return newest
    }

    private static func modificationTime(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }
}
