import Foundation
import SeekCore
import SeekEmbedding
import SeekKernels
import SeekPool
import SeekTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct EmbedderWorkerTests {
    /// A worker serving over two pipes on its own thread, driven by the test.
    final class PipedWorker: Sendable {
        let requests: Int32
        let responses: Int32
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Void, Error>?>(nil)

        init(_ worker: EmbedderWorker) throws {
            let (requestRead, requestWrite) = try WorkerProtocolTests.pipe()
            let (responseRead, responseWrite) = try WorkerProtocolTests.pipe()
            requests = requestWrite
            responses = responseRead
            let thread = Thread { [self] in
                let result = Result { try worker.serve(input: requestRead, output: responseWrite) }
                close(requestRead)
                close(responseWrite)
                outcome.withLock { $0 = result }
                finished.signal()
            }
            thread.start()
        }

        func send(_ bytes: [UInt8]) {
            _ = bytes.withUnsafeBytes { write(requests, $0.baseAddress!, bytes.count) }
        }

        /// Closes the request pipe and waits for `serve` to return.
        func finish() throws -> Result<Void, Error> {
            close(requests)
            try #require(finished.wait(timeout: .now() + 120) == .success, "the worker did not return after its input closed")
            return try #require(outcome.withLock { $0 })
        }
    }

    @Test func servesBatchesOverPipesAndReturnsOnEndOfInput() async throws {
        let embedder = try await PoolTestSupport.embedder()
        let worker = EmbedderWorker(embedder: embedder, modelID: "test/model")
        let piped = try PipedWorker(worker)
        defer { close(piped.responses) }
        var reader = FrameReader(fileDescriptor: piped.responses)

        let ready = try reader.next()
        #expect(ready == .ready(WorkerHandshake(pid: getpid(), modelID: "test/model", dimension: 384, maxTokens: 256, threads: 2,
                                                gemm: GEMM.status.summary)))

        let sequences = try await PoolTestSupport.shortSequences(3)
        piped.send(WorkerProtocol.encode(.embed(EmbedRequest(batchID: 11, sequences: sequences))))
        guard case .embedded(let response) = try reader.next() else {
            Issue.record("no embedded answer")
            return
        }
        #expect(response.batchID == 11)
        #expect(response.tokenCounts == sequences.map(\.count))
        #expect(response.vectors == (try await embedder.embed(tokenIds: sequences)))

        // A batch the embedder rejects is answered with its reason; the worker keeps serving.
        piped.send(WorkerProtocol.encode(.embed(EmbedRequest(batchID: 12, sequences: [[101, 40_000, 102]]))))
        guard case .failed(let batchID, let message) = try reader.next() else {
            Issue.record("no failed answer")
            return
        }
        #expect(batchID == 12)
        #expect(message.contains("40000"))
        piped.send(WorkerProtocol.encode(.embed(EmbedRequest(batchID: 13, sequences: [sequences[0]]))))
        guard case .embedded(let again) = try reader.next() else {
            Issue.record("no answer after a rejected batch")
            return
        }
        #expect(again.batchID == 13)
        #expect(again.vectors == [response.vectors[0]])

        try piped.finish().get()
        #expect(try reader.next() == nil)
    }

    @Test func garbageOnItsInputIsAClearError() async throws {
        let piped = try PipedWorker(EmbedderWorker(embedder: try await PoolTestSupport.embedder(), modelID: "test/model"))
        defer { close(piped.responses) }
        var reader = FrameReader(fileDescriptor: piped.responses)
        guard case .ready = try reader.next() else {
            Issue.record("no handshake")
            return
        }
        piped.send(Array("{\"text\": \"not a frame\"}\n".utf8))
        #expect(throws: WorkerProtocolError.badMagic([0x7B, 0x22])) { try piped.finish().get() }
    }

    @Test func aResponseFrameOnItsInputIsRefused() async throws {
        let piped = try PipedWorker(EmbedderWorker(embedder: try await PoolTestSupport.embedder(), modelID: "test/model"))
        defer { close(piped.responses) }
        var reader = FrameReader(fileDescriptor: piped.responses)
        _ = try reader.next()
        piped.send(WorkerProtocol.encode(.failed(batchID: 1, message: "?")))
        #expect(throws: WorkerProtocolError.unexpectedMessage(received: "failed", expected: "embed")) { try piped.finish().get() }
    }

    @Test func theSeekBinaryAnswersARequestFileAndExitsCleanly() async throws {
        let directory = try TemporaryDirectory("seek-worker")
        defer { directory.remove() }
        let sequences = try await PoolTestSupport.shortSequences(5)
        let requests = [EmbedRequest(batchID: 1, sequences: Array(sequences[0..<2])), EmbedRequest(batchID: 2, sequences: Array(sequences[2...]))]
        let requestFile = directory.file("requests.bin")
        try Data(requests.flatMap { WorkerProtocol.encode(.embed($0)) }).write(to: requestFile)

        let result = try CommandRunner.run(
            "/bin/sh", arguments: ["-c", "exec \"$0\" embedder-worker --threads 1 --model-dir \"$1\" < \"$2\"",
                                   try SeekBinary.path(), try ModelLocation.testModelDirectory().path, requestFile.path],
            timeoutSeconds: 120)
        #expect(result.exitCode == 0, "\(result.errorText)")
        var output = [UInt8](result.standardOutput)
        var messages: [WorkerMessage] = []
        while !output.isEmpty {
            let (message, consumed) = try WorkerProtocol.decode(output)
            messages.append(message)
            output.removeFirst(consumed)
        }
        try #require(messages.count == 3)
        guard case .ready(let handshake) = messages[0] else {
            Issue.record("first frame is not the handshake: \(messages[0].kind)")
            return
        }
        #expect(handshake.modelID == "sentence-transformers/all-MiniLM-L6-v2")
        #expect(handshake.dimension == 384)
        #expect(handshake.threads == 1)
        var vectors: [[Float]] = []
        for (message, request) in zip(messages.dropFirst(), requests) {
            guard case .embedded(let response) = message else {
                Issue.record("not an answer: \(message.kind)")
                return
            }
            #expect(response.batchID == request.batchID)
            #expect(response.tokenCounts == request.sequences.map(\.count))
            vectors += response.vectors
        }
        PoolTestSupport.expectMatching(vectors, try await PoolTestSupport.embedder().embed(tokenIds: sequences))
    }

    @Test func theSeekBinaryRejectsGarbageWithANonZeroExit() throws {
        let result = try CommandRunner.run(
            "/bin/sh", arguments: ["-c", "printf 'hello, worker' | \"$0\" embedder-worker --threads 1 --model-dir \"$1\"",
                                   try SeekBinary.path(), try ModelLocation.testModelDirectory().path],
            timeoutSeconds: 120)
        #expect(result.exitCode != 0)
        #expect(result.errorText.contains("not a worker frame"), "\(result.errorText)")
    }

    @Test func theSeekBinaryRejectsAnUnknownFault() throws {
        let result = try CommandRunner.run(
            try SeekBinary.path(), arguments: ["embedder-worker", "--model-dir", try ModelLocation.testModelDirectory().path],
            timeoutSeconds: 120,
            environment: ProcessInfo.processInfo.environment.merging([WorkerFault.environmentVariable: "explode:1"]) { $1 })
        #expect(result.exitCode != 0)
        #expect(result.errorText.contains("unknown fault \"explode\""), "\(result.errorText)")
    }
}
