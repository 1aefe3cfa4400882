import Foundation
import SeekEngine

/// The readable text of each tool's result: what a model reads (the structured content carries
/// the same data as JSON).
enum ToolText {
    static func search(_ response: SearchResponse) -> String {
        let timing = "\(response.mode.rawValue), \(milliseconds(response.tookMilliseconds))"
        var lines: [String] = []
        if response.results.isEmpty {
            lines.append("No results for “\(response.query)” (\(timing)).")
        } else {
            lines.append("\(response.results.count) result\(response.results.count == 1 ? "" : "s") for “\(response.query)” (\(timing)):")
            for (rank, result) in response.results.enumerated() {
                let place = [result.page.map { "p. \($0)" }, "chunk \(result.chunk.ordinal)", "chars \(result.chunk.start)–\(result.chunk.end)"]
                    .compactMap { $0 }.joined(separator: ", ")
                lines.append("\(rank + 1). \(result.title) — \(result.path) (\(place)) score \(String(format: "%.4f", result.score)), "
                    + "found by \(result.foundBy.map(\.rawValue).joined(separator: "+"))")
                lines.append("   " + oneLine(result.snippet))
            }
        }
        lines += response.warnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func document(_ document: ShownDocument, chunkCount: Int, shownCharacters: Int, totalCharacters: Int) -> String {
        let extent = shownCharacters < totalCharacters
            ? "the first \(shownCharacters) of \(totalCharacters) characters (truncated: raise max_chars, or read a chunk)"
            : "\(totalCharacters) characters"
        return "# \(document.title)\n\(document.path) — \(chunkCount) chunks, \(extent)\n\n\(document.text)"
    }

    static func passage(_ passage: DocumentPassage, truncated: Bool) -> String {
        let first = passage.chunks.first?.ordinal ?? passage.chunk, last = passage.chunks.last?.ordinal ?? passage.chunk
        let span = first == last ? "chunk \(first)" : "chunks \(first)–\(last)"
        return "# \(passage.title)\n\(passage.path) — \(span) of \(passage.chunkCount) (around chunk \(passage.chunk)), "
            + "chars \(passage.start)–\(passage.end)\(truncated ? " (truncated: raise max_chars)" : "")\n\n\(passage.text)"
    }

    static func files(_ rows: [FileRow], limit: Int) -> String {
        guard !rows.isEmpty else { return "No files match." }
        var lines = ["\(rows.count) file\(rows.count == 1 ? "" : "s")\(rows.count == limit ? " (the limit; raise `limit` for more)" : ""):"]
        for row in rows {
            let detail = row.status == .indexed ? "\(row.chunks) chunks, \(row.parser ?? "?")" : (row.reason ?? "")
            lines.append("\(row.status.rawValue)  \(row.path)  (\(detail))")
        }
        return lines.joined(separator: "\n")
    }

    static func status(_ status: IndexStatus, server: ServerStatistics) -> String {
        var lines = ["Seek index (\(status.model))"]
        lines += status.roots.map { "  root     \($0)" }
        lines.append("  files    \(status.files[.indexed] ?? 0) indexed, \(status.files[.failed] ?? 0) failed, \(status.files[.skipped] ?? 0) skipped")
        lines.append("  chunks   \(status.chunks) (\(status.vectors) vectors)")
        lines.append("  size     " + String(format: "%.1f MB", Double(status.dbBytes) / 1_048_576))
        if let live = status.live {
            lines.append("  running  a \(live.phase.rawValue) index run (pid \(live.pid))")
        }
        lines.append("  server   model loaded \(server.modelLoads) time\(server.modelLoads == 1 ? "" : "s"), "
            + "\(server.searcherRefreshes) searcher snapshot\(server.searcherRefreshes == 1 ? "" : "s"), up \(Int(server.uptimeSeconds)) s")
        return lines.joined(separator: "\n")
    }

    static func index(_ result: IndexToolResult) -> String {
        result.runs.map { run in
            guard let report = run.report else {
                return "Run \(run.run) queued (\(run.scope) \(run.paths.isEmpty ? "every root" : run.paths.joined(separator: ", "))): "
                    + "it goes on in the background; `status` shows it."
            }
            var lines = ["Run \(run.run): indexed \(report.filesIndexed) files (\(report.chunks) chunks, \(report.chunksEmbedded) embedded, "
                + "\(report.cacheHits) from cache) in " + String(format: "%.1f s", report.seconds) + "; unchanged \(report.filesUnchanged), "
                + "removed \(report.filesRemoved), skipped \(report.filesSkipped), failed \(report.filesFailed)."]
            lines += report.failures.prefix(10).map { "  failed: \($0.path): \($0.reason)" }
            lines += report.problems.prefix(10).map { "  problem: \($0)" }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    static func remembered(_ memory: Memory) -> String {
        let tags = memory.tags.isEmpty ? "" : " (tags: \(memory.tags.joined(separator: ", ")))"
        return "Remembered \(memory.id): “\(memory.title)”\(tags), \(memory.chunks) chunk\(memory.chunks == 1 ? "" : "s") indexed "
            + "at \(memory.path). Searches find it now; `forget` with this id deletes it."
    }

    static func forgotten(_ memory: ForgottenMemory) -> String {
        "Forgot \(memory.id): “\(memory.title)” — its file \(memory.path) and its \(memory.chunksRemoved) chunk"
            + "\(memory.chunksRemoved == 1 ? "" : "s") are gone from the index."
    }

    static func related(_ related: RelatedDocuments) -> String {
        guard !related.results.isEmpty else { return "No other file to compare \(related.path) with." }
        var lines = ["Files most like \(related.path) (\(milliseconds(related.tookMilliseconds))):"]
        for (rank, document) in related.results.enumerated() {
            lines.append("\(rank + 1). \(document.title) — \(document.path) (similarity \(String(format: "%.3f", document.score)), "
                + "\(document.chunks) chunks\(document.linked ? ", already linked" : ""))")
        }
        return lines.joined(separator: "\n")
    }

    static func links(_ links: FileLinks) -> String {
        var lines = ["\(links.path): \(links.outgoing.count) link(s), \(links.backlinks.count) backlink(s), "
            + "\(links.unresolved.count) unresolved"]
        lines += links.outgoing.map { "→ \($0.path ?? $0.target)\($0.anchor.map { "#" + $0 } ?? "") (\($0.kind))" }
        lines += links.backlinks.map { "← \($0.path) (\($0.kind))\($0.snippet.map { ": " + oneLine($0) } ?? "")" }
        lines += links.unresolved.map { "? \($0.target) (\($0.kind), no such file or more than one)" }
        if !links.tags.isEmpty { lines.append("tags: " + links.tags.map { "#" + $0 }.joined(separator: " ")) }
        return lines.joined(separator: "\n")
    }

    static func tags(_ report: TagReport) -> String {
        if let files = report.files {
            return files.isEmpty ? "No file carries #\(report.tag ?? "")." : (["Files tagged #\(report.tag ?? ""):"] + files).joined(separator: "\n")
        }
        let tags = report.tags ?? []
        return tags.isEmpty ? "No tags in the index." : tags.map { "#\($0.tag) (\($0.files) file\($0.files == 1 ? "" : "s"))" }.joined(separator: "\n")
    }

    static func gaps(_ report: GapReport) -> String {
        guard !report.pairs.isEmpty else {
            return "No unlinked pair of the \(report.documents) documents reaches similarity \(report.threshold)."
        }
        var lines = ["Similar but unlinked (\(report.pairs.count) of \(report.documents) documents' pairs, \(milliseconds(report.tookMilliseconds))):"]
        for (rank, pair) in report.pairs.enumerated() {
            lines.append("\(rank + 1). \(pair.first) ↔ \(pair.second) (similarity \(String(format: "%.3f", pair.score)))")
            if let reason = pair.reason {
                lines.append("   “\(oneLine(reason.firstChunk))” ~ “\(oneLine(reason.secondChunk))”")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func milliseconds(_ value: Double) -> String {
        String(format: "%.0f ms", value)
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
