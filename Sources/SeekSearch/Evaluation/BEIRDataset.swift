import Foundation

/// A retrieval test collection in BEIR layout: `corpus.jsonl` ({"_id","title","text"}),
/// `queries.jsonl` ({"_id","text"}) and `qrels/test.tsv` (query-id, corpus-id, score; header line).
public struct BEIRDataset: Sendable {
    public struct Document: Sendable, Equatable {
        public let id: String
        public let title: String
        public let text: String

        /// What is indexed and embedded for this document: `title + " " + text`, trimmed.
        public var indexedText: String {
            (title + " " + text).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    public struct Query: Sendable, Equatable {
        public let id: String
        public let text: String
    }

    public let directory: URL
    public let documents: [Document]
    public let queries: [Query]
    /// query id -> document id -> graded relevance (> 0 is relevant).
    public let judgments: [String: [String: Int]]

    /// The dataset's name: its folder name.
    public var name: String { directory.lastPathComponent }

    public init(directory: URL) throws {
        self.directory = directory
        documents = try Self.loadCorpus(directory.appendingPathComponent("corpus.jsonl"))
        queries = try Self.readJSONLines(directory.appendingPathComponent("queries.jsonl")) { object, line, path in
            guard let id = Self.identifier(object["_id"]), let text = object["text"] as? String else {
                throw SearchError.invalidDataset(path: path, reason: "line \(line): needs \"_id\" and \"text\"")
            }
            return Query(id: id, text: text)
        }
        judgments = try Self.loadJudgments(directory.appendingPathComponent("qrels/test.tsv"))
    }

    /// Reads only `corpus.jsonl` (e.g. for the embedding benchmark).
    public static func loadCorpus(_ url: URL) throws -> [Document] {
        try readJSONLines(url) { object, line, path in
            guard let id = identifier(object["_id"]), let text = object["text"] as? String else {
                throw SearchError.invalidDataset(path: path, reason: "line \(line): needs \"_id\" and \"text\"")
            }
            return Document(id: id, title: object["title"] as? String ?? "", text: text)
        }
    }

    static func loadJudgments(_ url: URL) throws -> [String: [String: Int]] {
        let content: String
        do { content = try String(contentsOf: url, encoding: .utf8) } catch {
            throw SearchError.invalidDataset(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        var judgments: [String: [String: Int]] = [:]
        for (index, line) in content.split(whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if index == 0, fields.first == "query-id" { continue }
            guard fields.count >= 3, let score = Int(fields[2]) ?? Double(fields[2]).map({ Int($0) }) else {
                throw SearchError.invalidDataset(path: url.path, reason: "line \(index + 1): expected query-id<TAB>corpus-id<TAB>score")
            }
            judgments[fields[0], default: [:]][fields[1]] = score
        }
        return judgments
    }

    static func readJSONLines<T>(_ url: URL, _ decode: ([String: Any], Int, String) throws -> T) throws -> [T] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SearchError.invalidDataset(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        var results: [T] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            if line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw SearchError.invalidDataset(path: url.path, reason: "line \(index + 1) is not a JSON object")
            }
            results.append(try decode(object, index + 1, url.path))
        }
        return results
    }

    private static func identifier(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }
}
