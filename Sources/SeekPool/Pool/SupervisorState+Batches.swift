import SeekEmbedding

extension SupervisorState {
    /// How a batch failed: its worker died or hung (`crashed`) or it answered with an error (`rejected`).
    enum BatchFailure: Sendable {
        case crashed(String)
        case rejected(String)

        /// What is reported for the failed sequence; the caller knows which chunk it was.
        var failure: EmbeddingFailure {
            switch self {
            case .crashed(let reason): EmbeddingFailure(kind: .crashed, detail: reason)
            case .rejected(let reason): EmbeddingFailure(kind: .failed, detail: reason)
            }
        }
    }

    /// A caller's batch: sorted by length (longest first), cut into requests, queued.
    public mutating func submit(_ tokenIds: [[Int32]], continuation: CheckedContinuation<[EmbeddingOutcome], Error>,
                         now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        guard phase == .running else {
            actions.append(.fail(continuation, .shutDown))
            return
        }
        guard !tokenIds.isEmpty else {
            actions.append(.finish(continuation, []))
            return
        }
        if !hasLiveWorker {
            // Every slot gave up earlier: try again for this call.
            for slot in slots.indices where slots[slot].abandoned {
                slots[slot].abandoned = false
                slots[slot].failedStartsInARow = 0
                spawnWorker(slot: slot, now: now, actions: &actions)
            }
        }
        let callID = nextCallID
        nextCallID += 1
        calls[callID] = PendingCall(tokenIds: tokenIds, outcomes: Array(repeating: nil, count: tokenIds.count),
                                    remaining: tokenIds.count, continuation: continuation)
        let order = tokenIds.indices.sorted { tokenIds[$0].count != tokenIds[$1].count ? tokenIds[$0].count > tokenIds[$1].count : $0 < $1 }
        var members: [Int] = []
        var tokens = 0
        for index in order {
            let length = tokenIds[index].count
            if !members.isEmpty, members.count == configuration.batchSize || tokens + length > configuration.maxBatchTokens {
                queue.append(WorkItem(callID: callID, members: members, tokens: tokens, failures: 0))
                members = []
                tokens = 0
            }
            members.append(index)
            tokens += length
        }
        queue.append(WorkItem(callID: callID, members: members, tokens: tokens, failures: 0))
        dispatch(now: now, actions: &actions)
    }

    /// Sends queued batches to the least-loaded available workers, retiring workers that reached
    /// their batch limit or would pass the memory threshold with one more batch.
    mutating func dispatch(now: ContinuousClock.Instant, actions: inout [SupervisorAction]) {
        defer { metrics.queueDepth.record(queue.count) }
        guard phase == .running else { return }
        while !queue.isEmpty {
            guard let workerID = leastLoadedWorker(now: now, actions: &actions), let process = workers[workerID]?.process else { break }
            let item = queue.removeFirst()
            guard let call = calls[item.callID] else { continue }
            let batchID = nextBatchID
            nextBatchID += 1
            workers[workerID]?.inFlight.append(.init(batchID: batchID, item: item))
            if workers[workerID]?.inFlight.count == 1 {
                workers[workerID]?.headDeadline = now + .seconds(configuration.batchTimeout(tokens: item.tokens))
            }
            let request = EmbedRequest(batchID: batchID, sequences: item.members.map { call.tokenIds[$0] })
            actions.append(.send(process, workerID: workerID, request))
        }
    }

    /// The available worker with the fewest tokens in flight (then fewest batches, lowest slot).
    private mutating func leastLoadedWorker(now: ContinuousClock.Instant, actions: inout [SupervisorAction]) -> Int? {
        var best: (key: (Int, Int, Int, Int), id: Int)?
        for id in workers.keys.sorted() {
            guard let record = workers[id], record.isAvailable else { continue }
            // Until the first answer has measured its memory growth, a worker holds one batch only.
            let depth = record.batches == 0 ? 1 : configuration.pipelineDepth
            guard record.inFlight.count < depth else { continue }
            if let (reason, detail) = retirement(of: record) {
                retire(workerID: id, reason: reason, detail: detail, now: now, actions: &actions)
                continue
            }
            let key = (record.inFlightTokens, record.inFlight.count, record.slot, record.id)
            if best == nil || key < best!.key { best = (key, id) }
        }
        return best?.id
    }

    /// Why a worker must not take another batch, if it must not.
    private func retirement(of record: WorkerRecord) -> (RestartReason, String)? {
        let sent = record.batches + record.inFlight.count
        if sent >= configuration.restartAfterBatches {
            return (.batchLimit, "\(sent) batches (limit \(configuration.restartAfterBatches))")
        }
        // Every worker gets one batch before its memory is judged, so a limit below the model's
        // own footprint fails batches instead of restarting workers forever.
        guard record.batches > 0 else { return nil }
        let projected = record.rssBytes + record.growthPerBatchBytes * (record.inFlight.count + 1)
        if projected >= configuration.memoryRestartBytes {
            return (.memory, String(format: "RSS %.0f MB + %.0f MB per batch × %d would reach %.0f MB (95%% of %d MB)",
                                    Self.megabytes(record.rssBytes), Self.megabytes(record.growthPerBatchBytes),
                                    record.inFlight.count + 1, Self.megabytes(configuration.memoryRestartBytes),
                                    configuration.memoryLimitMB))
        }
        return nil
    }

    /// Stores the vectors of an answered batch.
    mutating func complete(_ item: WorkItem, vectors: [[Float]], actions: inout [SupervisorAction]) {
        guard var call = calls[item.callID] else { return }
        for (member, vector) in zip(item.members, vectors) { call.outcomes[member] = .vector(vector) }
        call.remaining -= item.members.count
        settle(call, id: item.callID, actions: &actions)
    }

    /// A batch failed: retried whole once, then bisected; a single sequence is retried until it
    /// failed `maxRetries + 1` times, then reported failed alone.
    mutating func failed(_ item: WorkItem, _ failure: BatchFailure, actions: inout [SupervisorAction]) {
        guard var call = calls[item.callID] else { return }
        var item = item
        item.failures += 1
        if item.members.count == 1 {
            if item.failures <= configuration.maxRetries {
                requeue([item])
                return
            }
            let member = item.members[0]
            call.outcomes[member] = .failed(failure.failure)
            call.remaining -= 1
            failures += 1
            metrics.failures.increment()
            logger.warning("sequence failed", metadata: ["chunk": "\(member)", "reason": "\(failure.failure.reason(chunk: member))"])
            settle(call, id: item.callID, actions: &actions)
        } else if item.failures >= 2 || configuration.maxRetries == 0 {
            let half = item.members.count / 2
            let halves = [Array(item.members[..<half]), Array(item.members[half...])].map { members in
                WorkItem(callID: item.callID, members: members, tokens: members.reduce(0) { $0 + call.tokenIds[$1].count }, failures: 1)
            }
            requeue(halves)
        } else {
            requeue([item])
        }
    }

    /// Puts batches back at the front of the queue, in order.
    mutating func requeue(_ items: [WorkItem]) {
        retriedBatches += items.count
        metrics.retriedBatches.increment(by: items.count)
        queue.insert(contentsOf: items, at: 0)
    }

    private mutating func settle(_ call: PendingCall, id: Int, actions: inout [SupervisorAction]) {
        if call.remaining == 0 {
            calls[id] = nil
            actions.append(.finish(call.continuation, call.outcomes.map { $0 ?? .failed(EmbeddingFailure(kind: .failed, detail: "the embedder pool lost this chunk")) }))
        } else {
            calls[id] = call
        }
    }
}
