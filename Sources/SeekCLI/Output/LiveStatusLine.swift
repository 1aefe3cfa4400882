import Foundation
import SeekEngine

/// One line about a running `seek index` for `seek status` on a terminal.
enum LiveStatusLine {
    static func text(_ live: LiveStatus) -> String {
        let stages = live.stages
        var line = Terminal.yellow("live") + "     \(live.phase) (pid \(live.pid), \(ProgressBar.duration(live.elapsedSeconds))): "
            + "\(stages.scan.files) found, \(stages.parse.files) parsed (\(stages.parse.failed) failed), "
            + "\(stages.embed.chunks) chunks embedded, \(stages.write.files) written, "
            + String(format: "%.0f tok/s", live.tokensPerSecond)
        if let embedder = live.embedder {
            let memory = embedder.workers.map { String(format: "%.0f", $0.rssMB) }.joined(separator: "/")
            line += ", \(embedder.workers.count) workers (\(memory) MB, \(embedder.restarts) restarts)"
        }
        return line
    }
}
