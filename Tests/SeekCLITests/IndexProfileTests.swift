import Foundation
import SeekTestSupport
import Testing

/// `seek index --profile`.
struct IndexProfileTests {
    @Test func theJSONProfileListsEveryStageAndWaitingWithSharesAddingUpToOne() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<20)
        let result = try fixture.seek("index", "docs", "--in-process", "--profile", "--json")
        #expect(result.status == 0, "\(result.standardError)")
        let report = try result.json()
        let profile = try #require(report["profile"] as? [[String: Any]])
        #expect(profile.compactMap { $0["stage"] as? String } == ["scan", "parse", "chunk", "embed", "write", "waiting"])
        let shares = profile.compactMap { $0["share"] as? Double }
        #expect(shares.count == 6 && shares.allSatisfy { $0 >= 0 })
        #expect(abs(shares.reduce(0, +) - 1) < 1e-6)
        let stageSeconds = try #require(report["stage_seconds"] as? [String: Double])
        for row in profile where row["stage"] as? String != "waiting" {
            #expect(row["seconds"] as? Double == stageSeconds[row["stage"] as? String ?? ""] ?? 0)
        }

        // Without --profile there is no profile.
        #expect(try fixture.seek("index", "--in-process", "--json").json()["profile"] == nil)
    }
}
