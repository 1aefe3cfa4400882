import Foundation

extension SupervisorState {
    /// A frame from a worker; `rssBytes` was sampled right after it arrived.
    public mutating func received(_ message: WorkerMessage, workerID: Int, rssBytes: Int?, now: ContinuousClock.Instant,
                           actions: inout [SupervisorAction]) {
        guard let record = workers[workerID], record.killCause == nil else { return }
        if let rssBytes {
            workers[workerID]?.sample(rssBytes: rssBytes)
            metrics.recordRSS(slot: record.slot, bytes: rssBytes)
        }
        switch message {
        case .ready(let handshake):
            ready(workerID: workerID, handshake: handshake, now: now, actions: &actions)
        case .embedded(let response):
            answered(workerID: workerID, response: response, now: now, actions: &actions)
        case .failed(let batchID, let reason):
            guard let head = popHead(workerID: workerID, batchID: batchID, now: now, actions: &actions) else { return }
            slots[record.slot].failures += 1
            failed(head.item, .rejected(reason), actions: &actions)
            finishAnswer(workerID: workerID, now: now, actions: &actions)
        case .embed:
            violation(workerID: workerID, "sent an embed request to the pool", actions: &actions)
        }
    }

    private mutating func ready(workerID: Int, handshake: WorkerHandshake, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        guard let record = workers[workerID], record.isStarting else {
            violation(workerID: workerID, "sent a second handshake", actions: &actions)
            return
        }
        if let expected = self.handshake, expected.modelID != handshake.modelID || expected.dimension != handshake.dimension {
            violation(workerID: workerID, "runs \(handshake.modelID) (\(handshake.dimension) dimensions), the pool runs "
                      + "\(expected.modelID) (\(expected.dimension))", actions: &actions)
            return
        }
        if let expected = self.handshake, expected.precision != handshake.precision {
            // Vectors of one run must all come from one precision: the index records it per file.
            violation(workerID: workerID, "computes in \(handshake.precision), the pool in \(expected.precision)", actions: &actions)
            return
        }
        guard handshake.dimension > 0 else {
            violation(workerID: workerID, "reports dimension 0", actions: &actions)
            return
        }
        self.handshake = self.handshake ?? handshake
        workers[workerID]?.handshake = handshake
        workers[workerID]?.lastAnswerRSSBytes = record.rssBytes
        slots[record.slot].failedStartsInARow = 0
        if let pid = record.process?.pid, pid != handshake.pid {
            logger.debug("worker reports another pid (a wrapper program?)", metadata: ["spawned": "\(pid)", "reported": "\(handshake.pid)"])
        }
        if record.rssBytes >= configuration.memoryRestartBytes {
            logger.warning("a fresh embedder worker already uses most of the memory limit", metadata: [
                "rss_mb": "\(Self.megabytes(record.rssBytes))", "limit_mb": "\(configuration.memoryLimitMB)",
            ])
        }
        if phase != .running {
            closeInput(workerID: workerID, now: now, actions: &actions)
            return
        }
        settleStart(actions: &actions)
        dispatch(now: now, actions: &actions)
    }

    private mutating func answered(workerID: Int, response: EmbedResponse, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        guard let record = workers[workerID], let dimension = record.handshake?.dimension else {
            violation(workerID: workerID, "answered before its handshake", actions: &actions)
            return
        }
        guard let head = record.inFlight.first, head.batchID == response.batchID else {
            violation(workerID: workerID, "answered batch \(response.batchID), expected \(record.inFlight.first.map { String($0.batchID) } ?? "none")",
                      actions: &actions)
            return
        }
        let expectedCounts = calls[head.item.callID].map { call in head.item.members.map { call.tokenIds[$0].count } }
        guard response.vectors.count == head.item.members.count,
              response.vectors.allSatisfy({ $0.count == dimension }),
              expectedCounts == nil || response.tokenCounts == expectedCounts!
        else {
            violation(workerID: workerID, "answered batch \(response.batchID) with \(response.vectors.count) vectors of "
                      + "\(response.vectors.first?.count ?? 0) dimensions and token counts \(response.tokenCounts.prefix(8)), expected "
                      + "\(head.item.members.count) of \(dimension)", actions: &actions)
            return
        }
        _ = popHead(workerID: workerID, batchID: response.batchID, now: now, actions: &actions)
        workers[workerID]?.batches += 1
        workers[workerID]?.tokens += head.item.tokens
        batches += 1
        tokens += head.item.tokens
        metrics.batches.increment()
        metrics.tokens.increment(by: head.item.tokens)
        if let previous = record.lastAnswerRSSBytes {
            workers[workerID]?.growthPerBatchBytes = max(record.growthPerBatchBytes, record.rssBytes - previous)
        }
        workers[workerID]?.lastAnswerRSSBytes = record.rssBytes
        complete(head.item, vectors: response.vectors, actions: &actions)
        checkMemory(workerID: workerID, now: now, actions: &actions)
        finishAnswer(workerID: workerID, now: now, actions: &actions)
    }

