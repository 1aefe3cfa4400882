import AsyncAlgorithms
import Foundation
import SeekStore

extension IndexingPipeline {
    /// Stores the items as they come, in groups: the files that finished within
    /// `writeGroupWindow` of each other (at most `writeGroupFiles`) share one transaction, so a
    /// fast embedder is not held back by one commit per file. Each file's rows still commit
    /// together. A file the store rejects is recorded as failed with the reason; an error of the
    /// store itself (disk full, I/O) aborts the run — after draining the queue, so no stage waits
    /// forever — and leaves the index valid.
    func writeStage(_ input: AsyncChannel<WriteItem>, counters: IndexingCounters) async {
        let backlog = WriteBacklog(capacity: 2 * configuration.writeGroupFiles)
        let maxItems = configuration.writeGroupFiles
        let window = configuration.writeGroupWindow
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await item in input { await backlog.put(item) }
                backlog.finish()
            }
            while let items = await backlog.take(maxItems: maxItems, window: window) {
                if counters.isAborted { continue }
                do {
                    try await write(items, counters: counters)
                } catch {
                    counters.abort(error)
                }
            }
        }
    }

    /// Writes `items` in order: runs of indexed and unindexed files in one transaction each,
    /// the other items (stat updates, removals) in their own.
    private func write(_ items: [WriteItem], counters: IndexingCounters) async throws {
        let started = Date()
        defer { counters.addTime(.write, Date().timeIntervalSince(started)) }
        var files: [WriteItem] = []
        for item in items {
            switch item {
            case .indexed, .unindexed:
                files.append(item)
            default:
                try await writeFiles(files, counters: counters)
                files = []
                try await record(item, counters: counters)
            }
        }
        try await writeFiles(files, counters: counters)
    }

    /// One transaction for `items` (indexed and unindexed files only); a file the store rejects
    /// as invalid is then recorded as failed, with the reason, in a transaction of its own.
    private func writeFiles(_ items: [WriteItem], counters: IndexingCounters) async throws {
        guard !items.isEmpty else { return }
        let precision = configuration.vectorPrecision
        let writes: [FileWrite] = items.map { item in
            switch item {
            case .indexed(let parsed, let embeddings):
                .indexed(parsed.input, document: parsed.document, chunks: parsed.chunks, embeddings: embeddings, vectorPrecision: precision)
            case .unindexed(let input, let status, let reason):
                .unindexed(input, status: status, reason: reason)
            default:
                preconditionFailure("writeFiles takes indexed and unindexed files only")
            }
        }
        let refusals = try await storage.writeFiles(writes)
        for (item, refusal) in zip(items, refusals) {
            switch (item, refusal) {
            case (.indexed(let parsed, _), .some(let reason)):
                try await record(.unindexed(parsed.input, status: .failed, reason: "cannot store: \(reason)"), counters: counters, stored: false)
            case (.unindexed(let input, _, _), .some(let reason)):
                throw IndexingError.storeRefused(path: input.path, reason: reason)
            case (.indexed(let parsed, _), nil):
                counters.update { state in
                    state.report.filesIndexed += 1
                    state.report.chunks += parsed.chunks.count
                    state.filesDone += 1
                }
                counters.onFile?(.indexed(path: parsed.input.path, chunks: parsed.chunks.count))
            case (_, nil):
                try await record(item, counters: counters, stored: true)
            default:
                preconditionFailure("writeFiles takes indexed and unindexed files only")
            }
        }
    }

    /// Stores `item` (unless `stored`: its transaction already committed) and counts it.
    private func record(_ item: WriteItem, counters: IndexingCounters, stored: Bool = false) async throws {
        switch item {
        case .unindexed(let input, let status, let reason):
            if !stored {
                let refusal = try await storage.writeFiles([.unindexed(input, status: status, reason: reason)]).first ?? nil
                if let refusal { throw IndexingError.storeRefused(path: input.path, reason: refusal) }
            }
            if status == .failed { counters.recordFailure(path: input.path, reason: reason) }
            counters.update { state in
                if status == .failed { state.report.filesFailed += 1 } else { state.report.filesSkipped += 1 }
                state.filesDone += 1
            }
            counters.onFile?(status == .failed ? .failed(path: input.path, reason: reason) : .skipped(path: input.path, reason: reason))
        case .touched(let path, let size, let mtime, let identity):
            try await storage.updateFileStats(path: path, size: size, mtime: mtime, identity: identity)
            counters.update { $0.report.filesUnchanged += 1; $0.filesDone += 1 }
        case .removed(let paths):
            let removed = try await storage.removeFiles(paths: paths)
            counters.update { $0.report.filesRemoved += removed.files }
            for path in paths { counters.onFile?(.removed(path: path)) }
        case .removedRoot(let path):
            let removed = try await storage.removeRoot(path)
            counters.update { $0.report.filesRemoved += removed.files }
            counters.onFile?(.removed(path: path))
        case .indexed:
            break
        }
    }
}
