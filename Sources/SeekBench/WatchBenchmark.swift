import Foundation
import SeekCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `seek bench watch`: a real `seek watch --json` process on a scratch folder. Measures the CPU
/// it uses while idle, the time from each kind of change settling to its commit (the watcher's
/// `indexed`/`removed` event, printed right after the transaction), and a burst of files: how
/// long until all are in, in how many runs.
public struct WatchBenchmark: Sendable {
    public struct Result: Sendable, Codable, Equatable {
        /// Seconds the watcher was left idle, and the CPU it used meanwhile (user + system, in
        /// percent of one core).
        public var idleSeconds: Double
        public var idleCPUPercent: Double
        /// Milliseconds from a change settling to its commit, per kind of change.
        public var latencyMilliseconds: [String: Double]
        public var burstFiles: Int
        public var burstSeconds: Double
        public var burstRuns: Int
        public var debounceMilliseconds: Int

        enum CodingKeys: String, CodingKey {
            case idleSeconds = "idle_seconds"
            case idleCPUPercent = "idle_cpu_percent"
            case latencyMilliseconds = "latency_ms"
            case burstFiles = "burst_files"
            case burstSeconds = "burst_seconds"
            case burstRuns = "burst_runs"
            case debounceMilliseconds = "debounce_ms"
        }
    }

    /// The `seek` binary to run.
    public var executable: String
    /// Extra arguments for `seek watch` (`--model-dir`, `--in-process`...).
    public var watchArguments: [String]
    public var idleSeconds: Double
    public var burstFiles: Int
    public var debounceMilliseconds: Int

    public init(executable: String, watchArguments: [String] = [], idleSeconds: Double = 60, burstFiles: Int = 1_000,
                debounceMilliseconds: Int = 500) {
        self.executable = executable
        self.watchArguments = watchArguments
        self.idleSeconds = idleSeconds
        self.burstFiles = burstFiles
        self.debounceMilliseconds = debounceMilliseconds
    }

    /// Runs the scenarios in a scratch folder, removed afterwards.
    public func run() throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-bench-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let docs = scratch.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs.appendingPathComponent("folder"), withIntermediateDirectories: true)
        for (name, text) in [("modify.md", "To be modified."), ("delete.md", "To be deleted."), ("rename.md", "To be renamed."),
                             ("atomic.md", "Saved atomically."), ("folder/inside.md", "Moved out and back.")] {
            try Data(text.utf8).write(to: docs.appendingPathComponent(name))
        }
        let watcher = try WatchedProcess(
            executable: executable,
            arguments: ["watch", docs.path, "--json", "--index", scratch.appendingPathComponent("index").path,
                        "--debounce-ms", String(debounceMilliseconds)] + watchArguments)
        defer { watcher.stop() }
        _ = try watcher.waitFor(timeoutSeconds: 300) { $0.name == "ready" }

        // Idle: nothing changes; the watcher waits in poll().
        let idle = try watcher.cpuSeconds(over: idleSeconds)

        var latency: [String: Double] = [:]
        func measure(_ name: String, change: () throws -> Void, until matches: @escaping (WatchedProcess.Line) -> Bool) throws {
            let mark = watcher.eventCount
            try change()
            let settled = ContinuousClock.now
            let committed = try watcher.waitFor(after: mark, timeoutSeconds: 60, matches)
            latency[name] = (committed - settled).milliseconds
        }
        func indexed(_ path: URL) -> (WatchedProcess.Line) -> Bool {
            { $0.name == "indexed" && $0.path == path.path }
        }
        func removed(_ path: URL) -> (WatchedProcess.Line) -> Bool {
            { $0.name == "removed" && $0.path == path.path }
        }
        let created = docs.appendingPathComponent("created.md")
        try measure("create", change: { try Data("A new note on wing flutter.".utf8).write(to: created) }, until: indexed(created))
        let modified = docs.appendingPathComponent("modify.md")
        try measure("modify", change: { try Data("Modified: compressor stall margins.".utf8).write(to: modified) }, until: indexed(modified))
        let deleted = docs.appendingPathComponent("delete.md")
        try measure("delete", change: { try FileManager.default.removeItem(at: deleted) }, until: removed(deleted))
        let renamed = docs.appendingPathComponent("renamed.md")
        try measure("rename", change: { try FileManager.default.moveItem(at: docs.appendingPathComponent("rename.md"), to: renamed) },
                    until: indexed(renamed))
        let atomic = docs.appendingPathComponent("atomic.md")
        try measure("atomic_save", change: {
            let temporary = docs.appendingPathComponent(".atomic.md.swp")
            try Data("Saved atomically again, with turbines.".utf8).write(to: temporary)
            guard rename(temporary.path, atomic.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }, until: indexed(atomic))
        let nested = docs.appendingPathComponent("a/b/c/deep.md")
        try measure("mkdir_nested", change: {
            try FileManager.default.createDirectory(at: nested.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Deep inside new folders.".utf8).write(to: nested)
        }, until: indexed(nested))
        let inside = docs.appendingPathComponent("folder/inside.md")
        let outside = scratch.appendingPathComponent("outside")
        try measure("move_folder_out", change: { try FileManager.default.moveItem(at: docs.appendingPathComponent("folder"), to: outside) },
                    until: removed(inside))
        try measure("move_folder_in", change: { try FileManager.default.moveItem(at: outside, to: docs.appendingPathComponent("folder")) },
                    until: indexed(inside))

        // The burst: files created as fast as possible, all in, in few runs.
        let runsBefore = watcher.events.filter { $0.name == "run" }.count
        let burst = docs.appendingPathComponent("burst")
        try FileManager.default.createDirectory(at: burst, withIntermediateDirectories: true)
        let burstStarted = ContinuousClock.now
        for index in 0..<burstFiles {
            try Data("Burst note \(index) about panel flutter and wing \(index % 37).".utf8).write(to: burst.appendingPathComponent("note-\(index).md"))
        }
        let indexedPrefix = burst.path + "/"
        _ = try watcher.waitFor(timeoutSeconds: 600) { _ in
            watcher.events.filter { $0.name == "indexed" && ($0.path?.hasPrefix(indexedPrefix) ?? false) }.count >= burstFiles
        }
        let burstSeconds = (ContinuousClock.now - burstStarted).seconds
        // The run that committed the last file prints its `run` event right after it.
        let lastIndexed = watcher.events.lastIndex { $0.name == "indexed" } ?? 0
        _ = try watcher.waitFor(after: lastIndexed, timeoutSeconds: 60) { $0.name == "run" }
        let runs = watcher.events.filter { $0.name == "run" }.count - runsBefore

        return Result(
            idleSeconds: idleSeconds, idleCPUPercent: idle / idleSeconds * 100, latencyMilliseconds: latency,
            burstFiles: burstFiles, burstSeconds: burstSeconds, burstRuns: runs, debounceMilliseconds: debounceMilliseconds)
    }
}

