import Foundation

/// A fresh directory under the system temporary folder, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(_ label: String = "seek-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    public func file(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes `text` (UTF-8) at `relative`, creating folders.
    @discardableResult
    public func write(_ text: String, to relative: String) throws -> URL {
        let target = file(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
