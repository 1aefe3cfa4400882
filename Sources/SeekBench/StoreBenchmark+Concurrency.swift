import Foundation
import SeekCore

/// One writer process against several: each run writes a fresh copy of one set into a fresh
/// index, the set's files split evenly between `seek bench store-writer` processes started at
/// once; loopback processes stand in for indexing hosts.
extension StoreBenchmark {
    /// A fresh index for one run: the job template its writers get (backend and where to write),
    /// their extra environment, how to count what it holds afterwards, how to remove it.
    struct WriterTarget: Sendable {
        var job: StoreWriter.Job
        var environment: [String: String]
        var count: @Sendable () async throws -> (chunks: Int, files: Int)
        var remove: @Sendable () async throws -> Void
    }

    /// Runs 1 process, then `concurrentProcesses`, each on a target from `makeTarget`, and checks
    /// that each index holds the set exactly once.
    func concurrentWriters(
        executable: String, progress: @escaping @Sendable (String) -> Void,
        makeTarget: (_ processes: Int) async throws -> WriterTarget
    ) async throws -> StoreBenchmarkReport.ConcurrentWriters {
        let set = concurrentSet
        var runs: [StoreBenchmarkReport.WriterRun] = []
        for processes in [1, configuration.concurrentProcesses] {
            progress("\(configuration.backend.rawValue): \(processes) writer process\(processes == 1 ? "" : "es") writing \(set.vectors) chunks into a fresh index")
            let target = try await makeTarget(processes)
            do {
                runs.append(try await writerRun(processes: processes, set: set, target: target, executable: executable))
                try await target.remove()
            } catch {
                try? await target.remove()
                throw error
            }
        }
        let first = runs.first?.chunksPerSecond ?? .nan
        return StoreBenchmarkReport.ConcurrentWriters(
            vectors: set.vectors, files: set.files, runs: runs, speedup: (runs.last?.chunksPerSecond ?? .nan) / first)
    }

    private func writerRun(
        processes: Int, set: SyntheticStoreFiles, target: WriterTarget, executable: String
    ) async throws -> StoreBenchmarkReport.WriterRun {
        let jobs = Self.shares(files: set.files, processes: processes).map { range in
            var job = target.job
            job.vectors = set.vectors
            job.chunksPerFile = set.chunksPerFile
            job.dimension = set.generator.dimension
            job.clusters = set.generator.clusters
            job.seed = set.generator.seed
            job.firstFile = range.lowerBound
            job.fileCount = range.count
            return job
        }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(target.environment) { $1 }
        let reports = try await Self.runWriters(jobs, executable: executable, environment: environment)
        let seconds = (reports.map(\.finishedAt).max() ?? 0) - (reports.map(\.startedAt).min() ?? 0)
        let chunks = reports.reduce(0) { $0 + $1.chunks }
        let files = reports.reduce(0) { $0 + $1.files }
        let stored = try await target.count()
        guard stored.chunks == set.vectors, stored.files == set.files, chunks == set.vectors else {
            throw StoreBenchmarkError.inconsistentIndex(
                reason: "after \(processes) writer processes: \(stored.chunks) chunks and \(stored.files) files stored, "
                    + "\(chunks) chunks written, the set has \(set.vectors) chunks in \(set.files) files")
        }
        return StoreBenchmarkReport.WriterRun(
            processes: processes, seconds: seconds, chunksPerSecond: Double(chunks) / max(seconds, 1e-9),
            filesPerSecond: Double(files) / max(seconds, 1e-9), writers: reports, chunksStored: stored.chunks, filesStored: stored.files)
    }

    /// `files` split into `processes` contiguous ranges whose sizes differ by at most one.
    public static func shares(files: Int, processes: Int) -> [Range<Int>] {
        let processes = max(1, processes)
        return (0..<processes).map { index in (files * index / processes)..<(files * (index + 1) / processes) }
    }

    /// Starts one `seek bench store-writer` per job at once and waits for all; each prints its report.
    static func runWriters(_ jobs: [StoreWriter.Job], executable: String, environment: [String: String]) async throws -> [StoreWriter.Report] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let argumentLists = try jobs.map { job in
            ["bench", "store-writer", "--json", "--job", String(decoding: try encoder.encode(job), as: UTF8.self)]
        }
        return try await withThrowingTaskGroup(of: (Int, StoreWriter.Report).self) { group in
            for (index, arguments) in argumentLists.enumerated() {
                group.addTask {
                    let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<CommandRunner.Result, any Error>) in
                        // A thread of its own: CommandRunner blocks until the process ends.
                        Thread.detachNewThread {
                            continuation.resume(with: Result {
                                try CommandRunner.run(executable, arguments: arguments, timeoutSeconds: 6 * 3600, environment: environment)
                            })
                        }
                    }
                    guard result.exitCode == 0 else {
                        throw StoreBenchmarkError.writerFailed(processes: jobs.count, reason: "exit \(result.exitCode): \(result.errorText)")
                    }
                    do {
                        return (index, try JSONDecoder().decode(StoreWriter.Report.self, from: result.standardOutput))
                    } catch {
                        throw StoreBenchmarkError.writerFailed(
                            processes: jobs.count, reason: "no report on standard output (\(error)): \(String(decoding: result.standardOutput.prefix(500), as: UTF8.self))")
                    }
                }
            }
            var reports = [StoreWriter.Report?](repeating: nil, count: jobs.count)
            for try await (index, report) in group { reports[index] = report }
            return reports.compactMap { $0 }
        }
    }
}
