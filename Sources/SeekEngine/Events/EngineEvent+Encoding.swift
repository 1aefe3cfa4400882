import SeekCore

extension EngineEvent: Encodable {
    private enum Keys: String, CodingKey {
        case event, run, pid, progress, report, message, path, chunks, reason, worker
        case searcher, ready
    }

    /// `{"event": name, ...fields}`: the fields of the event's payload flattened beside its name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .event)
        switch self {
        case .waitingForWriter(let run, let pid):
            try container.encode(run, forKey: .run)
            try container.encode(pid, forKey: .pid)
        case .runStarted(let start):
            try start.encode(to: encoder)
        case .runProgress(let run, let progress):
            try container.encode(run, forKey: .run)
            try container.encode(progress, forKey: .progress)
        case .runFinished(let run, let report):
            try container.encode(run, forKey: .run)
            try container.encode(report, forKey: .report)
        case .runFailed(let run, let message):
            try container.encode(run, forKey: .run)
            try container.encode(message, forKey: .message)
        case .fileIndexed(let run, let path, let chunks):
            try container.encode(run, forKey: .run)
            try container.encode(path, forKey: .path)
            try container.encode(chunks, forKey: .chunks)
        case .fileFailed(let run, let path, let reason), .fileSkipped(let run, let path, let reason):
            try container.encode(run, forKey: .run)
            try container.encode(path, forKey: .path)
            try container.encode(reason, forKey: .reason)
        case .fileRemoved(let run, let path):
            try container.encode(run, forKey: .run)
            try container.encode(path, forKey: .path)
        case .workerStarted(let worker), .workerRestarted(let worker), .workerFailed(let worker):
            try worker.encode(to: encoder)
        case .searcherRefreshed(let refresh):
            try refresh.encode(to: encoder)
        case .watchReady(let ready):
            try ready.encode(to: encoder)
        case .warning(let message):
            try container.encode(message, forKey: .message)
        }
    }
}
