import Foundation
import GRDB
import SeekTestSupport

/// A temporary working directory with a folder of real files, for running `seek` as a user does.
final class CLIFixture {
    let scratch: TemporaryDirectory
    var directory: URL { scratch.url }

    init() throws {
        scratch = try TemporaryDirectory("seek-cli")
    }

    deinit { scratch.remove() }

    /// Cranfield abstracts `range` as `docs/<id>.txt` (title on the first line).
    func writeCranfield(_ range: Range<Int>, folder: String = "docs") throws {
        for document in try CranfieldDataset.documents()[range] {
            let title = document.title.trimmingCharacters(in: .whitespaces)
            try scratch.write(title + "\n" + document.text, to: "\(folder)/\(document.id).txt")
        }
    }

    func seek(_ arguments: String..., input: Data? = nil) throws -> SeekProcess.Result {
        try SeekProcess.run(arguments, in: directory, input: input)
    }

    /// Files, chunks and vectors of an index, in a comparable form (paths relative to `base`).
    func contents(ofIndex index: String, base: String) throws -> IndexContents {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("\(index)/index.sqlite").path)
        defer { try? queue.close() }
        return try queue.read { db in
            let files = try Row.fetchAll(db, sql: "SELECT path, status, chunk_count, content_hash FROM files ORDER BY path").map {
                "\(($0["path"] as String).replacingOccurrences(of: base, with: "")) \($0["status"] as String) \($0["chunk_count"] as Int) \(($0["content_hash"] as String?) ?? "-")"
            }
            var chunks: [String] = []
            var vectors: [String: [Float]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT f.path, c.ordinal, c.text, c.start_offset, c.end_offset, v.embedding
                FROM chunks c JOIN files f ON f.id = c.file_id JOIN vectors v ON v.chunk_id = c.id ORDER BY f.path, c.ordinal
                """) {
                let key = "\((row["path"] as String).replacingOccurrences(of: base, with: ""))#\(row["ordinal"] as Int)"
                chunks.append("\(key) \(row["start_offset"] as Int)-\(row["end_offset"] as Int) \(row["text"] as String)")
                let blob: Data = row["embedding"]
                vectors[key] = blob.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            }
            return IndexContents(files: files, chunks: chunks, vectors: vectors)
        }
    }

    struct IndexContents {
        let files: [String]
        let chunks: [String]
        let vectors: [String: [Float]]

        /// The smallest cosine between the same chunk's vectors in two indexes (1 when identical).
        func worstCosine(against other: IndexContents) -> Float {
            var worst: Float = 1
            for (key, a) in vectors {
                guard let b = other.vectors[key], a.count == b.count else { return -1 }
                worst = min(worst, zip(a, b).reduce(0) { $0 + $1.0 * $1.1 })
            }
            return worst
        }
    }
}
