import Foundation
import Logging

/// The run log of an index directory: `runs.jsonl`, one JSON `RunRecord` per line, oldest first.
/// Appends are whole-line O_APPEND writes, so concurrent runs never interleave; reading skips a
/// line that is not a record (a run killed mid-write leaves a torn last line) with a warning.
public struct RunLog: Sendable {
    /// File name inside the index directory.
    public static let fileName = "runs.jsonl"

    /// The log file.
    public let url: URL
    private static let logger = Logger(label: "seek.engine")

    /// The log of the index directory `directory` (the file need not exist yet).
    public init(directory: URL) {
        url = directory.appendingPathComponent(Self.fileName)
    }

    /// Appends `record` as one line, creating the directory and the file when missing.
    public func append(_ record: RunRecord) throws(RunLogError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line: Data
        do {
            line = try encoder.encode(record)
        } catch {
            throw .encodingFailed(operation: record.operation, reason: "\(error)")
        }
        line.append(UInt8(ascii: "\n"))
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .openFailed(path: url.path, reason: error.localizedDescription)
        }
        try AppendOnlyFile.append(line: line, to: url.path)
    }

    /// Every readable record, oldest first; empty when the log does not exist yet. Lines that do
    /// not decode are skipped with a warning naming their line number.
    public func read() throws(RunLogError) -> [RunRecord] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .readFailed(path: url.path, reason: error.localizedDescription)
        }
        let decoder = JSONDecoder()
        var records: [RunRecord] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do {
                records.append(try decoder.decode(RunRecord.self, from: line))
            } catch {
                Self.logger.warning("skipping an unreadable run log line", metadata: [
                    "path": "\(url.path)", "line": "\(index + 1)", "bytes": "\(line.count)",
                ])
            }
        }
        return records
    }
}
