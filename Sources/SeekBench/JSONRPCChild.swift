import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process spoken to in JSON-RPC lines over its standard input and output (an MCP
/// server on stdio), one request at a time: each call writes a line and blocks reading lines
/// until the answer with its id arrives. Standard error goes to /dev/null. (Public for the
/// tests that drive `seek mcp` the same way.)
public final class JSONRPCChild {
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var buffer = Data()
    private var nextID = 1

    public init(executable: String, arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
    }

    /// Sends the request `method` with `parameters` and returns the answer object (with `result` or `error`).
    /// - Throws: `BenchmarkError.failed` when the process ends or writes something that is not JSON.
    public func call(_ method: String, _ parameters: [String: Any]) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": parameters])
        while true {
            let line = try readLine()
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                throw BenchmarkError.failed("the MCP server wrote a line that is not a JSON object: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            if object["id"] as? Int == id { return object }
        }
    }

    /// Sends the notification `method` (no answer).
    public func notify(_ method: String) throws {
        try send(["jsonrpc": "2.0", "method": method])
    }

    /// Closes its standard input (an MCP server on stdio ends then) and waits for it, killing it
    /// after 10 seconds.
    public func stop() {
        try? input.close()
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private func send(_ message: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(UInt8(ascii: "\n"))
        try input.write(contentsOf: data)
    }

    private func readLine() throws -> Data {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return Data(line)
            }
            let chunk = output.availableData
            guard !chunk.isEmpty else { throw BenchmarkError.failed("the MCP server closed its output (exit \(process.isRunning ? "pending" : "\(process.terminationStatus)"))") }
            buffer.append(chunk)
        }
    }
}
