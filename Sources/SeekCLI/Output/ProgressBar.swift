import Foundation
import SeekEngine
import Synchronization

/// A one-line progress bar on standard error (only on a terminal): files, chunks, tokens/s, ETA.
final class ProgressBar: Sendable {
    private let lastWidth = Mutex(0)

    func update(_ progress: IndexingProgress) {
        let width = 28
        let total = max(progress.filesFound, 1)
        let fraction = progress.scanComplete ? Double(progress.filesDone) / Double(total) : 0
        let filled = Int(fraction * Double(width))
        let bar = progress.scanComplete
            ? String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            : String(repeating: "░", count: width)
        let eta = progress.etaSeconds.map { " ETA \(Self.duration($0))" } ?? (progress.scanComplete ? "" : " scanning…")
        let line = " \(bar) \(progress.filesDone)/\(progress.filesFound) files  \(progress.chunksWritten) chunks  "
            + String(format: "%.0f tok/s", progress.tokensPerSecond) + eta
        lastWidth.withLock { last in
            let padding = String(repeating: " ", count: max(0, last - line.count))
            FileHandle.standardError.write(Data(("\r" + line + padding).utf8))
            last = line.count
        }
    }

    func finish() {
        lastWidth.withLock { last in
            guard last > 0 else { return }
            FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: last) + "\r").utf8))
            last = 0
        }
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}
