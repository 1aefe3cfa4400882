import Foundation
import SeekCore

/// `auto`'s timings kept between processes, one entry per machine (`seek` puts the file beside the
/// model cache: `models/gemm-calibration.json`). A machine is its CPU model, core count, OpenBLAS
/// build and core type, and oneDNN version and instruction set, and how the timings were taken:
/// the same key means the same libraries on the same processor timed the same way, so the same
/// winner. The known-answer checks still run in every process (they guard correctness, not
/// speed). A cache that cannot be read or written is ignored: the process times the backends
/// itself, as it would without one.
struct GEMMCalibrationCache {
    let file: URL
    /// A larger file is not read (an entry per machine is ~200 bytes).
    static let maxFileBytes = 4 << 20

    private struct Contents: Codable {
        var entries: [String: [String: Double]]
    }

    /// The timings recorded for `key`, when they cover every backend in `backends`.
    func timings(for key: String, covering backends: [GEMMStatus.Backend]) -> [String: Double]? {
        guard let data = CacheEntryFile.contents(of: file, maxBytes: Self.maxFileBytes), let contents = try? JSONDecoder().decode(Contents.self, from: data),
              let entry = contents.entries[key], backends.allSatisfy({ (entry[$0.rawValue] ?? 0) > 0 }) else { return nil }
        return entry
    }

    /// Records `timings` for `key` (atomically; other machines' entries are kept).
    func record(_ timings: [String: Double], for key: String) {
        var contents = CacheEntryFile.contents(of: file, maxBytes: Self.maxFileBytes).flatMap { try? JSONDecoder().decode(Contents.self, from: $0) }
            ?? Contents(entries: [:])
        contents.entries[key] = timings
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(contents) else { return }
        CacheEntryFile.write(data, to: file)
    }

    /// This machine, as the cache tells machines apart.
    static func machineKey(library: String, coreType: String, oneDNN: String, oneDNNISA: String) -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
        return "\(model) | \(ProcessInfo.processInfo.activeProcessorCount) cores | \(library) core \(coreType) | oneDNN \(oneDNN) \(oneDNNISA)"
            + " | timed on \(GEMMCalibration.method)"
    }
}
