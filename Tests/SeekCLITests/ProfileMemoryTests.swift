import Foundation
import SeekTestSupport
import Testing

/// `seek profile memory`.
struct ProfileMemoryTests {
    @Test func theStepsComeInOrderWithTheirRSSAndDeltas() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<15)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)

        let result = try fixture.seek("profile", "memory", "--searches", "5", "--json")
        #expect(result.status == 0, "\(result.standardError)")
        let profile = try result.json()
        let steps = try #require(profile["steps"] as? [[String: Any]])
        #expect(steps.compactMap { $0["step"] as? String } == ["baseline", "open_index", "load_model", "load_vectors", "searches"])
        let rss = steps.compactMap { $0["rss_mb"] as? Double }
        #expect(rss.count == 5 && rss.allSatisfy { $0 > 0 })
        let deltas = steps.compactMap { $0["delta_mb"] as? Double }
        #expect(deltas.first == 0)
        for index in 1..<min(rss.count, deltas.count) {
            #expect(abs(deltas[index] - (rss[index] - rss[index - 1])) < 1e-9)
        }
        // Loading the model maps and reads about 90 MB of weights.
        #expect(rss[4] - rss[0] > 20, "RSS grew by \(rss[4] - rss[0]) MB from the baseline")
        #expect(profile["searches"] as? Int == 5)
        #expect((profile["mean_search_ms"] as? Double ?? 0) > 0)
        #expect(profile["chunks"] as? Int ?? 0 >= 15)
    }

    @Test func zeroSearchesIsRejected() throws {
        let fixture = try CLIFixture()
        let result = try fixture.seek("profile", "memory", "--searches", "0")
        #expect(result.status != 0)
        #expect(result.standardError.contains("--searches"))
    }
}
