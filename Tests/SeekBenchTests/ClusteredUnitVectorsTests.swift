import SeekBench
import Testing

struct ClusteredUnitVectorsTests {
    private func dot(_ a: [Float], _ b: some Collection<Float>) -> Float {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test func theSameSeedAndIndexGiveTheSameVectorInAnyOrder() {
        let first = ClusteredUnitVectors(dimension: 384, clusters: 20, seed: 7)
        let second = ClusteredUnitVectors(dimension: 384, clusters: 20, seed: 7)
        // Another process making only its share gets the same vectors as one making all of them.
        #expect(first.vector(123) == second.vector(123))
        #expect((0..<50).map(first.vector) == (0..<50).reversed().map(second.vector).reversed())
        #expect(first.query(3, vectors: 1000) == second.query(3, vectors: 1000))
        #expect(first.vector(1) != first.vector(2))
        #expect(ClusteredUnitVectors(dimension: 384, clusters: 20, seed: 8).vector(123) != first.vector(123))
    }

    @Test func vectorsAreUnitLengthAndNearTheirCentroid() {
        let vectors = ClusteredUnitVectors(dimension: 384, clusters: 10, seed: 3)
        for index in 0..<200 {
            let vector = vectors.vector(index)
            #expect(vector.count == 384)
            #expect(abs(dot(vector, vector).squareRoot() - 1) < 1e-4)
            let own = dot(vector, vectors.centroid(vectors.cluster(of: index)))
            // cos = 1/√(1 + spread²) ≈ 0.71 with spread 1; other centroids are nearly orthogonal.
            #expect(own > 0.6 && own < 0.8, "index \(index): \(own)")
            for other in 0..<10 where other != vectors.cluster(of: index) {
                #expect(abs(dot(vector, vectors.centroid(other))) < 0.3)
            }
        }
        // Every cluster gets members.
        #expect(Set((0..<200).map(vectors.cluster(of:))).count == 10)
    }

    @Test func aQueryIsCloserToItsTargetsClusterThanToOthers() {
        let vectors = ClusteredUnitVectors(dimension: 384, clusters: 5, seed: 11)
        let query = vectors.query(0, vectors: 100)
        #expect(abs(dot(query, query).squareRoot() - 1) < 1e-4)
        let similarities = (0..<100).map { dot(query, vectors.vector($0)) }
        let best = similarities.indices.max { similarities[$0] < similarities[$1] }!
        // The nearest vector is the query's target (cos ≈ 0.89), far above the rest of its cluster (≈ 0.45).
        #expect(similarities[best] > 0.8)
        let sameCluster = (0..<100).filter { $0 != best && vectors.cluster(of: $0) == vectors.cluster(of: best) }
        let otherClusters = (0..<100).filter { vectors.cluster(of: $0) != vectors.cluster(of: best) }
        #expect(sameCluster.allSatisfy { similarities[$0] > 0.3 })
        #expect(otherClusters.allSatisfy { similarities[$0] < 0.3 })
    }

    @Test func defaultClustersAreOnePerHundredVectors() {
        #expect(ClusteredUnitVectors.defaultClusters(vectors: 0) == 1)
        #expect(ClusteredUnitVectors.defaultClusters(vectors: 2_000) == 20)
        #expect(ClusteredUnitVectors.defaultClusters(vectors: 1_000_000) == 10_000)
    }
}
