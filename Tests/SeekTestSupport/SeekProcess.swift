import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `seek` binary, as a user would, capturing its output.
public enum SeekProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: Data
        public let standardError: String

        public init(status: Int32, standardOutput: Data, standardError: String) {
            self.status = status
            self.standardOutput = standardOutput
            self.standardError = standardError
        }

        public var output: String { String(decoding: standardOutput, as: UTF8.self) }

        /// Standard output parsed as one JSON object.
        public func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: standardOutput) as? [String: Any] else {
                throw Failure(message: "not a JSON object: \(output.prefix(500))")
            }
            return object
        }

        /// Standard output parsed as a JSON array of objects.
        public func jsonArray() throws -> [[String: Any]] {
            guard let array = try JSONSerialization.jsonObject(with: standardOutput) as? [[String: Any]] else {
                throw Failure(message: "not a JSON array: \(output.prefix(500))")
            }
            return array
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String

        public init(message: String) {
            self.message = message
        }

        public var description: String { message }
    }

    /// Runs `seek arguments…` in `directory` to completion (stdin empty unless `input` is given).
    public static func run(_ arguments: [String], in directory: URL, input: Data? = nil,
                           environment: [String: String] = [:]) throws -> Result {
        let process = try start(arguments, in: directory, environment: environment)
        if let input { process.stdin.write(input) }
        try? process.stdin.close()
        return process.wait()
    }

    /// A started `seek` process (for tests that kill it).
    public final class Running: @unchecked Sendable {
        public let process: Process
        let stdin: FileHandle
        let outURL: URL
        let errURL: URL

        init(process: Process, stdin: FileHandle, outURL: URL, errURL: URL) {
            self.process = process
            self.stdin = stdin
            self.outURL = outURL
            self.errURL = errURL
        }

        public var pid: Int32 { process.processIdentifier }

        /// What the process wrote on standard output so far (it keeps running).
        public var outputSoFar: String {
            String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        }

        /// Standard output so far as JSON lines (a line still being written is left out).
        public var jsonLinesSoFar: [[String: Any]] {
            outputSoFar.split(separator: "\n").compactMap { line in
                try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            }
        }

        /// What the process wrote on standard error so far.
        public var errorSoFar: String {
            String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        }

        /// Polls until the process is gone (no `waitUntilExit`: it can hang in async tests on Linux).
        public func wait() -> Result {
            while process.isRunning { Thread.sleep(forTimeInterval: 0.02) }
            defer {
                try? FileManager.default.removeItem(at: outURL)
                try? FileManager.default.removeItem(at: errURL)
            }
            return Result(status: process.terminationStatus,
                          standardOutput: (try? Data(contentsOf: outURL)) ?? Data(),
                          standardError: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
        }

        public func kill(signal: Int32 = SIGKILL) {
            Glibc.kill(process.processIdentifier, signal)
        }
    }

    public static func start(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try SeekBinary.path())
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let token = UUID().uuidString
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("seek-out-\(token)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("seek-err-\(token)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let pipe = Pipe()
        process.standardInput = pipe
        try process.run()
        return Running(process: process, stdin: pipe.fileHandleForWriting, outURL: outURL, errURL: errURL)
    }
}
