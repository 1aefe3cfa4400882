import Foundation
import SeekBench
import Testing

struct LatencySummaryTests {
    @Test func nearestRankPercentilesAndMean() {
        let summary = LatencySummary(milliseconds: (1...100).map(Double.init).reversed())
        #expect(summary.count == 100)
        #expect(summary.p50Milliseconds == 50)
        #expect(summary.p95Milliseconds == 95)
        #expect(summary.meanMilliseconds == 50.5)

        let one = LatencySummary(milliseconds: [4])
        #expect(one.p50Milliseconds == 4 && one.p95Milliseconds == 4 && one.meanMilliseconds == 4)

        let small = LatencySummary(milliseconds: [3, 1, 2])
        #expect(small.p50Milliseconds == 2 && small.p95Milliseconds == 3 && small.meanMilliseconds == 2)
    }

    @Test func noMeasurementsGiveNaN() {
        let empty = LatencySummary(milliseconds: [])
        #expect(empty.count == 0 && empty.p50Milliseconds.isNaN && empty.p95Milliseconds.isNaN && empty.meanMilliseconds.isNaN)
    }

    @Test func encodesSnakeCaseMilliseconds() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(LatencySummary(milliseconds: [2])), as: UTF8.self)
        #expect(json == #"{"count":1,"mean_ms":2,"p50_ms":2,"p95_ms":2}"#)
    }
}
