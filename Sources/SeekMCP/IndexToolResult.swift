import SeekEngine

/// The `index` tool's result: {"runs":[{"run","scope","paths","report"}]}, one run per kind of
/// scope asked for (whole roots, or paths under roots), `report` as `seek index --json` prints
/// it, or null for a run queued with `wait` false.
struct IndexToolResult: Sendable, Encodable {
    struct Run: Sendable, Encodable {
        var run: Int
        /// "all_roots", "roots" or "changes".
        var scope: String
        var paths: [String]
        var report: IndexingReport?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(run, forKey: .run)
            try container.encode(scope, forKey: .scope)
            try container.encode(paths, forKey: .paths)
            try container.encode(report, forKey: .report)
        }

        enum CodingKeys: String, CodingKey {
            case run, scope, paths, report
        }
    }

    var runs: [Run]
}
