import Foundation
import SeekIndexing
import Testing

struct IndexingProfileTests {
    @Test func aRealRunsProfileCoversEveryStageAndItsSharesAddUpToOne() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 12)
        let report = try await fixture.index()
        let profile = IndexingProfile(report: report)

        #expect(profile.entries.map(\.stage) == IndexingStage.allCases.map(\.rawValue) + [IndexingProfile.waitingStage])
        #expect(abs(profile.entries.reduce(0) { $0 + $1.share } - 1) < 1e-9)
        #expect(profile.entries.allSatisfy { $0.seconds >= 0 && $0.share >= 0 })
        for stage in IndexingStage.allCases where stage != .scan {
            #expect((report.stageSeconds[stage.rawValue] ?? 0) > 0, "no busy time for \(stage)")
        }
        let busiest = IndexingStage.allCases.map { report.stageSeconds[$0.rawValue] ?? 0 }.max() ?? 0
        let waiting = try #require(profile.entries.last)
        #expect(abs(waiting.seconds - max(0, report.seconds - busiest)) < 1e-9)
        #expect(profile.wallSeconds == report.seconds)
    }

    @Test func theTableHasOneLinePerRowAndPercentagesThatAddUpTo100() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 6)
        let profile = IndexingProfile(report: try await fixture.index())
        let lines = profile.tableLines()

        #expect(lines.count == profile.entries.count + 1)
        #expect(lines[0].hasPrefix("Profile: "))
        var percentages: [Double] = []
        for (line, entry) in zip(lines.dropFirst(), profile.entries) {
            let fields = line.split(separator: " ")
            #expect(fields.first.map(String.init) == entry.stage)
            let percent = try #require(fields.first { $0.hasSuffix("%") })
            percentages.append(try #require(Double(percent.dropLast())))
        }
        // Each printed share is rounded to 0.1%.
        let total: Double = percentages.reduce(0, +)
        let tolerance: Double = 0.05 * Double(percentages.count) + 1e-9
        #expect(abs(total - 100) <= tolerance)
    }
}
