/// One query of a search suite (a line of `bench/suite/*.jsonl`):
/// {"query", "difficulty", "relevant": [paths relative to the indexed root]}.
public struct SuiteQuery: Sendable, Codable, Equatable {
    /// How hard the query is for a search engine; edge queries are odd input (they may be rejected).
    public enum Difficulty: String, Sendable, Codable, CaseIterable, Comparable {
        case easy, medium, hard, edge

        public static func < (lhs: Difficulty, rhs: Difficulty) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var query: String
    public var difficulty: Difficulty
    /// Files that answer the query, relative to the indexed root; empty when none is judged.
    public var relevant: [String]

    public init(query: String, difficulty: Difficulty, relevant: [String] = []) {
        self.query = query
        self.difficulty = difficulty
        self.relevant = relevant
    }

    enum CodingKeys: String, CodingKey {
        case query, difficulty, relevant
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        query = try container.decode(String.self, forKey: .query)
        difficulty = try container.decode(Difficulty.self, forKey: .difficulty)
        relevant = try container.decodeIfPresent([String].self, forKey: .relevant) ?? []
    }

    /// Whether a result at `path` (absolute) is one of `relevant`: it ends with "/" + that path.
    public func relevantPath(matching path: String) -> String? {
        relevant.first { path.hasSuffix("/" + $0) }
    }
}
