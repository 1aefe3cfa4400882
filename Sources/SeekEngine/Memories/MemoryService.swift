import Foundation
import Logging
import SeekCore

/// Agent memories: short Markdown notes an agent writes (`remember`) and deletes (`forget`),
/// kept as files under `<index>/memories/`, which is a root of the index, so they are found by
/// every search like any other file.
///
/// Contract:
/// - `remember` writes the file, then indexes it through the engine's single writer and returns
///   only when the searcher sees it: a search right after finds it.
/// - `forget` deletes a memory's file and its rows the same way: a search right after does not
///   find it. Only memories can be forgotten: the argument is a memory id, never a path.
/// - A write that fails leaves nothing behind (the file of a memory that could not be indexed is
///   deleted again).
public final class MemoryService: Sendable {
    /// The memory a `source` of nil is recorded with.
    public static let defaultSource = "mcp"
    /// The longest text `remember` accepts, in UTF-8 bytes (1 MiB).
    public static let maxTextBytes = 1 << 20

    private let settings: SeekSettings
    private let indexing: IndexingService
    private let catalog: CatalogService
    private let store: StoreHandle
    private let logger = Logger(label: "seek.engine")

    init(settings: SeekSettings, indexing: IndexingService, catalog: CatalogService, store: StoreHandle) {
        self.settings = settings
        self.indexing = indexing
        self.catalog = catalog
        self.store = store
    }

    /// `<index>/memories`, absolute and standardised (the root the memories are indexed under).
    public var directory: URL {
        settings.memoriesDirectory
    }

