import AsyncAlgorithms
import Dispatch
import Foundation
import SeekCore
import SeekEmbedding
import SeekIngest
import SeekStore

extension IndexingPipeline {
    // MARK: - Scan

    /// Walks each root of `plan` on the calling (Dispatch) thread and decides per file: unchanged,
    /// to parse, skipped or failed. Files gone from disk are collected in the counters and removed
    /// at the end of the run. `previousStates` holds what the index remembers per root path.
    func scan(_ plan: IndexingPlan, previousStates: [String: [String: FileState]], toParse: AsyncStream<FileTask>.Continuation,
              toWrite: AsyncChannel<WriteItem>, counters: IndexingCounters) {
        var scanConfiguration = configuration.scan
        scanConfiguration.symlinkTargetRoots = plan.roots.map(\.path)
        let scanner = Scanner(configuration: scanConfiguration)
        let reachedFiles = ReachedFiles()
        for root in plan.roots {
            guard !counters.isAborted else { break }
            var previous = previousStates[root.path] ?? [:]
            if let within = root.within {
                previous = previous.filter { path, _ in within.contains { PathHierarchy.path(path, isUnder: $0) } }
            }
            var seen = Set<String>()
            var unreadableFolders: [String] = []
            let started = Date()
            var timeInSend = 0.0
            func send<T: Sendable>(_ channel: AsyncChannel<T>, _ value: T) {
                let sendStart = Date()
                Self.sendBlocking(channel, value)
                timeInSend += Date().timeIntervalSince(sendStart)
            }
            do {
                try scanner.scan(root: URL(fileURLWithPath: root.path), within: root.within, reachedFiles: reachedFiles) { event in
                    if counters.isAborted { throw IndexingError.cancelled }
                    switch event {
                    case .file(let file):
                        seen.insert(file.path)
                        counters.update { $0.filesFound += 1 }
                        if let decision = decide(file, root: root.path, previous: previous[file.path], counters: counters) {
                            switch decision {
                            case .parse(let task):
                                counters.update { $0.queuedForParse += 1 }
                                toParse.yield(task)
                            case .write(let item):
                                send(toWrite, item)
                            }
                        }
                    case .skipped(let entry):
                        seen.insert(entry.path)
                        counters.update { $0.filesFound += 1 }
                        let state = previous[entry.path]
                        let reason = entry.reason.description
                        let input = FileInput(path: entry.path, rootPath: root.path, size: state?.size ?? 0, mtime: state?.mtime ?? 0,
                                              contentHash: nil, parser: nil, parserVersion: nil)
                        if let state, state.status == .skipped, state.reason == reason {
                            counters.update { $0.report.filesUnchanged += 1; $0.filesDone += 1 }
                        } else {
                            send(toWrite, .unindexed(input, status: .skipped, reason: reason))
                        }
                    case .problem(let problem):
                        counters.update { $0.report.problems.append(problem.description) }
                        switch problem.operation {
                        case .listDirectory:
                            unreadableFolders.append(problem.path)
                        case .inspectEntry, .checkReadable, .followSymlink:
                            // A file that cannot be read is recorded as failed (it keeps its place, with the reason).
                            seen.insert(problem.path)
                            counters.update { $0.filesFound += 1 }
                            let state = previous[problem.path]
                            let input = FileInput(path: problem.path, rootPath: root.path, size: state?.size ?? 0, mtime: state?.mtime ?? 0,
                                                  contentHash: nil, parser: nil, parserVersion: nil)
                            send(toWrite, .unindexed(input, status: .failed, reason: problem.description))
                        default:
                            logger.debug("scan problem kept in the report", metadata: ["problem": "\(problem)"])
                        }
                    }
                }
            } catch IndexingError.cancelled {
                return
            } catch let error as ScanError {
                // A missing or unreadable root: a problem of this root alone; the others go on.
                switch error {
                case .rootNotFound, .rootUnreadable, .rootNotIndexable:
                    if plan.pruneMissingRoots {
                        counters.update { $0.report.problems.append("\(error); its \(previous.count) files are removed (--prune-missing)") }
                        counters.update { $0.pendingRootRemovals.append(root.path) }
                    } else {
                        counters.update {
                            $0.report.problems.append("\(error); its \(previous.count) indexed files are kept (`seek remove \(root.path)` or `seek index --prune-missing` drops them)")
                        }
                    }
                    continue
                case .invalidConfiguration, .invalidRelativePath:
                    counters.abort(error)
                    return
                }
            } catch {
                counters.abort(error)
                return
            }
            counters.addTime(.scan, Date().timeIntervalSince(started) - timeInSend)
            // Files gone from disk; those under a folder that could not be listed are kept.
            let removed = previous.keys.filter { path in
                !seen.contains(path) && !unreadableFolders.contains { PathHierarchy.path(path, isUnder: $0) }
            }.sorted()
            counters.update { $0.pendingRemovals += removed }
        }
        counters.update { $0.scanComplete = true }
    }

