import Foundation

/// A search suite: queries with a difficulty and the files that answer them, read from a JSON
/// lines file (`seek bench suite --queries FILE`; default `bench/suite/sample-queries.jsonl`).
public struct SearchSuite: Sendable, Equatable {
    /// The file the queries came from.
    public let url: URL
    /// In file order.
    public let queries: [SuiteQuery]

    public init(url: URL, queries: [SuiteQuery]) {
        self.url = url
        self.queries = queries
    }

    /// Reads `url`: one query per non-blank line.
    public static func load(from url: URL) throws -> SearchSuite {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SuiteError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        var queries: [SuiteQuery] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                queries.append(try JSONDecoder().decode(SuiteQuery.self, from: Data(line.utf8)))
            } catch {
                throw SuiteError.invalidQuery(path: url.path, line: offset + 1, reason: "\(error)")
            }
        }
        guard !queries.isEmpty else { throw SuiteError.empty(path: url.path) }
        return SearchSuite(url: url, queries: queries)
    }

    /// The default suite file, found like `DatasetLocator` finds datasets: in the working
    /// directory, then in the folders above the executable (`.build/<config>/seek` in the project).
    public static func defaultFile() throws -> URL {
        let relative = "bench/suite/sample-queries.jsonl"
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative)]
        var executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<5 {
            executable = executable.deletingLastPathComponent()
            candidates.append(executable.appendingPathComponent(relative))
        }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            return found.standardizedFileURL
        }
        throw SuiteError.notFound(searched: candidates.map(\.standardizedFileURL.path))
    }
}
