import ArgumentParser
import Foundation
import SeekBench
import SeekEngine

struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Where the resources go.",
        subcommands: [Memory.self])

    struct Memory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resident memory after opening the index, loading the model, loading the vectors and N searches.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Hybrid searches to run (default 20).")
        var searches = 20

        @Option(name: .long, help: "Queries to search for: a search suite file (default bench/suite/sample-queries.jsonl; edge queries left out).")
        var queries: String?

        func validate() throws {
            guard searches >= 1 else { throw ValidationError("--searches must be at least 1") }
        }

        func run() async throws {
            let profile = try await global.withEngine { engine in
                try await BenchRunner.memory(settings: engine.settings, queriesFile: queries.map { URL(fileURLWithPath: $0) }, searches: searches)
            }
            if global.printsJSON {
                try JSONOutput.print(BenchReport(profile))
                return
            }
            print(Terminal.bold("Memory") + " (RSS of this process; SQLite's mapped pages count once touched)")
            for step in profile.steps {
                print("  " + step.step.padding(toLength: 13, withPad: " ", startingAt: 0)
                    + String(format: "%8.1f MB  %+8.1f MB", step.rssMB, step.deltaMB))
            }
            print(String(format: "  %d hybrid searches, mean %.1f ms; %d chunks; peak RSS %.1f MB",
                         profile.searches, profile.meanSearchMilliseconds, profile.chunks, profile.peakRSSMB))
        }
    }
}
