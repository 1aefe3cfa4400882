import Foundation

/// Runs a command-line tool (pdftotext, pdftoppm, tesseract, antiword...) with a time limit, collecting its output.
///
/// Output goes to temporary files rather than pipes, so a tool writing more than a pipe buffer
/// cannot block while we wait for it to exit.
struct ExternalCommand: Sendable {
    /// The tool's executable.
    var executable: URL

    /// What a finished (or killed) run produced.
    struct Result: Sendable {
        /// The exit status (meaningless when `timedOut`).
        var exitStatus: Int32
        /// Everything the tool wrote to standard output.
        var standardOutput: Data
        /// Everything the tool wrote to standard error, decoded as UTF-8.
        var standardError: String
        /// True when the tool ran past the time limit and was killed.
        var timedOut: Bool
    }

    /// The executable at `configuredPath` when given (nil when it is not executable), else the one
    /// named `name` in `$PATH` or the usual install folders, or nil when none exists.
    static func locate(_ name: String, configuredPath: String?) -> ExternalCommand? {
        guard let configuredPath else { return locate(name) }
        return FileManager.default.isExecutableFile(atPath: configuredPath) ? ExternalCommand(executable: URL(fileURLWithPath: configuredPath)) : nil
    }

    /// The executable named `name` in `$PATH` or the usual install folders, or nil when none exists.
    static func locate(_ name: String) -> ExternalCommand? {
        let pathFolders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let folders = pathFolders + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/opt/local/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return ExternalCommand(executable: candidate)
            }
        }
        return nil
    }

    /// Runs the tool with `arguments`; after `timeoutSeconds` it is killed (SIGKILL: the tools we run
    /// write only to our temporary files, so there is nothing for them to clean up). `environment`
    /// entries are added to this process's environment. Throws only when the tool cannot be started.
    func run(arguments: [String], timeoutSeconds: Double, environment: [String: String] = [:]) throws -> Result {
        let folder = FileManager.default.temporaryDirectory
        let token = UUID().uuidString
        let outputURL = folder.appendingPathComponent("seek-\(token).out")
        let errorURL = folder.appendingPathComponent("seek-\(token).err")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil),
              FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder.path])
        }
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        var timedOut = false
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        let output = (try? Data(contentsOf: outputURL)) ?? Data()
        let errorOutput = (try? Data(contentsOf: errorURL)) ?? Data()
        return Result(
            exitStatus: process.terminationStatus,
            standardOutput: output,
            standardError: String(decoding: errorOutput, as: UTF8.self),
            timedOut: timedOut
        )
    }
}

extension ExternalCommand.Result {
    /// "TOOL: " and the distinct non-empty lines of standard error (at most three), or
    /// "TOOL failed with exit status N" when it wrote none.
    func failureReason(tool: String) -> String {
        var seen = Set<String>()
        let lines = standardError.split(separator: "\n").map { $0.trimmingTrailingSpaces() }.map(String.init)
            .filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !lines.isEmpty else { return "\(tool) failed with exit status \(exitStatus)" }
        return "\(tool): " + lines.prefix(3).joined(separator: "; ")
    }
}
