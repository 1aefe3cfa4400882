import Foundation
import Logging
import SeekEmbedding
import SeekKernels

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// The inside of `seek embedder-worker`: loads the model once, sends the ready handshake, then
/// answers embed requests read from standard input with vectors on standard output (frames of
/// `WorkerProtocol`) until standard input ends, when it returns (and the process exits with 0).
/// Logs go to standard error. Faults from `SEEK_EMBEDDER_FAULT` are applied per batch.
public struct EmbedderWorker: Sendable {
    public let embedder: Embedder
    /// Sent in the handshake (the pool checks that all workers agree).
    public let modelID: String
    public let faults: [WorkerFault]
    private let logger = Logger(label: "seek.pool.worker")

    public init(embedder: Embedder, modelID: String, faults: [WorkerFault] = []) {
        self.embedder = embedder
        self.modelID = modelID
        self.faults = faults
    }

    /// Embeds with `model` (already loaded in the precision the pool asked for: its handshake
    /// reports `model.precision`) and reads the faults from `environment`.
    /// - Throws: `EmbeddingError` when the embedder cannot be set up, `WorkerFault.ParseError` for a
    ///   bad `SEEK_EMBEDDER_FAULT`.
    public init(model: EmbeddingModel, configuration: EmbeddingConfiguration,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let faults = try WorkerFault.faults(from: environment)
        let embedder = try Embedder(model: model, configuration: configuration)
        self.init(embedder: embedder, modelID: model.identity.id, faults: faults)
    }

    /// The handshake this worker sends.
    public var handshake: WorkerHandshake {
        WorkerHandshake(pid: getpid(), modelID: modelID, dimension: embedder.dimension,
                        maxTokens: embedder.tokenizer.maxTokens, threads: embedder.configuration.threads,
                        precision: embedder.model.precision.rawValue, gemm: GEMM.status.summary)
    }

    /// `serve` on a dedicated thread, so the blocking pipe reads never hold a Swift concurrency thread.
    public func run(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            let thread = Thread {
                do {
                    try serve(input: input, output: output)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "seek.pool.worker"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Serves requests until `input` ends or the pool stops reading `output` (returns: the pool is
    /// gone, which is no error of the worker's) or `input` breaks the protocol (throws). Blocking.
    ///
    /// A batch the embedder rejects (a token id outside the vocabulary, an over-long sequence)
    /// is answered with a `failed` message and the worker keeps serving.
    /// - Throws: `WorkerProtocolError` for a bad frame on `input` or a failed write on `output`
    ///   other than EPIPE, `EmbeddingError` when the warm-up fails.
    public func serve(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) throws {
        // A pool that went away must show up as EPIPE on write, not kill us silently.
        signal(SIGPIPE, SIG_IGN)
        // Warm-up: touches every weight page and sets up the encoder before the pool counts on us,
        // so the RSS the pool sees at the handshake is the steady state, not a half-loaded model.
        let tokenizer = embedder.tokenizer
        _ = try embedder.embed(tokenIds: [[tokenizer.clsTokenId, tokenizer.sepTokenId]])
        let output = FileDescriptor(rawValue: output)
        guard try send(.ready(handshake), to: output) else { return }
        logger.debug("worker ready", metadata: ["pid": "\(getpid())", "faults": "\(faults.map(\.description))"])

        var reader = FrameReader(source: FileDescriptor(rawValue: input))
        var answered = 0
        var leaked: [[UInt8]] = []
        while let message = try reader.next() {
            guard case .embed(let request) = message else {
                throw WorkerProtocolError.unexpectedMessage(received: message.kind.description, expected: WorkerMessage.Kind.embed.description)
            }
            applyFaults(to: request, answered: answered, leaked: &leaked)
            let reply: WorkerMessage
            do {
                let vectors = try embedder.embed(tokenIds: request.sequences)
                reply = .embedded(EmbedResponse(batchID: request.batchID, tokenCounts: request.sequences.map(\.count), vectors: vectors))
            } catch {
                logger.warning("cannot embed batch", metadata: ["batch": "\(request.batchID)", "error": "\(error)"])
                reply = .failed(batchID: request.batchID, message: "\(error)")
            }
            guard try send(reply, to: output) else { return }
            answered += 1
        }
        logger.debug("input closed; worker exits", metadata: ["pid": "\(getpid())", "batches": "\(answered)"])
    }

    /// Writes `message`; false when the pool closed its end (EPIPE): it is gone (killed, or
    /// stopped by a signal), so the worker ends as quietly as on the end of its input.
    private func send(_ message: WorkerMessage, to output: FileDescriptor) throws(WorkerProtocolError) -> Bool {
        do {
            try output.writeAll(WorkerProtocol.encode(message))
            return true
        } catch .io(operation: _, errno: EPIPE) {
            logger.debug("the pool closed its end; worker exits", metadata: ["pid": "\(getpid())"])
            return false
        }
    }

    /// Injects the configured faults before batch number `answered + 1` is embedded.
    private func applyFaults(to request: EmbedRequest, answered: Int, leaked: inout [[UInt8]]) {
        for fault in faults {
            switch fault {
            case .crashAfter(let batches) where answered >= batches:
                logger.warning("fault injection: SIGKILL", metadata: ["fault": "\(fault)"])
                kill(getpid(), SIGKILL)
            case .hangAfter(let batches) where answered >= batches:
                logger.warning("fault injection: hanging", metadata: ["fault": "\(fault)"])
                while true { sleep(3600) }
            case .exitAfter(let batches) where answered >= batches:
                logger.warning("fault injection: exiting", metadata: ["fault": "\(fault)"])
                exit(0)
            case .leakMegabytesPerBatch(let megabytes):
                // Array(repeating:) writes every byte, so every page is resident.
                leaked.append([UInt8](repeating: 0xA5, count: megabytes << 20))
            case .stopEvery(let batches) where answered > 0 && answered % batches == 0:
                logger.warning("fault injection: stopped until SIGCONT", metadata: ["fault": "\(fault)"])
                kill(getpid(), SIGSTOP)
            case .crashOnText(let text):
                let needle = text.lowercased()
                if request.sequences.contains(where: { decodedText($0).contains(needle) }) {
                    logger.warning("fault injection: poison text, SIGKILL", metadata: ["fault": "\(fault)"])
                    kill(getpid(), SIGKILL)
                }
            default:
                break
            }
        }
    }

    /// The lowercase text of a token-id sequence: tokens joined with spaces, `##` pieces glued to
    /// the previous token, special tokens left out. Empty when an id is not in the vocabulary.
    func decodedText(_ ids: [Int32]) -> String {
        let tokenizer = embedder.tokenizer
        let special: Set<Int32> = [tokenizer.clsTokenId, tokenizer.sepTokenId, tokenizer.padTokenId]
        guard let tokens = try? tokenizer.tokens(for: ids.filter { !special.contains($0) }) else { return "" }
        var text = ""
        for token in tokens {
            if token.hasPrefix("##") {
                text += token.dropFirst(2)
            } else {
                if !text.isEmpty { text += " " }
                text += token
            }
        }
        return text.lowercased()
    }
}
