import SeekCore
import Testing

struct PercentileTests {
    @Test func nearestRankPicksAMeasuredValue() {
        let values: [Double] = [40, 10, 30, 20]
        #expect(Percentile.nearestRank(values, 0.5) == 20)
        #expect(Percentile.nearestRank(values, 0.95) == 40)
        #expect(Percentile.nearestRank(values, 0) == 10)
        #expect(Percentile.nearestRank([], 0.5) == nil)
    }

    @Test func medianIsTheMiddleOrTheMeanOfTheTwoMiddleValues() {
        #expect(Percentile.median([0.98, 0.87, 0.99]) == 0.98)
        #expect(Percentile.median([4, 1, 3, 2]) == 2.5)
        #expect(Percentile.median([7]) == 7)
        #expect(Percentile.median([]) == nil)
    }
}
