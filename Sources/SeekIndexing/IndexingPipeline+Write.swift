import AsyncAlgorithms
import Foundation
import SeekStore

extension IndexingPipeline {
    /// Stores each item in its own transaction. A file the store rejects is recorded as failed
    /// with the reason; an error of the store itself (disk full, I/O) aborts the run — after
    /// draining the queue, so no stage waits forever — and leaves the index valid.
    func writeStage(_ input: AsyncChannel<WriteItem>, counters: IndexingCounters) async {
        for await item in input {
            if counters.isAborted { continue }
            do {
                try await BlockingWork.run(on: writeQueue) { try self.write(item, counters: counters) }
            } catch {
                counters.abort(error)
            }
        }
    }

    private func write(_ item: WriteItem, counters: IndexingCounters) throws {
        try counters.timed(.write) {
            switch item {
            case .indexed(let parsed, let embeddings):
                do {
                    try store.writer.writeIndexedFile(parsed.input, document: parsed.document, chunks: parsed.chunks, embeddings: embeddings,
                                                      vectorPrecision: configuration.vectorPrecision)
                } catch StoreError.invalidData(let reason) {
                    try record(.unindexed(parsed.input, status: .failed, reason: "cannot store: \(reason)"), counters: counters)
                    return
                }
                counters.update { state in
                    state.report.filesIndexed += 1
                    state.report.chunks += parsed.chunks.count
                    state.filesDone += 1
                }
                counters.onFile?(.indexed(path: parsed.input.path, chunks: parsed.chunks.count))
            default:
                try record(item, counters: counters)
            }
        }
    }

    private func record(_ item: WriteItem, counters: IndexingCounters) throws {
        switch item {
        case .unindexed(let input, let status, let reason):
            try store.writer.writeUnindexedFile(input, status: status, reason: reason)
            if status == .failed { counters.recordFailure(path: input.path, reason: reason) }
            counters.update { state in
                if status == .failed { state.report.filesFailed += 1 } else { state.report.filesSkipped += 1 }
                state.filesDone += 1
            }
            counters.onFile?(status == .failed ? .failed(path: input.path, reason: reason) : .skipped(path: input.path, reason: reason))
        case .touched(let path, let size, let mtime, let identity):
            try store.writer.updateFileStats(path: path, size: size, mtime: mtime, identity: identity)
            counters.update { $0.report.filesUnchanged += 1; $0.filesDone += 1 }
        case .removed(let paths):
            let removed = try store.writer.removeFiles(paths: paths)
            counters.update { $0.report.filesRemoved += removed.files }
            for path in paths { counters.onFile?(.removed(path: path)) }
        case .removedRoot(let path):
            let removed = try store.writer.removeRoot(path)
            counters.update { $0.report.filesRemoved += removed.files }
            counters.onFile?(.removed(path: path))
        case .indexed:
            break
        }
    }
}
