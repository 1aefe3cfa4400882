import Foundation
import SeekEmbedding
import SeekPool
import SeekTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real model, the real `seek` binary and helpers shared by the pool tests.
enum PoolTestSupport {
    private static let loaded = Mutex<Embedder?>(nil)

    /// The in-process reference embedder (2 threads), loaded once.
    static func embedder() async throws -> Embedder {
        if let embedder = loaded.withLock({ $0 }) { return embedder }
        var store = ModelStoreConfiguration.fromEnvironment()
        store.explicitDirectory = try ModelLocation.testModelDirectory()
        let files = try await ModelStore(configuration: store).resolve(allowFetch: false)
        let embedder = try Embedder(model: EmbeddingModel(files: files), configuration: EmbeddingConfiguration(threads: 2))
        return loaded.withLock { current in
            if let current { return current }
            current = embedder
            return embedder
        }
    }

    /// Token ids of short, varied sentences (cheap to embed: tests stay fast).
    static func shortSequences(_ count: Int) async throws -> [[Int32]] {
        let tokenizer = try await embedder().tokenizer
        return (0..<count).map { index in
            tokenizer.encode("Sentence number \(index) is about \(["wings", "shock waves", "boundary layers", "heat transfer"][index % 4]) and \(index * 7 % 13) other things.")
        }
    }

    /// `seek embedder-worker` with the test model, one thread.
    static func workerCommand() throws -> [String] {
        PoolConfiguration.workerCommand(executable: try SeekBinary.path(), threads: 1, modelDirectory: try ModelLocation.testModelDirectory().path)
    }

    /// A `/bin/sh` command that runs `firstWorker` for the first worker only (a marker directory
    /// decides) and a plain worker afterwards. In `firstWorker`, `$0` is the seek binary and `$2`
    /// the model directory.
    static func firstWorkerCommand(_ firstWorker: String, marker: TemporaryDirectory) throws -> [String] {
        let plain = "exec \"$0\" embedder-worker --threads 1 --model-dir \"$2\""
        return ["/bin/sh", "-c", "if mkdir \"$1\" 2>/dev/null; then \(firstWorker); else \(plain); fi",
                try SeekBinary.path(), marker.file("first-worker-started").path, try ModelLocation.testModelDirectory().path]
    }

    /// A pool configuration for tests: `workers` × 1 thread, small batches, a fast watch, worker
    /// logs limited to errors, `fault` (if any) in the workers' environment.
    static func configuration(workers: Int = 1, fault: String? = nil, command: [String]? = nil) throws -> PoolConfiguration {
        var environment = ProcessInfo.processInfo.environment
        environment[WorkerFault.environmentVariable] = fault
        environment["SEEK_LOG_LEVEL"] = "error"
        var configuration = PoolConfiguration(workers: workers, threadsPerWorker: 1, workerCommand: try command ?? workerCommand(),
                                              environment: environment)
        configuration.batchSize = 4
        configuration.watchIntervalSeconds = 0.05
        configuration.spawnTimeoutSeconds = 60
        return configuration
    }

    static func vectors(_ outcomes: [EmbeddingOutcome]) throws -> [[Float]] {
        try outcomes.enumerated().map { index, outcome in
            guard case .vector(let vector) = outcome else {
                Issue.record("sequence \(index) failed: \(outcome)")
                throw PoolError.batchFailed(reason: "\(outcome)")
            }
            return vector
        }
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, normA = 0.0, normB = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            normA += Double(x) * Double(x)
            normB += Double(y) * Double(y)
        }
        return dot / (normA.squareRoot() * normB.squareRoot())
    }

    /// Expects every vector to match its reference (cosine > 0.99999).
    static func expectMatching(_ vectors: [[Float]], _ reference: [[Float]], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(vectors.count == reference.count, sourceLocation: sourceLocation)
        for (index, (vector, expected)) in zip(vectors, reference).enumerated() {
            #expect(vector.count == expected.count, sourceLocation: sourceLocation)
            let similarity = cosine(vector, expected)
            #expect(similarity > 0.99999, "sequence \(index): cosine \(similarity)", sourceLocation: sourceLocation)
        }
    }

    /// A process as /proc/PID/stat shows it.
    struct ProcessEntry {
        let pid: Int32
        let name: String
        let state: Character
        let parent: Int32
    }

    static func processEntry(_ pid: Int32) -> ProcessEntry? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count >= 2, let state = fields[0].first, let parent = Int32(fields[1]) else { return nil }
        return ProcessEntry(pid: pid, name: String(text[text.index(after: open)..<close]), state: state, parent: parent)
    }

    /// Children of this process (running or zombie), from /proc.
    static func children() -> [ProcessEntry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).compactMap(processEntry).filter { $0.parent == getpid() }
    }

    /// True when `pid` is no child of ours any more: neither running nor a zombie waiting to be reaped.
    static func isGone(_ pid: Int32) -> Bool {
        guard let entry = processEntry(pid) else { return true }
        return entry.parent != getpid()
    }

    /// Polls `condition` every 20 ms until it holds; false after `limitSeconds` (a safety net
    /// against hanging forever, not a timing assertion).
    static func eventually(limitSeconds: Double = 60, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(limitSeconds)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}
