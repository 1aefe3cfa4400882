import Foundation
import MCP
import SeekMCP
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `seek mcp` child process with pipes on its standard input and output, and the
/// official Swift SDK's `Client` connected to it over them (through Seek's `StandardIOTransport`,
/// which the server uses too: the SDK's own polls every 10 ms).
final class MCPChildProcess: @unchecked Sendable {
    let process: Process
    let client: Client
    private let toServer: Pipe
    private let fromServer: Pipe
    private let errorLog: URL

    /// Starts `seek arguments…` and connects a client; `initialize` has been answered when this returns.
    init(arguments: [String], in directory: URL) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try SeekBinary.path())
        process.arguments = arguments
        process.currentDirectoryURL = directory
        toServer = Pipe()
        fromServer = Pipe()
        errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("seek-mcp-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
        self.process = process
        let transport = StandardIOTransport(
            input: fromServer.fileHandleForReading.fileDescriptor, output: toServer.fileHandleForWriting.fileDescriptor)
        client = Client(name: "seek-tests", version: "1.0")
        _ = try await client.connect(transport: transport)
    }

    /// What the server wrote on standard error.
    var standardError: String {
        String(decoding: (try? Data(contentsOf: errorLog)) ?? Data(), as: UTF8.self)
    }

    /// `tools/call` with the whole result (content, structured content, isError).
    func call(_ tool: String, _ arguments: [String: Value] = [:]) async throws -> CallTool.Result {
        try await client.send(CallTool.request(.init(name: tool, arguments: arguments))).value
    }

    /// Disconnects, closes the server's standard input and waits for it to exit; its exit status.
    @discardableResult
    func stop() async -> Int32 {
        await client.disconnect()
        try? toServer.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        let status = process.terminationStatus
        if status != 0 {
            // Say why, with the server's own words: the log file is gone after this.
            let reason = killed ? "still running 20 s after its input closed, killed" : "exited with status \(status)"
            Issue.record("seek mcp \(reason); its standard error:\n\(standardError.suffix(4_000))")
        }
        try? FileManager.default.removeItem(at: errorLog)
        return status
    }
}

extension CallTool.Result {
    /// The structured content as an object.
    var object: [String: Value] { structuredContent?.objectValue ?? [:] }

    /// The first text content.
    var text: String {
        for item in content { if case .text(let text, _, _) = item { return text } }
        return ""
    }

    /// The error code of a failed call (`structuredContent.error.code`).
    var errorCode: String? { object["error"]?.objectValue?["code"]?.stringValue }
}
