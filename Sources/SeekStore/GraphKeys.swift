import Foundation
import SeekCore

/// How edges find their target files, Obsidian-style: first the exact path a link names, then
/// the file whose name without extension (or one of whose aliases) matches case-insensitively,
/// when exactly one does. These are the keys stored beside each edge and file.
package enum GraphKeys {
    /// The lowercased file name of `path` without its extension: `/a/My Note.md` → `my note`.
    package static func nameKey(ofPath path: String) -> String {
        nameKey(ofTarget: path)
    }

    /// The lowercased last component of a link target without a file extension
    /// (`folder/Other Note.md` → `other note`). An extension is a final `.` followed by 1-8
    /// letters or digits, so `v1.2 notes` keeps its dot.
    package static func nameKey(ofTarget target: String) -> String {
        let last = target.split(separator: "/").last.map(String.init) ?? target
        return stripped(last).lowercased()
    }

    /// The name a link may resolve by when its exact path is no file: for `[[wikilinks]]` the
    /// last component of the target; for a path link only when it names no folder (`[a](b.md)`,
    /// `[a](./b.md)`), since a path through folders means that path only. Nil: exact path only.
    package static func nameLookup(of link: DocumentLink) -> String? {
        var target = Substring(link.target)
        while target.hasPrefix("./") { target = target.dropFirst(2) }
        guard link.isWikiTarget || !target.contains("/") else { return nil }
        return nameKey(ofTarget: String(target))
    }

    /// The lowercased alias as wikilinks match it.
    package static func aliasKey(_ alias: String) -> String {
        alias.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The absolute path a link names: a path relative to the linking file's folder, or (for
    /// `[[wikilinks]]`) relative to the root, with `.md` added when it has no extension.
    package static func targetPath(of link: DocumentLink, sourcePath: String, rootPath: String) -> String {
        let sourceFolder = (sourcePath as NSString).deletingLastPathComponent
        if link.isWikiTarget {
            let base = sourcePath.hasPrefix(rootPath + "/") ? rootPath : sourceFolder
            let withExtension = stripped(link.target) == link.target ? link.target + ".md" : link.target
            return standardized(withExtension.hasPrefix("/") ? withExtension : base + "/" + withExtension)
        }
        return standardized(link.target.hasPrefix("/") ? link.target : sourceFolder + "/" + link.target)
    }

    /// The link an edge row was written from, rebuilt to write it into another index (`seek
    /// export`): placed at an offset inside chunk `chunkIndex` of `chunks` and after every earlier
    /// chunk (overlapping chunks), so that `IndexWriter.chunk(holding:in:)` puts it back in the
    /// same chunk; nil offset without a chunk. Whether the target was a `[[wikilink]]` target is
    /// not stored: it is the reading that gives back the stored target path and name (when both
    /// readings do, they resolve alike).
    package static func storedLink(
        kind: DocumentLink.Kind, target: String, anchor: String?, targetPath: String?, targetName: String?,
        chunkIndex: Int?, chunks: [ChunkDraft], sourcePath: String, rootPath: String
    ) -> DocumentLink {
        var offset: Int?
        if let chunkIndex, chunks.indices.contains(chunkIndex) {
            let chunk = chunks[chunkIndex]
            let afterEarlier = max(chunk.start, chunks[..<chunkIndex].map(\.end).max() ?? 0)
            offset = afterEarlier < chunk.end ? afterEarlier : chunk.start
        }
        var link = DocumentLink(kind: kind, target: target, anchor: anchor, offset: offset, isWikiTarget: true)
        if kind != .tag,
           Self.targetPath(of: link, sourcePath: sourcePath, rootPath: rootPath) != targetPath || nameLookup(of: link) != targetName {
            link.isWikiTarget = false
        }
        return link
    }

    /// `link` as both stores keep it: each NUL of its target and anchor (a link to "%00.md",
    /// which names no file anywhere) replaced by U+FFFD. SQLite would read such text back cut at
    /// the NUL; PostgreSQL text cannot hold it at all.
    package static func storable(_ link: DocumentLink) -> DocumentLink {
        var link = link
        link.target = storable(link.target)
        link.anchor = link.anchor.map(storable)
        return link
    }

    /// `text` with each NUL replaced by U+FFFD.
    package static func storable(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }

    /// A file's document vector: the normalised mean of its chunk vectors (the sum has the same
    /// direction); nil without chunks or for a zero sum.
    package static func documentVector(of embeddings: [[Float]]) -> [Float]? {
        guard let first = embeddings.first else { return nil }
        var sum = [Float](repeating: 0, count: first.count)
        for embedding in embeddings {
            for index in 0..<min(sum.count, embedding.count) { sum[index] += embedding[index] }
        }
        return normalized(sum)
    }

    /// `v` scaled to unit length; nil for a zero or non-finite vector.
    package static func normalized(_ v: [Float]) -> [Float]? {
        var squared: Float = 0
        for value in v { squared += value * value }
        let norm = squared.squareRoot()
        guard norm > 0, norm.isFinite else { return nil }
        return v.map { $0 / norm }
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func stripped(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        let ext = name[name.index(after: dot)...]
        guard (1...8).contains(ext.count), ext.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else { return name }
        return String(name[..<dot])
    }
}
