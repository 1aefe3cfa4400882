import Foundation
import SeekPool

extension RunRecord {
    /// The peak resident memory of one process of a run.
    public struct ProcessPeak: Sendable, Codable, Equatable {
        /// The process running the command, or one of its embedder workers.
        public enum Role: String, Sendable, Codable {
            case parent
            case worker
        }

        public var role: Role
        public var pid: Int32
        /// Highest resident memory, in MiB.
        public var peakRSSMB: Double

        enum CodingKeys: String, CodingKey {
            case role, pid
            case peakRSSMB = "peak_rss_mb"
        }

        public init(role: Role, pid: Int32, peakRSSMB: Double) {
            self.role = role
            self.pid = pid
            self.peakRSSMB = peakRSSMB
        }
    }

    /// Counts the embedder workers in: `processes` becomes this process (its current
    /// `peakRSSMB`) and each of `workers`, and `peakRSSMB` their sum.
    public mutating func addWorkers(_ workers: [WorkerPeak]) {
        let parent = ProcessPeak(role: .parent, pid: getpid(), peakRSSMB: peakRSSMB)
        processes = [parent] + workers.map { ProcessPeak(role: .worker, pid: $0.pid, peakRSSMB: $0.peakRSSMB) }
        peakRSSMB = processes.reduce(0) { $0 + $1.peakRSSMB }
    }
}
