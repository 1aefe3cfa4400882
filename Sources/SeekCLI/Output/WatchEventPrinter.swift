import Foundation
import SeekEngine
import Synchronization

/// What `seek watch` shows of the engine's events. With JSON, one line per event on standard
/// output: `ready`, `indexed`, `removed`, `failed`, `run` (a finished run with its report),
/// `run_failed` and `warning`. On a terminal, a line per finished run and per failure, and a live
/// status line on standard error.
final class WatchEventPrinter: Sendable {
    private let json: Bool
    private let status = Mutex("")

    /// Events printed as JSON lines.
    static let jsonEvents: Set<String> = ["ready", "indexed", "removed", "failed", "run", "run_failed", "warning"]

    init(json: Bool) {
        self.json = json
    }

    func show(_ event: EngineEvent) {
        if json {
            guard Self.jsonEvents.contains(event.name) else { return }
            try? JSONOutput.printLine(event)
            return
        }
        switch event {
        case .watchReady(let ready):
            say("watching \(ready.roots.count) root\(ready.roots.count == 1 ? "" : "s") (\(ready.directories) folders); Ctrl-C stops")
            setStatus("idle")
        case .runStarted:
            setStatus("indexing…")
        case .runProgress(_, let progress):
            setStatus("indexing \(progress.filesDone)/\(progress.filesFound) files, \(progress.chunksWritten) chunks")
        case .runFinished(let run, let report):
            let changed = report.filesIndexed + report.filesRemoved + report.filesFailed
            if changed > 0 {
                say("run \(run): \(report.filesIndexed) indexed, \(report.filesRemoved) removed, "
                    + (report.filesFailed > 0 ? Terminal.red("\(report.filesFailed) failed") : "0 failed")
                    + String(format: " (%.1f s)", report.seconds))
            }
            setStatus("idle")
        case .runFailed(let run, let message):
            say(Terminal.red("run \(run) failed: ") + TerminalText.line(message))
            setStatus("idle")
        case .fileFailed(_, let path, let reason):
            say("  " + Terminal.red("✗") + " \(TerminalText.line(path)): \(TerminalText.line(reason))")
        case .warning(let message):
            say(Terminal.yellow("warning: ") + TerminalText.line(message))
        default:
            break
        }
    }

    /// Clears the status line.
    func finish() {
        guard !json, Terminal.isStandardError else { return }
        status.withLock { line in
            FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: line.count) + "\r").utf8))
            line = ""
        }
    }

    private func say(_ text: String) {
        finish()
        Terminal.note(text)
        status.withLock { _ in }
    }

    private func setStatus(_ text: String) {
        guard Terminal.isStandardError else { return }
        let line = Terminal.dim("seek watch: " + text)
        status.withLock { last in
            let padding = String(repeating: " ", count: max(0, last.count - line.count))
            FileHandle.standardError.write(Data(("\r" + line + padding).utf8))
            last = line
        }
    }
}