    /// Removes the head batch if it is `batchID` (else it is a protocol violation) and starts the
    /// next batch's clock.
    private mutating func popHead(workerID: Int, batchID: UInt64, now: ContinuousClock.Instant,
                                  actions: inout [SupervisorAction]) -> WorkerRecord.InFlight? {
        guard let head = workers[workerID]?.inFlight.first, head.batchID == batchID else {
            violation(workerID: workerID, "answered batch \(batchID), which is not the one it works on", actions: &actions)
            return nil
        }
        workers[workerID]?.inFlight.removeFirst()
        let next = workers[workerID]?.inFlight.first
        workers[workerID]?.headDeadline = next.map { now + .seconds(configuration.batchTimeout(tokens: $0.item.tokens)) }
        return head
    }

    /// After an answer: a retiring worker that holds nothing more is told to exit; more work is sent.
    private mutating func finishAnswer(workerID: Int, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        if let record = workers[workerID], record.retiring, record.inFlight.isEmpty, record.exitDeadline == nil, record.killCause == nil {
            closeInput(workerID: workerID, now: now, actions: &actions)
        }
        dispatch(now: now, actions: &actions)
    }

    /// Kills a worker at the memory limit, retires one past 95 % of it.
    private mutating func checkMemory(workerID: Int, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        guard let record = workers[workerID], record.killCause == nil else { return }
        if record.rssBytes >= configuration.memoryLimitBytes {
            logger.error("embedder worker reached the memory limit; killing it", metadata: [
                "pid": "\(record.process?.pid ?? 0)", "rss_mb": "\(Self.megabytes(record.rssBytes))",
            ])
            kill(workerID: workerID, cause: .init(
                reason: .memory, detail: String(format: "RSS %.0f MB reached the %d MB limit; killed", Self.megabytes(record.rssBytes),
                                                configuration.memoryLimitMB),
                chunkReason: "memory limit"), actions: &actions)
        } else if record.rssBytes >= configuration.memoryRestartBytes, !record.isStarting {
            retire(workerID: workerID, reason: .memory,
                   detail: String(format: "RSS %.0f MB passed %.0f MB (95%% of %d MB)", Self.megabytes(record.rssBytes),
                                  Self.megabytes(configuration.memoryRestartBytes), configuration.memoryLimitMB),
                   now: now, actions: &actions)
        }
    }

    private mutating func violation(workerID: Int, _ reason: String, actions: inout [SupervisorAction]) {
        logger.error("embedder worker broke the protocol", metadata: ["pid": "\(workers[workerID]?.process?.pid ?? 0)", "reason": "\(reason)"])
        kill(workerID: workerID, cause: .init(reason: .protocolViolation, detail: reason, chunkReason: "protocol violation: \(reason)"),
             actions: &actions)
    }

    /// The worker's output broke the protocol.
    mutating func protocolError(_ error: WorkerProtocolError, workerID: Int, actions: inout [SupervisorAction]) {
        violation(workerID: workerID, error.description, actions: &actions)
    }

