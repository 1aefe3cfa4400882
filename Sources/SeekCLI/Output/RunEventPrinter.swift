import Foundation
import SeekEngine

/// What a terminal shows of the engine's events while a command waits for an index run: the
/// progress bar, and a note when the run waits for another process's writer lock.
enum RunEventPrinter {
    /// Follows `engine`'s events until the returned task is cancelled.
    static func start(engine: SeekEngine, bar: ProgressBar?) -> Task<Void, Never> {
        let events = engine.events.subscribe()
        return Task {
            defer { events.cancel() }
            for await event in events {
                switch event {
                case .runProgress(_, let progress):
                    bar?.update(progress)
                case .waitingForWriter(_, let pid):
                    Terminal.note("waiting for another seek index\(pid.map { " (pid \($0))" } ?? "") to finish…")
                default:
                    break
                }
            }
        }
    }
}
