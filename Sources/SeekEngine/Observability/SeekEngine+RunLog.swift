import Foundation
import SeekIndexing
import SeekPool
import SeekStore

extension SeekEngine {
    /// The run log of this engine's index directory.
    public var runLog: RunLog { RunLog(directory: settings.indexDirectory) }

    /// Appends one line to `<index dir>/runs.jsonl`.
    public func appendRun(_ record: RunRecord) throws {
        try runLog.append(record)
    }

    /// The run log's records, oldest first; only the newest `last` when given.
    public func runs(last: Int? = nil) throws -> [RunRecord] {
        if let last, last < 1 { throw RunLogError.readFailed(path: runLog.url.path, reason: "--last must be at least 1, not \(last)") }
        let records = try runLog.read()
        return last.map { Array(records.suffix($0)) } ?? records
    }

    /// Called at the end of every indexing run: stores a snapshot of the index's counts and appends
    /// the run to the run log, its peak RSS counting the embedder `workers`. The index is already
    /// committed, so a failure here is logged, never thrown.
    func recordIndexingRun(_ report: IndexingReport, workers: [WorkerPeak], store: IndexStore) {
        do {
            try store.writer.recordSnapshot()
        } catch {
            logger.warning("could not record the index snapshot", metadata: ["error": "\(error)"])
        }
        do {
            var record = RunRecord(report: report)
            record.addWorkers(workers)
            try appendRun(record)
        } catch {
            logger.warning("could not append to the run log", metadata: ["error": "\(error)"])
        }
    }
}