    /// C0 controls other than tab, line feed and carriage return, and DEL.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && !["\t", "\n", "\r"].contains(scalar)) || scalar.value == 0x7F
    }

    /// True when `id` has the form of a memory id (`mem-YYYYMMDD-HHMMSS-xxxxxx`).
    public static func isMemoryID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "mem" else { return false }
        let digits = parts[1].count == 8 && parts[2].count == 6 && (parts[1] + parts[2]).allSatisfy { $0.isASCII && $0.isNumber }
        return digits && parts[3].count == 6 && parts[3].allSatisfy { $0.isHexDigit && ($0.isNumber || $0.isLowercase) }
    }

    /// The id of the memory whose file is `path`, or nil when `path` is not a memory's file.
    public func id(ofPath path: String) -> String? {
        let url = URL(fileURLWithPath: CatalogService.absolutePath(path))
        guard url.deletingLastPathComponent().path == directory.path, url.pathExtension == "md" else { return nil }
        let id = url.deletingPathExtension().lastPathComponent
        return Self.isMemoryID(id) ? id : nil
    }

    /// Stores `text` as a new memory and indexes it before returning it (with its chunk count).
    /// The title defaults to the text's first line (80 characters at most).
    /// - Throws: `EngineError.invalidRequest` for an empty or oversized text, an empty tag or a
    ///   control character (other than tab and line breaks) in any field,
    ///   `EngineError.readOnlyIndex` when the index cannot be written, what an index run throws,
    ///   `EngineError.failed` when the file cannot be written or is not indexed (its reason given).
    public func remember(text: String, title: String? = nil, tags: [String] = [], source: String? = nil) async throws(EngineError) -> Memory {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw .invalidRequest(reason: "the memory's text is empty") }
        guard body.utf8.count <= Self.maxTextBytes else {
            throw .invalidRequest(reason: "the memory's text has \(body.utf8.count) bytes; at most \(Self.maxTextBytes) are kept")
        }
        let cleanTags = tags.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !cleanTags.contains(where: { $0.isEmpty || $0.contains("\n") }) else {
            throw .invalidRequest(reason: "a tag is empty or spans lines")
        }
        // The file would be read back as binary and fail to index: refuse it before writing.
        for (field, value) in [("text", body), ("title", title ?? ""), ("source", source ?? "")] + cleanTags.map({ ("tag", $0) }) {
            if let scalar = value.unicodeScalars.first(where: Self.isControl) {
                let code = "U+" + String(format: "%04X", scalar.value)
                throw .invalidRequest(reason: "the memory's \(field) holds the control character \(code); memories are plain text")
            }
        }
        try refuseOnPostgres()
        if let reason = store.writeBlocker() { throw .readOnlyIndex(directory: settings.indexDirectory.path, reason: reason) }
        let now = Date()
        let id = Self.makeID(at: now)
        let givenTitle = title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let file = MemoryFile(
            frontMatter: .init(id: id, title: givenTitle.isEmpty ? Self.defaultTitle(of: body) : givenTitle, tags: cleanTags,
                               created: Self.timestamp(now), source: source ?? Self.defaultSource),
            text: body)
        let path = directory.appendingPathComponent(id + ".md")
        try EngineError.wrapping("remember", directory: settings.indexDirectory) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(try file.contents().utf8).write(to: path, options: .atomic)
        }
        do {
            _ = try await indexing.run(IndexRequest(scope: try await isRootStored() ? .changes([path.path]) : .roots([directory.path])))
            let row = try await catalog.files(pathPrefix: path.path, limit: 1).first
            guard let row, row.path == path.path, row.status == .indexed else {
                throw EngineError.failed(operation: "remember", underlying: MemoryNotIndexed(path: path.path, reason: row?.reason ?? row?.status.rawValue ?? "not found by the run"))
            }
            return Self.memory(file.frontMatter, path: path.path, chunks: row.chunks)
        } catch {
            try? FileManager.default.removeItem(at: path)
            throw EngineError.from(error, operation: "remember", directory: settings.indexDirectory)
        }
    }

    /// Deletes the memory `id`: its file, then its rows (through the single writer), and returns
    /// what it held once the searcher no longer sees it.
    /// - Throws: `EngineError.invalidRequest` when `id` is not a memory id or no such memory
    ///   exists, `EngineError.readOnlyIndex`, what an index run throws.
    public func forget(id: String) async throws(EngineError) -> ForgottenMemory {
        try refuseOnPostgres()
        let memory = try memory(id: id)
        if let reason = store.writeBlocker() { throw .readOnlyIndex(directory: settings.indexDirectory.path, reason: reason) }
        try EngineError.wrapping("forget", directory: settings.indexDirectory) {
            try FileManager.default.removeItem(atPath: memory.path)
        }
        _ = try await indexing.run(IndexRequest(scope: .changes([memory.path])))
        return ForgottenMemory(id: memory.id, path: memory.path, title: memory.title, chunksRemoved: memory.chunks)
    }

    /// Every memory, oldest first, with its chunk count (0 for one not indexed yet).
    /// - Throws: `EngineError.failed` when the memories folder cannot be read.
    public func list() throws(EngineError) -> [Memory] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .failed(operation: "memories", underlying: error)
        }
        let chunks = indexedChunks()
        return names.sorted().compactMap { name -> Memory? in
            let path = directory.appendingPathComponent(name).path
            guard id(ofPath: path) != nil, let contents = try? String(contentsOfFile: path, encoding: .utf8),
                  let file = MemoryFile(parsing: contents) else { return nil }
            return Self.memory(file.frontMatter, path: path, chunks: chunks[path] ?? 0)
        }
    }

    /// The memory `id` and its text.
    /// - Throws: `EngineError.invalidRequest` when `id` is not a memory id or names no memory.
    public func memory(id: String) throws(EngineError) -> Memory {
        try read(id: id).memory
    }

    /// The memory `id`'s text (without its front matter).
    /// - Throws: as `memory(id:)`.
    public func text(id: String) throws(EngineError) -> String {
        try read(id: id).text
    }

    // MARK: - Files

    private func read(id: String) throws(EngineError) -> (memory: Memory, text: String) {
        guard Self.isMemoryID(id) else {
            throw .invalidRequest(reason: "'\(id)' is not a memory id (memory ids look like mem-20260131-120000-3fa9c2; only memories can be forgotten)")
        }
        let path = directory.appendingPathComponent(id + ".md").path
        guard let contents = try? String(contentsOfFile: path, encoding: .utf8), let file = MemoryFile(parsing: contents) else {
            throw .invalidRequest(reason: "there is no memory \(id)")
        }
        return (Self.memory(file.frontMatter, path: path, chunks: indexedChunks()[path] ?? 0), file.text)
    }

    /// Memories are files in the SQLite index's folder, indexed there; a PostgreSQL index (shared
    /// by a team) does not keep them yet.
    private func refuseOnPostgres() throws(EngineError) {
        if settings.store.postgres != nil {
            throw .invalidRequest(reason: "agent memories are kept with a SQLite index for now, not in a PostgreSQL one (--store postgres://)")
        }
    }

    /// Chunks of the indexed files under the memories folder, by path.
    private func indexedChunks() -> [String: Int] {
        let rows = (try? catalog.sqliteFiles(status: .indexed, pathPrefix: directory.path)) ?? []
        return Dictionary(rows.map { ($0.path, $0.chunks) }, uniquingKeysWith: { first, _ in first })
    }

    private func isRootStored() async throws(EngineError) -> Bool {
        do {
            return try await indexing.storedRoots().contains(directory.path)
        } catch .noIndex {
            return false
        }
    }

    private static func memory(_ frontMatter: MemoryFile.FrontMatter, path: String, chunks: Int) -> Memory {
        Memory(id: frontMatter.id, path: path, title: frontMatter.title, tags: frontMatter.tags, created: frontMatter.created,
               source: frontMatter.source, chunks: chunks)
    }

    private static func makeID(at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "mem-\(formatter.string(from: date))-" + String(format: "%06x", UInt32.random(in: 0...0xFF_FFFF))
    }

    private static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// The first line of `text`, at most 80 characters (cut at a word when it can be).
    static func defaultTitle(of text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        let trimmed = line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "#").union(.whitespaces))
        guard trimmed.count > 80 else { return trimmed.isEmpty ? "Memory" : trimmed }
        let cut = trimmed.prefix(80)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return String(atWord) + "…"
    }
}

