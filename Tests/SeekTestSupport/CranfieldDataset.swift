import Foundation
import Synchronization

/// The project's copy of the Cranfield collection in BEIR layout (`datasets/cranfield`): 1,400
/// abstracts, 225 queries, relevance judgments. Loaded once per test process.
public enum CranfieldDataset {
    /// One abstract of `corpus.jsonl`, as stored.
    public struct Document: Sendable, Decodable {
        public let id: String
        public let title: String
        public let text: String

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case title, text
        }

        /// `title + " " + text`, trimmed: the text BEIR tools embed (and `seek eval` indexes).
        public var indexedText: String {
            (title + " " + text).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// One query of `queries.jsonl`.
    public struct Query: Sendable, Decodable {
        public let id: String
        public let text: String

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case text
        }
    }

    public static var directory: URL { ProjectFixtures.cranfield }

    private static let loadedDocuments = Mutex<[Document]?>(nil)

    /// The 1,400 abstracts, in file order.
    public static func documents() throws -> [Document] {
        if let documents = loadedDocuments.withLock({ $0 }) { return documents }
        let documents = try jsonLines(Document.self, file: "corpus.jsonl")
        loadedDocuments.withLock { $0 = documents }
        return documents
    }

    /// `indexedText` of the first `count` abstracts.
    public static func indexedTexts(count: Int) throws -> [String] {
        try documents().prefix(count).map(\.indexedText)
    }

    /// The 225 queries, in file order.
    public static func queries() throws -> [Query] {
        try jsonLines(Query.self, file: "queries.jsonl")
    }

    /// `qrels/test.tsv`: relevance by query id, then document id.
    public static func relevance() throws -> [String: [String: Int]] {
        let text = try String(contentsOf: directory.appendingPathComponent("qrels/test.tsv"), encoding: .utf8)
        var judgments: [String: [String: Int]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let score = Int(fields[2]) else { continue }
            judgments[String(fields[0]), default: [:]][String(fields[1])] = score
        }
        return judgments
    }

    private static func jsonLines<Value: Decodable>(_ type: Value.Type, file: String) throws -> [Value] {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Value.self, from: Data($0)) }
    }
}
