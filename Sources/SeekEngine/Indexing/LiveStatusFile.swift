import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `<index>/status.json`: the live status of a running `seek index`, shared across processes.
/// Written atomically (a temporary file renamed over it), so a reader never sees half a file.
public struct LiveStatusFile: Sendable {
    public let url: URL

    public init(indexDirectory: URL) {
        url = indexDirectory.appendingPathComponent("status.json")
    }

    /// Replaces the file with `status`.
    public func write(_ status: LiveStatus) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // `.atomic` writes a temporary file beside it and renames it over the old one.
        try encoder.encode(status).write(to: url, options: .atomic)
    }

    /// The status of a run still going on: nil when there is no file, or when its process is gone
    /// (a run that was killed leaves a stale file behind). A file that cannot be decoded throws.
    public func current() throws -> LiveStatus? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        let status = try JSONDecoder().decode(LiveStatus.self, from: data)
        return Self.isAlive(pid: status.pid) ? status : nil
    }

    /// Removes the file (nothing when it is already gone).
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Whether process `pid` exists (signal 0 checks without sending anything; EPERM means it
    /// exists but belongs to another user).
    static func isAlive(pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