/// A child process whose standard output is read line by line as JSON, with each line's arrival
/// time.
final class WatchedProcess: Sendable {
    /// One line of the watcher's output: its event name, its path if any, when it arrived.
    struct Line: Sendable {
        let name: String
        let path: String?
        let time: ContinuousClock.Instant
    }

    private struct Lines {
        var events: [Line] = []
    }

    private let process: Process
    private let lines = Mutex(Lines())
    private let reader: FileHandle

    init(executable: String, arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        reader = output.fileHandleForReading
        self.process = process
        try process.run()
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { return }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer.removeSubrange(buffer.startIndex...newline)
                    let now = ContinuousClock.now
                    if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let name = object["event"] as? String {
                        let parsed = Line(name: name, path: object["path"] as? String, time: now)
                        self.lines.withLock { $0.events.append(parsed) }
                    }
                }
            }
        }
    }

    var eventCount: Int { lines.withLock { $0.events.count } }

    var events: [Line] {
        lines.withLock { $0.events }
    }

    /// Waits for the first event after the first `after` ones that `matches`; returns when it arrived.
    func waitFor(after: Int = 0, timeoutSeconds: Double, _ matches: (Line) -> Bool) throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        while ContinuousClock.now < deadline {
            let found = events.dropFirst(after).first(where: matches)?.time
            if let found { return found }
            guard process.isRunning else { throw BenchmarkError.failed("seek watch ended early (exit \(process.terminationStatus))") }
            Thread.sleep(forTimeInterval: 0.005)
        }
        throw BenchmarkError.failed("seek watch did not report the change within \(timeoutSeconds) s")
    }

    /// CPU seconds (user + system) the process used over `seconds` of wall time.
    func cpuSeconds(over seconds: Double) throws -> Double {
        let before = try Self.cpuTicks(pid: process.processIdentifier)
        Thread.sleep(forTimeInterval: seconds)
        let after = try Self.cpuTicks(pid: process.processIdentifier)
        return Double(after - before) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }

    /// utime + stime of `pid` from `/proc/PID/stat` (fields 14 and 15, after the command name).
    static func cpuTicks(pid: Int32) throws -> Int {
        let text = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = text.lastIndex(of: ")") else { throw BenchmarkError.failed("cannot read /proc/\(pid)/stat") }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3): utime is field 14, stime 15.
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else {
            throw BenchmarkError.failed("cannot parse /proc/\(pid)/stat")
        }
        return user + system
    }
}

/// A benchmark that could not run.
public enum BenchmarkError: Error, CustomStringConvertible {
    case failed(String)

    public var description: String {
        switch self {
        case .failed(let reason): reason
        }
    }
}