    enum PlanDecision {
        case parse(FileTask)
        case write(WriteItem)
    }

    /// nil when the file is unchanged (counted here).
    func decide(_ file: ScannedFile, root: String, previous: FileState?, counters: IndexingCounters) -> PlanDecision? {
        let stamp = FileIdentityStamp(changeTime: file.changeTime, device: file.device, inode: file.inode)
        let parser: (any DocumentParser)?
        do {
            parser = try parsers.parser(for: file.url)
        } catch {
            let input = FileInput(path: file.path, rootPath: root, size: file.sizeBytes, mtime: file.modificationTime,
                                  contentHash: nil, parser: nil, parserVersion: nil, identity: stamp)
            return .write(.unindexed(input, status: .failed, reason: "\(error)"))
        }
        // Size, mtime, ctime and inode, as git compares them: a tool that restores the mtime after
        // an edit cannot restore the ctime. Rows from before schema v4 have no stamp yet.
        let sameStats = previous.map { state in
            state.size == file.sizeBytes && state.mtime == file.modificationTime && (state.identity == nil || state.identity == stamp)
        } ?? false
        guard let parser else {
            if sameStats, previous?.status == .skipped {
                counters.update { $0.report.filesUnchanged += 1; $0.filesDone += 1 }
                return nil
            }
            let input = FileInput(path: file.path, rootPath: root, size: file.sizeBytes, mtime: file.modificationTime,
                                  contentHash: nil, parser: nil, parserVersion: nil, identity: stamp)
            return .write(.unindexed(input, status: .skipped, reason: ParserRegistry.unknownBinaryReason))
        }
        // `--reembed` passes unchanged indexed files on to be embedded again.
        if let previous, sameStats, previous.parser == parser.name, previous.parserVersion == String(parser.version),
           (previous.status == .indexed && !configuration.reembed) || (previous.status == .failed && !configuration.retryFailed) {
            if previous.identity == nil {
                // Recorded before schema v4: store the stamp once, nothing else changes.
                return .write(.touched(path: file.path, size: file.sizeBytes, mtime: file.modificationTime, identity: stamp))
            }
            counters.update { $0.report.filesUnchanged += 1; $0.filesDone += 1 }
            return nil
        }
        return .parse(FileTask(file: file, rootPath: root, previous: previous, parser: parser))
    }

    /// Sends from a Dispatch thread into an async channel, blocking until it is taken (back-pressure).
    static func sendBlocking<T: Sendable>(_ channel: AsyncChannel<T>, _ value: T) {
        let taken = DispatchSemaphore(value: 0)
        Task {
            await channel.send(value)
            taken.signal()
        }
        taken.wait()
    }

    // MARK: - Parse and chunk

