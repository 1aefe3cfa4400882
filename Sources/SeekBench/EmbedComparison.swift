import Foundation
import SeekCore

/// `seek bench embed --modes …`: embedding throughput of several precision / GEMM-backend modes
/// side by side, each measured in a fresh `seek bench embed --json` process (a GEMM backend and
/// OpenBLAS's core type are chosen once per process), in interleaved rounds so that a noisy
/// neighbour hits every mode alike. Reports each mode's best tokens/s and its ratio to the fp32
/// baseline measured in the same run.
public struct EmbedComparison: Sendable {
    /// One configuration: `precision[/gemm][@unpinned]`, e.g. `fp32/openblas`, `bf16`, `fp32/openblas@unpinned`.
    public struct Mode: Sendable, Codable, Hashable, CustomStringConvertible {
        /// `auto`, `fp32`, `bf16` or `int8` (passed as `--precision`).
        public var precision: String
        /// `auto`, `openblas`, `onednn` or `reference` (passed as `--gemm`).
        public var gemm: String
        /// Runs without `OPENBLAS_CORETYPE` / `OPENBLAS_L2_SIZE`: OpenBLAS picks its own kernels, as on a user's machine.
        public var unpinned: Bool

        public init(precision: String, gemm: String = "auto", unpinned: Bool = false) {
            self.precision = precision
            self.gemm = gemm
            self.unpinned = unpinned
        }

        public var description: String { precision + (gemm == "auto" ? "" : "/" + gemm) + (unpinned ? "@unpinned" : "") }

        static let precisions: Set<String> = ["auto", "fp32", "bf16", "int8"]
        static let backends: Set<String> = ["auto", "openblas", "onednn", "reference"]

        /// Parses one mode. - Throws: `EmbedComparisonError.invalidModes` for an unknown precision, backend or suffix.
        public init(parsing text: String) throws {
            var rest = Substring(text.trimmingCharacters(in: .whitespaces))
            unpinned = false
            if let at = rest.firstIndex(of: "@") {
                guard rest[rest.index(after: at)...] == "unpinned" else {
                    throw EmbedComparisonError.invalidModes("mode \"\(text)\": the only suffix is @unpinned")
                }
                unpinned = true
                rest = rest[..<at]
            }
            let parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, let first = parts.first, Self.precisions.contains(first) else {
                throw EmbedComparisonError.invalidModes(
                    "mode \"\(text)\": expected precision[/gemm][@unpinned], precision one of auto, fp32, bf16, int8")
            }
            precision = first
            gemm = parts.count == 2 ? parts[1] : "auto"
            guard Self.backends.contains(gemm) else {
                throw EmbedComparisonError.invalidModes("mode \"\(text)\": gemm must be one of auto, openblas, onednn, reference")
            }
        }

        /// `all`: fp32 as Seek runs it by default (the baseline: the backend `auto` chooses), fp32
        /// through each backend, OpenBLAS unpinned when this machine pins it, bf16 and int8.
        public static func all(environment: [String: String]) -> [Mode] {
            var modes = [Mode(precision: "fp32"), Mode(precision: "fp32", gemm: "openblas"), Mode(precision: "fp32", gemm: "onednn"),
                         Mode(precision: "bf16"), Mode(precision: "int8")]
            if let pin = environment["OPENBLAS_CORETYPE"], !pin.isEmpty {
                modes.insert(Mode(precision: "fp32", gemm: "openblas", unpinned: true), at: 2)
            }
            return modes
        }

        /// A comma-separated list, or `all`. - Throws: for an empty list, a bad mode, or a repeated one.
        public static func list(_ text: String, environment: [String: String]) throws -> [Mode] {
            if text == "all" { return all(environment: environment) }
            let modes = try text.split(separator: ",").map { try Mode(parsing: String($0)) }
            guard !modes.isEmpty else { throw EmbedComparisonError.invalidModes("--modes needs at least one mode") }
            guard Set(modes).count == modes.count else { throw EmbedComparisonError.invalidModes("--modes repeats a mode") }
            return modes
        }

        /// The environment of this mode's process.
        func environment(from base: [String: String]) -> [String: String] {
            guard unpinned else { return base }
            return base.filter { $0.key != "OPENBLAS_CORETYPE" && $0.key != "OPENBLAS_L2_SIZE" }
        }
    }

    /// One mode's outcome.
    public struct Row: Sendable, Codable, Equatable {
        public var mode: String
        /// The precision that ran (a CPU without the instructions falls back).
        public var precision: String
        /// The GEMM backend that computed the fp32 products.
        public var gemm: String
        /// OpenBLAS's core type in that process.
        public var coreType: String
        /// oneDNN's instruction set in that process (nil without oneDNN).
        public var oneDNNISA: String?
        /// Best tokens/s over the rounds, and every round's.
        public var tokensPerSecond: Double
        public var roundsTokensPerSecond: [Double]
        /// tokens/s divided by the baseline's, both best-of-rounds.
        public var speedup: Double
        public var peakRSSMB: Double
        public var linearWeightsMB: Double?

        enum CodingKeys: String, CodingKey {
            case mode, precision, gemm, speedup
            case coreType = "core_type"
            case oneDNNISA = "onednn_isa"
            case tokensPerSecond = "tokens_per_s"
            case roundsTokensPerSecond = "rounds_tokens_per_s"
            case peakRSSMB = "peak_rss_mb"
            case linearWeightsMB = "linear_weights_mb"
        }
    }

