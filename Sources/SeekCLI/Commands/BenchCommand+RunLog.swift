import Foundation
import SeekEngine

extension BenchCommand {
    /// Appends the `seek bench embed` run to the run log (a failure to log is a note, not an error).
    static func logEmbedRun(_ result: EmbedBenchmark.Result, engine: SeekEngine) {
        append(RunRecord(
            operation: "bench embed", chunksEmbedded: result.texts, tokens: result.tokens, seconds: result.seconds,
            tokensPerSecond: result.tokensPerSecond, stageSeconds: .init(embed: result.seconds), peakRSSMB: result.peakRSSMB), engine: engine)
    }

    /// Appends the fresh (first) indexing run of `seek bench index` to the run log: the benchmark's
    /// scratch index logged it with every field, so it is copied from there as "bench index".
    static func logIndexRun(scratchIndex: URL, engine: SeekEngine) {
        do {
            guard var record = try RunLog(directory: scratchIndex).read().first else {
                Terminal.note("note: the benchmark's index logged no run; nothing added to the run log")
                return
            }
            record.operation = "bench index"
            append(record, engine: engine)
        } catch {
            Terminal.note("note: could not read the benchmark's run log: \(error)")
        }
    }

    static func append(_ record: RunRecord, engine: SeekEngine) {
        do {
            try engine.appendRun(record)
        } catch {
            Terminal.note("note: could not append to the run log: \(error)")
        }
    }
}
