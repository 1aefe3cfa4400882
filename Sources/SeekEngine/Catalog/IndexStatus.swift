import SeekCore

/// `seek status --json`.
public struct IndexStatus: Sendable, Codable, Equatable {
    public var roots: [String]
    /// Files per status (JSON: {"indexed","failed","skipped"}).
    public var files: [FileStatus: Int]
    public var chunks: Int
    public var vectors: Int
    public var dbBytes: Int64
    public var model: String
    /// The `seek index` run going on now (`<index>/status.json` of a live process), else nil
    /// (encoded as null).
    public var live: LiveStatus? = nil
    /// Nodes, edges, unresolved links and tags of the knowledge graph
    /// (JSON: {"nodes","edges","unresolved_links","tags"}).
    public var graph = GraphCounts()
    /// Indexed files and their chunks per precision of their vectors, as recorded per file
    /// (JSON `vector_precisions`: {"fp32": {"files", "chunks"}, "bf16": ...}; only precisions
    /// that some file has). An index whose files mix precisions searches them all alike.
    public var vectorPrecisions: [String: VectorPrecisionCount] = [:]
    /// Where the index lives when it is not the SQLite file: the PostgreSQL database (no password)
    /// and this process's namespace; nil for SQLite. JSON `store`, left out when nil.
    public var store: String? = nil

    enum CodingKeys: String, CodingKey {
        case roots, files, chunks, vectors, model, live, graph
        case dbBytes = "db_bytes"
        case vectorPrecisions = "vector_precisions"
    }
}

/// One row of `seek files --json`.
public struct FileRow: Sendable, Codable, Equatable {
    public var path: String
    public var status: FileStatus
    public var reason: String?
    public var chunks: Int
    public var parser: String?
    /// The detected character encoding of a text-like file ("utf-8", "shift_jis"...), else nil.
    public var encoding: String? = nil

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(chunks, forKey: .chunks)
        try container.encode(parser, forKey: .parser)
        try container.encode(encoding, forKey: .encoding)
    }
}

/// `seek show PATH --json`: the extracted text of an indexed file and its chunks.
public struct ShownDocument: Sendable, Codable, Equatable {
    public struct Chunk: Sendable, Codable, Equatable {
        public var ordinal: Int
        public var start: Int
        public var end: Int
        public var page: Int?
        public var text: String
        public var headingPath: [String]
        /// True when the chunk's page was read with OCR (scanned PDF page, image).
        public var ocr: Bool = false

        enum CodingKeys: String, CodingKey {
            case ordinal, start, end, page, text, ocr
            case headingPath = "heading_path"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ordinal, forKey: .ordinal)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(page, forKey: .page)
            try container.encode(text, forKey: .text)
            try container.encode(headingPath, forKey: .headingPath)
            if ocr { try container.encode(ocr, forKey: .ocr) }
        }
    }

    public var path: String
    public var title: String
    public var text: String
    public var chunks: [Chunk]
}
