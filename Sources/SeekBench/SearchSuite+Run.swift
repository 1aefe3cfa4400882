import Foundation
import SeekCore
import SeekEngine
import SeekSearch

extension SearchSuite {
    /// `seek bench suite`: runs every query of the suite in vector, keyword and hybrid modes
    /// through `engine`'s search service (give it a `.service` engine: the model and the full
    /// vectors load once; one untimed warm-up search per mode). A query the engine rejects is
    /// recorded with the message, never thrown.
    public func run(on engine: SeekEngine) async throws -> SuiteReport {
        let searcher = try await engine.searching.current()
        let roots = try engine.catalog.status().roots
        let cutoff = 10
        if let warmUp = queries.first(where: { $0.difficulty != .edge }) ?? queries.first {
            for mode in SuiteReport.modes { _ = try? await engine.searching.search(SearchRequest(query: warmUp.query, mode: mode, k: cutoff)) }
        }
        var results: [SuiteReport.QueryResult] = []
        for query in queries {
            let judgments = Dictionary(query.relevant.map { ($0, 1) }, uniquingKeysWith: max)
            var runs: [SuiteReport.Run] = []
            for mode in SuiteReport.modes {
                let started = ContinuousClock.now
                do {
                    let response = try await engine.searching.search(SearchRequest(query: query.query, mode: mode, k: cutoff))
                    let milliseconds = (ContinuousClock.now - started).milliseconds
                    let paths = response.results.map(\.path)
                    // A relevant file stands for itself by its relative path; other results by their own path.
                    let ranking = paths.map { query.relevantPath(matching: $0) ?? $0 }
                    runs.append(SuiteReport.Run(
                        mode: mode, tookMilliseconds: milliseconds, top: paths.prefix(SuiteReport.topCount).map { Self.relativePath($0, roots: roots) },
                        reciprocalRank: RetrievalMetrics.reciprocalRank(ranking: ranking, judgments: judgments, cutoff: cutoff), rejected: nil))
                } catch {
                    runs.append(SuiteReport.Run(mode: mode, tookMilliseconds: nil, top: [],
                                                reciprocalRank: judgments.isEmpty ? nil : 0, rejected: "\(error)"))
                }
            }
            results.append(SuiteReport.QueryResult(query: query.query, difficulty: query.difficulty, relevant: query.relevant, runs: runs))
        }
        return SuiteReport(createdAt: Date().formatted(.iso8601), index: engine.settings.indexDirectory.path, roots: roots,
                           chunks: searcher.vectorIndex.count, queriesFile: url.path, queries: results)
    }

    /// Saves `report` as `<indexDirectory>/bench/suite-<UTC time to the millisecond>.json`
    /// (setting its `savedTo`) and returns the file.
    public static func save(_ report: inout SuiteReport, indexDirectory: URL) throws -> URL {
        let folder = indexDirectory.appendingPathComponent("bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = Date().formatted(Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)\(month: .twoDigits)\(day: .twoDigits)-\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased))\(minute: .twoDigits)\(second: .twoDigits)-\(secondFraction: .fractional(3))",
            timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
        let url = folder.appendingPathComponent("suite-\(stamp).json")
        report.savedTo = url.path
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(report).write(to: url, options: .atomic)
        return url
    }

    /// `path` relative to the root that holds it, else as is.
    static func relativePath(_ path: String, roots: [String]) -> String {
        for root in roots.sorted(by: { $0.count > $1.count }) {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return path
    }
}