    /// The outside runtime's tokens/s in each round, and its best over the baseline's.
    public struct AnchorRow: Sendable, Codable, Equatable {
        public var command: String
        public var tokensPerSecond: Double
        public var roundsTokensPerSecond: [Double]
        public var speedup: Double

        enum CodingKeys: String, CodingKey {
            case command, speedup
            case tokensPerSecond = "tokens_per_s"
            case roundsTokensPerSecond = "rounds_tokens_per_s"
        }
    }

    public struct Report: Sendable, Codable, Equatable {
        public var rows: [Row]
        public var anchor: AnchorRow?
        /// The mode the speed-ups divide by: the first fp32 mode (else the first mode).
        public var baseline: String
        public var rounds: Int
        public var texts: Int
        public var tokens: Int
        public var threads: Int
    }

    /// What one child process printed: its result and the machine it saw.
    private struct ChildReport: Decodable {
        var result: EmbedBenchmark.Result
        var machine: BenchMachine

        init(from decoder: any Decoder) throws {
            result = try EmbedBenchmark.Result(from: decoder)
            machine = try decoder.container(keyedBy: Key.self).decode(BenchMachine.self, forKey: .machine)
        }

        enum Key: String, CodingKey { case machine }
    }

    public let modes: [Mode]
    public let rounds: Int
    /// An outside runtime timed in the same rounds (`--anchor`, e.g. `python3 ../shared/anchors/ort_anchor.py`):
    /// a shell command whose last line of output is its tokens/s.
    public let anchor: String?

    public init(modes: [Mode], rounds: Int, anchor: String? = nil) throws {
        guard !modes.isEmpty else { throw EmbedComparisonError.invalidModes("no modes to compare") }
        guard rounds >= 1 else { throw EmbedComparisonError.invalidModes("--rounds must be at least 1") }
        self.modes = modes
        self.rounds = rounds
        self.anchor = anchor
    }

    /// Runs `executable` with `arguments(mode)` once per mode per round, in order, and gathers
    /// the reports. `progress` hears of each finished process.
    /// - Throws: `CommandRunner.RunError` when a process cannot start or times out,
    ///   `EmbedComparisonError` when one fails or prints something that is not a report.
    public func run(executable: String, arguments: (Mode) -> [String], environment: [String: String],
                    progress: (String) -> Void = { _ in }) throws -> Report {
        var results: [Mode: [ChildReport]] = [:]
        var anchorRounds: [Double] = []
        for round in 1...rounds {
            if let anchor {
                let output = try CommandRunner.run("/bin/sh", arguments: ["-c", anchor], timeoutSeconds: 3600, environment: environment)
                let lastLine = String(decoding: output.standardOutput, as: UTF8.self)
                    .split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard output.exitCode == 0, let tokensPerSecond = Double(lastLine) else {
                    throw EmbedComparisonError.processFailed(mode: "anchor", exitCode: output.exitCode,
                                                             message: "last line \"\(lastLine)\" is not tokens/s. \(output.errorText)")
                }
                anchorRounds.append(tokensPerSecond.rounded())
                progress(String(format: "round %d/%d  anchor  %.0f tokens/s", round, rounds, tokensPerSecond))
            }
            for mode in modes {
                let output = try CommandRunner.run(executable, arguments: arguments(mode), timeoutSeconds: 3600,
                                                   environment: mode.environment(from: environment))
                guard output.exitCode == 0 else {
                    throw EmbedComparisonError.processFailed(mode: mode.description, exitCode: output.exitCode, message: output.errorText)
                }
                let report: ChildReport
                do {
                    report = try JSONDecoder().decode(ChildReport.self, from: output.standardOutput)
                } catch {
                    throw EmbedComparisonError.unreadableReport(mode: mode.description, reason: "\(error)")
                }
                results[mode, default: []].append(report)
                progress(String(format: "round %d/%d  %@  %.0f tokens/s", round, rounds, mode.description, report.result.tokensPerSecond))
            }
        }
        let best = modes.map { mode in results[mode]!.map(\.result.tokensPerSecond).max() ?? 0 }
        let baselineIndex = modes.firstIndex { $0.precision == "fp32" && $0.gemm == "auto" && !$0.unpinned }
            ?? modes.firstIndex { $0.precision == "fp32" } ?? 0
        let rows = modes.enumerated().map { index, mode in
            let reports = results[mode]!
            let last = reports.last!
            return Row(mode: mode.description, precision: last.result.precision ?? "fp32", gemm: last.machine.gemm.backend.rawValue,
                       coreType: last.machine.gemm.coreType, oneDNNISA: last.machine.gemm.oneDNNISA,
                       tokensPerSecond: best[index].rounded(), roundsTokensPerSecond: reports.map { $0.result.tokensPerSecond.rounded() },
                       speedup: best[baselineIndex] > 0 ? (best[index] / best[baselineIndex] * 100).rounded() / 100 : 0,
                       peakRSSMB: reports.map(\.result.peakRSSMB).max() ?? 0, linearWeightsMB: last.result.linearWeightsMB)
        }
        let first = results[modes[0]]!.last!.result
        let anchorRow = anchor.map { command in
            AnchorRow(command: command, tokensPerSecond: anchorRounds.max() ?? 0, roundsTokensPerSecond: anchorRounds,
                      speedup: best[baselineIndex] > 0 ? ((anchorRounds.max() ?? 0) / best[baselineIndex] * 100).rounded() / 100 : 0)
        }
        return Report(rows: rows, anchor: anchorRow, baseline: modes[baselineIndex].description, rounds: rounds, texts: first.texts,
                      tokens: first.tokens, threads: first.threads)
    }
}
