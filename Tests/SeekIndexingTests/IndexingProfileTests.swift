import Foundation
import SeekIndexing
import Testing
import SeekCore

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
            #expect((report.stageSeconds[stage] ?? 0) > 0, "no busy time for \(stage)")
        }
        let busiest = IndexingStage.allCases.map { report.stageSeconds[$0] ?? 0 }.max() ?? 0
        let waiting = try #require(profile.entries.last)
        #expect(abs(waiting.seconds - max(0, report.seconds - busiest)) < 1e-9)
        #expect(profile.wallSeconds == report.seconds)
    }
}
