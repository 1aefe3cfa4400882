import ArgumentParser
import Foundation
import SeekBench
import SeekEngine

extension BenchCommand {
    /// `seek bench chunk`: chunking throughput on prose and on pathological inputs (see `ChunkBenchmark`).
    struct Chunk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chunking throughput (MB/s, tokenization included) on Cranfield prose and on pathological inputs "
                + "of the same size (runs of one punctuation character, one line, no spaces, nested brackets); best of 2 passes.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .customLong("size-mb"), help: "Size of each input in MB (default 10).")
        var sizeMB = 10.0

        @Option(name: .long, help: "Timed passes per input; the best is reported.")
        var passes = 2

        func run() async throws {
            let result = try await global.withEngine { engine in
                try await BenchRunner.chunk(engine: engine, sizeMB: sizeMB, passes: passes)
            }
            if global.printsJSON {
                try JSONOutput.print(BenchReport(result))
                return
            }
            for input in result.inputs {
                print(input.name.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(format: " %8.2f MB/s  %7.3f s  %7d chunks  %5.2fx prose", input.mbPerSecond, input.seconds, input.chunks, input.slowdown))
            }
            let verdict = result.withinLimit ? "within" : "OVER"
            print(Terminal.bold(String(format: "slowest input: %.2fx prose per byte", result.maxSlowdown)
                + " (\(verdict) the \(Int(result.slowdownLimit))x limit)"))
        }
    }
}