    /// Writing a request failed (EPIPE: its input is closed): the worker counts as dead.
    mutating func writeFailed(_ error: WorkerProtocolError, workerID: Int, actions: inout [SupervisorAction]) {
        guard let record = workers[workerID], record.killCause == nil else { return }
        logger.warning("cannot write to embedder worker", metadata: ["pid": "\(record.process?.pid ?? 0)", "error": "\(error)"])
        kill(workerID: workerID, cause: .init(reason: .brokenPipe, detail: "write failed: \(error)", chunkReason: "broken pipe"),
             actions: &actions)
    }

    /// The worker was reaped: its batches go back to the queue (the one it was embedding counts
    /// a failure), its slot gets a new worker.
    public mutating func exited(workerID: Int, status: TerminationStatus, now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        guard let record = workers.removeValue(forKey: workerID) else { return }
        if let pid = record.process?.pid {
            endedWorkerPeaks.append(WorkerPeak(pid: pid, peakRSSMB: Self.megabytes(record.peakRSSBytes)))
        }
        let cause = record.killCause
        if record.isStarting {
            startFailed(record, reason: cause?.reason ?? .spawnFailure,
                        detail: cause?.detail ?? "ended before its handshake: \(status)", exit: status, now: now, actions: &actions)
        } else {
            if record.retiring {
                if let index = history.lastIndex(where: { $0.pid == record.process?.pid }) {
                    history[index].exit = status.description
                    history[index].graceful = cause == nil && status.isCleanExit
                    history[index].batches = record.batches
                    history[index].peakRSSMB = Self.megabytes(record.peakRSSBytes)
                }
            } else if phase == .running {
                let reason = cause?.reason ?? .crash
                logger.warning("embedder worker died", metadata: [
                    "slot": "\(record.slot)", "pid": "\(record.process?.pid ?? 0)", "status": "\(status)", "reason": "\(reason.rawValue)",
                ])
                recordRestart(record, reason: reason, detail: cause?.detail ?? status.description, exit: status)
                spawnWorker(slot: record.slot, now: now, actions: &actions)
            }
            if phase == .running, let head = record.inFlight.first {
                slots[record.slot].failures += 1
                failed(head.item, .crashed(cause?.chunkReason ?? status.description), actions: &actions)
                // The batches queued behind it never started: back to the front, in order, uncharged.
                requeue(record.inFlight.dropFirst().map(\.item))
            }
            dispatch(now: now, actions: &actions)
        }
        settleStop(actions: &actions)
    }

    /// The periodic watch: records RSS samples, kills workers past a deadline or the memory limit.
    public mutating func tick(samples: [Int: Int], now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        for (id, bytes) in samples where workers[id] != nil {
            workers[id]?.sample(rssBytes: bytes)
            if let slot = workers[id]?.slot { metrics.recordRSS(slot: slot, bytes: bytes) }
            checkMemory(workerID: id, now: now, actions: &actions)
        }
        for id in workers.keys.sorted() {
            guard let record = workers[id], record.killCause == nil, record.process != nil else { continue }
            if record.isStarting, now >= record.spawnDeadline {
                kill(workerID: id, cause: .init(
                    reason: .spawnTimeout, detail: "no handshake within \(configuration.spawnTimeoutSeconds) s; killed",
                    chunkReason: "spawn timeout"), actions: &actions)
            } else if let deadline = record.exitDeadline, now >= deadline {
                logger.warning("embedder worker did not exit after its input closed; killing it", metadata: ["pid": "\(record.process?.pid ?? 0)"])
                kill(workerID: id, cause: .init(
                    reason: .timeout, detail: "did not exit within \(configuration.exitGraceSeconds) s of its input closing; killed",
                    chunkReason: "timeout"), actions: &actions)
            } else if let deadline = record.headDeadline, now >= deadline, let head = record.inFlight.first {
                let seconds = configuration.batchTimeout(tokens: head.item.tokens)
                logger.warning("embedder worker hung; killing it", metadata: [
                    "pid": "\(record.process?.pid ?? 0)", "timeout_s": "\(seconds)", "sequences": "\(head.item.members.count)",
                ])
                kill(workerID: id, cause: .init(
                    reason: .timeout, detail: String(format: "no answer within %.1f s (%d tokens); killed", seconds, head.item.tokens),
                    chunkReason: "timeout"), actions: &actions)
            }
        }
        metrics.queueDepth.record(queue.count)
    }
}
