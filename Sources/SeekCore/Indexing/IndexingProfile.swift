import Foundation

/// Where the wall time of an indexing run went (`seek index --profile`).
///
/// The stages run concurrently, so their busy times overlap and usually add up to more than the
/// wall time. The profile lists each stage's busy seconds (`IndexingReport.stageSeconds`: for
/// scan the walk minus the time blocked handing files on, for parse and chunk the time spent
/// reading, hashing, parsing and chunking, for embed the time at least one batch was in flight,
/// for write the time in store transactions) plus one more row:
///
/// - `waiting` = max(0, wall seconds − busy seconds of the busiest stage): the wall time during
///   which the bottleneck stage was idle — filling and draining the pipeline, the bottleneck
///   waiting for input, the run's start and end.
///
/// Each row's `share` is its seconds divided by the sum of all rows (stages and waiting), so the
/// shares add up to 1 and read as "of all the time the run accounted for, embed took 94.5%".
public struct IndexingProfile: Sendable, Equatable {
    /// One row: a stage (or `waiting`), its seconds, and its share of the sum of all rows (0...1).
    public struct Entry: Sendable, Codable, Equatable {
        /// The stage's name, or `waiting`.
        public var stage: String
        public var seconds: Double
        public var share: Double

        public init(stage: String, seconds: Double, share: Double) {
            self.stage = stage
            self.seconds = seconds
            self.share = share
        }
    }

    /// The row name of the time the busiest stage was idle.
    public static let waitingStage = "waiting"

    /// scan, parse, chunk, embed, write, then waiting.
    public let entries: [Entry]
    /// The run's wall time.
    public let wallSeconds: Double

    /// The profile of a finished run.
    public init(report: IndexingReport) {
        let busy = IndexingStage.allCases.map { (stage: $0.rawValue, seconds: max(0, report.stageSeconds[$0] ?? 0)) }
        let busiest = busy.map(\.seconds).max() ?? 0
        let rows = busy + [(stage: Self.waitingStage, seconds: max(0, report.seconds - busiest))]
        let total = rows.reduce(0) { $0 + $1.seconds }
        entries = rows.map { Entry(stage: $0.stage, seconds: $0.seconds, share: total > 0 ? $0.seconds / total : 0) }
        wallSeconds = report.seconds
    }
}
