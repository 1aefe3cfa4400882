import Foundation
import SeekTestSupport
import Synchronization
import Testing

/// `seek mcp` driven with raw JSON-RPC lines, no SDK: pins the wire format.
@Suite struct WireFormatTests {
    @Test func jsonRPCLinesOnStdioWithErrorsThatNeverStopTheServer() async throws {
        let index = try MCPTestIndex(0..<3)
        let server = try RawLineProcess(arguments: index.serverArguments, in: index.scratch.url)
        defer { server.kill() }

        try server.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"#)
        let initialized = try await server.answer(id: 1)
        let result = try #require(initialized["result"] as? [String: Any])
        #expect(initialized["jsonrpc"] as? String == "2.0")
        #expect(result["protocolVersion"] as? String == "2025-06-18")
        #expect((result["serverInfo"] as? [String: Any])?["name"] as? String == "seek")
        #expect((result["capabilities"] as? [String: Any])?["tools"] != nil)
        #expect((result["capabilities"] as? [String: Any])?["resources"] != nil)
        try server.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)

        try server.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#)
        let tools = try #require((try await server.answer(id: 2)["result"] as? [String: Any])?["tools"] as? [[String: Any]])
        #expect(tools.compactMap { $0["name"] as? String } == SeekMCPServerTests.toolNames)
        #expect(tools.allSatisfy { ($0["inputSchema"] as? [String: Any])?["type"] as? String == "object" })

        try server.send(#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search","arguments":{"query":"boundary layer","k":2}}}"#)
        let searched = try #require(try await server.answer(id: 3)["result"] as? [String: Any])
        let content = try #require((searched["content"] as? [[String: Any]])?.first)
        #expect(content["type"] as? String == "text" && (content["text"] as? String)?.contains("boundary layer") == true)
        let structured = try #require(searched["structuredContent"] as? [String: Any])
        #expect((structured["results"] as? [[String: Any]])?.count == 2)
        #expect(structured["query"] as? String == "boundary layer" && structured["mode"] as? String == "hybrid")
        #expect(searched["isError"] as? Bool == false)

        try server.send(#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}"#)
        let unknown = try #require(try await server.answer(id: 4)["error"] as? [String: Any])
        #expect(unknown["code"] as? Int == -32602)
        #expect((unknown["message"] as? String)?.contains("no_such_tool") == true)

        try server.send(#"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"search","arguments":{"query":"flow","after":"soon"}}}"#)
        let bad = try #require(try await server.answer(id: 5)["result"] as? [String: Any])
        #expect(bad["isError"] as? Bool == true)
        #expect(((bad["structuredContent"] as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "invalid_arguments")

        try server.send("{this is not json")
        let parseError = try await server.message { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 }
        #expect(parseError["jsonrpc"] as? String == "2.0")

        try server.send(#"{"jsonrpc":"2.0","id":6,"method":"ping"}"#)
        #expect(try await server.answer(id: 6)["result"] as? [String: Any] != nil)
        #expect(server.isRunning)

        // Standard output holds JSON-RPC messages only; logs went to standard error.
        #expect(server.lines.allSatisfy { $0["jsonrpc"] as? String == "2.0" })
        #expect(server.rawLineCount == server.lines.count)
        #expect(await server.closeInputAndWait() == 0)
    }
}

/// A child process spoken to in raw lines: its standard output is read on a thread into JSON
/// objects (one per line).
final class RawLineProcess: Sendable {
    private let process: Process
    private let input: FileHandle
    /// Every line read so far.
    private let received = Mutex<[Data]>([])

    init(arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try SeekBinary.path())
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        input = stdin.fileHandleForWriting
        let reader = stdout.fileHandleForReading
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { return }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = Data(buffer[buffer.startIndex..<newline])
                    buffer.removeSubrange(buffer.startIndex...newline)
                    self.received.withLock { $0.append(line) }
                }
            }
        }
    }

    var isRunning: Bool { process.isRunning }
    /// The lines that are JSON objects, parsed.
    var lines: [[String: Any]] {
        received.withLock { $0 }.compactMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] }
    }

    var rawLineCount: Int { received.withLock { $0.count } }

    func send(_ line: String) throws {
        try input.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The answer to request `id` (waits up to 120 s: the first search loads the model).
    func answer(id: Int) async throws -> [String: Any] {
        try await message { $0["id"] as? Int == id }
    }

    func message(where matches: ([String: Any]) -> Bool) async throws -> [String: Any] {
        for _ in 0..<6000 {
            if let found = lines.first(where: matches) { return found }
            guard process.isRunning else { throw SeekProcess.Failure(message: "seek mcp exited with \(process.terminationStatus)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SeekProcess.Failure(message: "no such message from seek mcp within 120 s; got \(lines)")
    }

    func closeInputAndWait() async -> Int32 {
        try? input.close()
        for _ in 0..<1000 where process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.isRunning ? -1 : process.terminationStatus
    }

    func kill() {
        if process.isRunning { process.terminate() }
    }
}
