import Foundation

/// Runs an external command to completion with a time limit, capturing its output
/// (pdftotext for PDFs, pip for the model fallback). Output goes through temporary files, so a
/// chatty command can never block on a full pipe.
public enum CommandRunner {
    public struct Result: Sendable {
        public let exitCode: Int32
        public let standardOutput: Data
        public let standardError: Data

        /// Standard error as text, trimmed (for error messages).
        public var errorText: String {
            String(decoding: standardError, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    public enum RunError: Error, CustomStringConvertible, Equatable {
        case notFound(command: String)
        case launchFailed(command: String, reason: String)
        case timedOut(command: String, seconds: Double)

        public var description: String {
            switch self {
            case .notFound(let command): "command not found: \(command)"
            case .launchFailed(let command, let reason): "cannot run \(command): \(reason)"
            case .timedOut(let command, let seconds): "\(command) did not finish within \(Int(seconds)) s and was killed"
            }
        }
    }

    /// Runs `command` (a name looked up in PATH, or a path) with `arguments`.
    public static func run(_ command: String, arguments: [String], timeoutSeconds: Double,
                           environment: [String: String]? = nil) throws -> Result {
        guard let executable = locate(command) else { throw RunError.notFound(command: command) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw RunError.launchFailed(command: command, reason: error.localizedDescription)
        }
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            throw RunError.timedOut(command: command, seconds: timeoutSeconds)
        }
        return Result(exitCode: process.terminationStatus,
                      standardOutput: (try? Data(contentsOf: outURL)) ?? Data(),
                      standardError: (try? Data(contentsOf: errURL)) ?? Data())
    }

    /// The executable for `command`: itself when it contains a slash, else the first match in PATH.
    public static func locate(_ command: String) -> URL? {
        if command.contains("/") {
            return FileManager.default.isExecutableFile(atPath: command) ? URL(fileURLWithPath: command) : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
