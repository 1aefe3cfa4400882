import Foundation

/// JSON lines on standard input, one object per line, for the commands that read them
/// (`seek embed`, `seek rerank score`). Invalid UTF-8 becomes U+FFFD; blank lines are skipped;
/// a line that is not a JSON object with the string fields asked for is an error naming its
/// number, and then nothing is returned.
enum JSONLinesInput {
    /// The `fields` of every non-blank line of standard input, in order, one array per line.
    static func readStrings(_ fields: [String]) throws -> [[String]] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var rows: [[String]] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let repaired = String(decoding: line, as: UTF8.self)
            if repaired.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            let object = try? JSONSerialization.jsonObject(with: Data(repaired.utf8)) as? [String: Any]
            let values = fields.compactMap { object?[$0] as? String }
            guard values.count == fields.count else {
                let names = fields.map { "\"\($0)\"" }.joined(separator: " and ")
                let wanted = fields.count == 1 ? "a \(names) string" : "\(names) strings"
                throw ArgumentError("line \(index + 1) of standard input is not a JSON object with \(wanted)")
            }
            rows.append(values)
        }
        return rows
    }
}
