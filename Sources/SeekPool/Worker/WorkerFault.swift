/// A fault a worker injects into itself, for testing the pool against real failures. Read only by
/// the worker, from `SEEK_EMBEDDER_FAULT` (several faults separated by commas). Each new worker
/// starts counting afresh, so `crash-after:3` makes every worker crash on its fourth batch.
public enum WorkerFault: Sendable, Equatable, CustomStringConvertible {
    /// `crash-after:N`: answer N batches, then SIGKILL itself when the next one arrives.
    case crashAfter(batches: Int)
    /// `hang-after:N`: answer N batches, then stop answering (and stop reading) for good.
    case hangAfter(batches: Int)
    /// `exit-after:N`: answer N batches, then exit with status 0 without reading further
    /// (`exit-after:0` exits right after the handshake).
    case exitAfter(batches: Int)
    /// `leak-mb-per-batch:M`: allocate and touch M MB for every batch, never freed.
    case leakMegabytesPerBatch(Int)
    /// `crash-on-text:SUBSTRING`: SIGKILL itself when a sequence of a batch contains SUBSTRING.
    /// Requests carry token ids, so the worker decodes each sequence back to text (WordPiece
    /// tokens joined with spaces, `##` pieces glued to the previous token, special tokens left
    /// out, lowercase) and matches the lowercased substring against that.
    case crashOnText(String)
    /// `stop-every:N`: after every N batches answered, stop itself (SIGSTOP) when the next batch
    /// arrives, holding it until someone sends SIGCONT. A test can then act while the run
    /// provably cannot finish (kill the parent or this worker, read the live status), then resume it.
    case stopEvery(batches: Int)

    /// The environment variable the worker reads.
    public static let environmentVariable = "SEEK_EMBEDDER_FAULT"

    public enum ParseError: Error, CustomStringConvertible, Equatable {
        case invalid(specification: String, reason: String)

        public var description: String {
            switch self {
            case .invalid(let specification, let reason):
                "invalid \(WorkerFault.environmentVariable) entry \"\(specification)\": \(reason) "
                    + "(expected crash-after:N, hang-after:N, exit-after:N, leak-mb-per-batch:M, crash-on-text:SUBSTRING or stop-every:N)"
            }
        }
    }

    /// The faults of `SEEK_EMBEDDER_FAULT` in `environment`; none when unset or empty.
    public static func faults(from environment: [String: String]) throws(ParseError) -> [WorkerFault] {
        guard let value = environment[environmentVariable], !value.isEmpty else { return [] }
        var faults: [WorkerFault] = []
        for entry in value.split(separator: ",") {
            faults.append(try WorkerFault(parsing: String(entry)))
        }
        return faults
    }

    /// Parses one `name:argument` entry.
    public init(parsing specification: String) throws(ParseError) {
        guard let colon = specification.firstIndex(of: ":") else {
            throw .invalid(specification: specification, reason: "no ':' between name and argument")
        }
        let name = specification[..<colon]
        let argument = String(specification[specification.index(after: colon)...])
        func count() throws(ParseError) -> Int {
            guard let value = Int(argument), value >= 0 else {
                throw .invalid(specification: specification, reason: "\"\(argument)\" is not a whole number >= 0")
            }
            return value
        }
        switch name {
        case "crash-after": self = .crashAfter(batches: try count())
        case "hang-after": self = .hangAfter(batches: try count())
        case "exit-after": self = .exitAfter(batches: try count())
        case "leak-mb-per-batch":
            let megabytes = try count()
            guard megabytes > 0 else { throw .invalid(specification: specification, reason: "the leak must be at least 1 MB") }
            self = .leakMegabytesPerBatch(megabytes)
        case "crash-on-text":
            guard !argument.isEmpty else { throw .invalid(specification: specification, reason: "the text is empty") }
            self = .crashOnText(argument)
        case "stop-every":
            let batches = try count()
            guard batches > 0 else { throw .invalid(specification: specification, reason: "stop every 1 batch or more") }
            self = .stopEvery(batches: batches)
        default:
            throw .invalid(specification: specification, reason: "unknown fault \"\(name)\"")
        }
    }

    public var description: String {
        switch self {
        case .crashAfter(let batches): "crash-after:\(batches)"
        case .hangAfter(let batches): "hang-after:\(batches)"
        case .exitAfter(let batches): "exit-after:\(batches)"
        case .leakMegabytesPerBatch(let megabytes): "leak-mb-per-batch:\(megabytes)"
        case .crashOnText(let text): "crash-on-text:\(text)"
        case .stopEvery(let batches): "stop-every:\(batches)"
        }
    }
}