    func parseStage(_ input: AsyncChannel<FileTask>, toEmbed: AsyncChannel<ParsedFile>, toWrite: AsyncChannel<WriteItem>,
                    counters: IndexingCounters) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, configuration.parseWorkers) {
                group.addTask {
                    for await task in input {
                        counters.update { $0.queuedForParse -= 1 }
                        if counters.isAborted { continue }
                        guard await self.claim(task, counters: counters) else { continue }
                        let outcome = (try? await BlockingWork.run { self.parse(task, counters: counters) })
                            ?? .write(.unindexed(task.input, status: .failed, reason: "parsing was interrupted"))
                        switch outcome {
                        case .parsed(let parsed):
                            counters.update { $0.queuedForEmbedding += 1; $0.filesParsed += 1; $0.chunksMade += parsed.chunks.count }
                            await toEmbed.send(parsed)
                        case .write(let item):
                            counters.update { state in
                                state.filesParsed += 1
                                if case .unindexed(_, .failed, _) = item { state.filesParseFailed += 1 }
                            }
                            await toWrite.send(item)
                        }
                    }
                }
            }
        }
    }

    enum ParseOutcome: Sendable {
        case parsed(ParsedFile)
        case write(WriteItem)
    }

    /// Reads and hashes the file; unchanged contents only update its stats; else parse and chunk.
    /// Any error fails this file alone, with the reason.
    func parse(_ task: FileTask, counters: IndexingCounters) -> ParseOutcome {
        var input = task.input
        let data: Data
        do {
            data = try counters.timed(.parse) { try Data(contentsOf: task.file.url) }
        } catch {
            return .write(.unindexed(input, status: .failed, reason: "cannot read: \(error.localizedDescription)"))
        }
        let hash = counters.timed(.parse) { ContentHash.sha256Hex(data) }
        input.contentHash = hash
        if !configuration.reembed, let previous = task.previous, previous.status == .indexed, previous.contentHash == hash,
           previous.parser == input.parser, previous.parserVersion == input.parserVersion {
            return .write(.touched(path: input.path, size: input.size, mtime: input.mtime, identity: input.identity))
        }
        let document: ExtractedDocument
        do {
            document = try counters.timed(.parse) { try task.parser.parse(fileAt: task.file.url) }
        } catch IngestError.unsupported(_, let reason) {
            // A file its parser does not read (HEIC image, image with OCR off) is skipped, not failed.
            return .write(.unindexed(input, status: .skipped, reason: reason))
        } catch {
            return .write(.unindexed(input, status: .failed, reason: "\(error)"))
        }
        let chunks = counters.timed(.chunk) { chunker.chunks(of: document) }
        return .parsed(ParsedFile(input: input, document: document, chunks: chunks))
    }

    // MARK: - Embed

    /// Looks chunks up in the embedding cache (vectors of files recorded in the run's
    /// `vectorPrecision` only; skipped with `reembed`), batches the rest across files (identical
    /// texts embedded once) into calls of the backend's preferred sequences and tokens, keeps up
    /// to `maxConcurrentBatches` requests in flight, and passes each complete file on to the writer.
    ///
    /// When the store starts the run without vectors and no one else writes to it
    /// (`holdsNoEmbeddingsForThisRun`), only a text this run has already sent to be embedded can
    /// be in the cache: the other texts are not looked up (a fresh index makes no lookup per file).
    func embedStage(_ input: AsyncChannel<ParsedFile>, toWrite: AsyncChannel<WriteItem>, counters: IndexingCounters) async throws {
        var lookUpOwnTextsOnly = configuration.reembed ? false : try await storage.holdsNoEmbeddingsForThisRun()
        /// With `lookUpOwnTextsOnly`: the texts this run has queued for embedding, by `hashValue`
        /// of their hash (an Int each; two texts sharing one only cost a needless lookup). Past
        /// `maxOwnTexts` (~16 MB of set) every text is looked up again.
        var ownTexts = Set<Int>()
        let maxOwnTexts = 1 << 20
        let assembler = EmbeddingAssembler()
        let slots = AsyncSemaphore(permits: max(1, backend.maxConcurrentBatches))
        let batchSize = max(1, backend.preferredBatchSequences)
        let batchTokens = max(1, backend.preferredBatchTokens ?? Int.max)
        try await withThrowingTaskGroup(of: Void.self) { group in
            /// Sequences waiting for a batch; chunks with the same text share one sequence.
            struct PendingSequence {
                let textHash: String
                let ids: [Int32]
                var refs: [EmbeddingAssembler.ChunkRef]
            }
            var pending: [PendingSequence] = []
            /// Position of each pending text counted from the run's first sequence: minus
            /// `launchedCount`, its index in `pending` (so a launch updates it in O(batch)).
            var pendingIndex: [String: Int] = [:]
            var launchedCount = 0
            var pendingTokens = 0

            /// The leading pending sequences that fit one call: at most `batchSize` of them and
            /// `batchTokens` token ids (always at least one).
            func nextBatchCount() -> Int {
                var count = 0, tokens = 0
                for sequence in pending.prefix(batchSize) {
                    if count > 0, tokens + sequence.ids.count > batchTokens { break }
                    count += 1
                    tokens += sequence.ids.count
                }
                return count
            }

            func launch() async {
                await slots.wait()
                // Stopped while waiting for a slot: nothing more is sent (a large file's batches
                // would otherwise all run before the run ends).
                if counters.isAborted {
                    await slots.signal()
                    return
                }
                let batch = Array(pending.prefix(nextBatchCount()))
                pending.removeFirst(batch.count)
                launchedCount += batch.count
                pendingTokens -= batch.reduce(0) { $0 + $1.ids.count }
                for sequence in batch { pendingIndex[sequence.textHash] = nil }
                counters.batchStarted()
                group.addTask {
                    defer { counters.batchFinished() }
                    let outcomes: [EmbeddingOutcome]
                    do {
                        outcomes = try await self.backend.embed(tokenIds: batch.map(\.ids))
                    } catch {
                        await slots.signal()
                        throw error
                    }
                    await slots.signal()
                    let embedded = zip(batch, outcomes).filter { if case .vector = $1 { true } else { false } }
                    counters.update { state in
                        // Every chunk a vector goes to (chunks of one text share a sequence); the
                        // model's own work is in `tokens`.
                        state.report.chunksEmbedded += embedded.reduce(0) { $0 + $1.0.refs.count }
                        state.report.tokens += embedded.reduce(0) { $0 + $1.0.ids.count }
                    }
                    for item in await assembler.deliver(batch.map(\.refs), outcomes) {
                        await toWrite.send(item)
                    }
                }
            }

            for await parsed in input {
                counters.update { $0.queuedForEmbedding -= 1 }
                if counters.isAborted { continue }
                // Only vectors of the run's precision (a file records one); none when re-embedding.
                var hashes = configuration.reembed ? [] : Array(Set(parsed.chunks.map(\.textHash)))
                if lookUpOwnTextsOnly { hashes.removeAll { !ownTexts.contains($0.hashValue) } }
                let precision = configuration.vectorPrecision
                let cached = hashes.isEmpty ? [:] : try await storage.cachedEmbeddings(textHashes: hashes, precision: precision)
                var found: [Int: [Float]] = [:]
                var missing: [Int] = []
                for (index, chunk) in parsed.chunks.enumerated() {
                    if let vector = cached[chunk.textHash] { found[index] = vector } else { missing.append(index) }
                }
                counters.update { $0.report.cacheHits += found.count }
                let (key, ready) = await assembler.register(parsed, cached: found, missing: missing)
                if let ready {
                    await toWrite.send(ready)
                    continue
                }
                for index in missing {
                    let chunk = parsed.chunks[index]
                    let ref = EmbeddingAssembler.ChunkRef(fileKey: key, chunkIndex: index)
                    if let position = pendingIndex[chunk.textHash] {
                        pending[position - launchedCount].refs.append(ref)
                    } else {
                        pendingIndex[chunk.textHash] = launchedCount + pending.count
                        pending.append(PendingSequence(textHash: chunk.textHash, ids: chunk.tokenIds, refs: [ref]))
                        if lookUpOwnTextsOnly {
                            ownTexts.insert(chunk.textHash.hashValue)
                            if ownTexts.count > maxOwnTexts { lookUpOwnTextsOnly = false; ownTexts = [] }
                        }
                        pendingTokens += chunk.tokenIds.count
                    }
                }
                while !counters.isAborted, pending.count >= batchSize || pendingTokens >= batchTokens
                    || (!pending.isEmpty && counters.state.withLock({ $0.batchesInFlight == 0 })) {
                    await launch()
                }
            }
            while !pending.isEmpty, !counters.isAborted {
                await launch()
            }
            try await group.waitForAll()
        }
    }
}

extension IndexingPipeline {
    /// Claims the file for this run (see `IndexingStorage.claim(_:)`): false when another indexer
    /// has it or has just stored it (counted, nothing written), or when the claim failed (the run
    /// is aborted with the store's error).
    func claim(_ task: FileTask, counters: IndexingCounters) async -> Bool {
        let claim: FileClaim
        do {
            claim = try await storage.claim(task.input)
        } catch {
            counters.abort(error)
            return false
        }
        switch claim {
        case .claimed:
            return true
        case .heldElsewhere:
            counters.update { state in
                state.report.filesIndexedElsewhere = (state.report.filesIndexedElsewhere ?? 0) + 1
                state.filesDone += 1
            }
        case .alreadyCurrent:
            counters.update { $0.report.filesUnchanged += 1; $0.filesDone += 1 }
        }
        return false
    }
}
