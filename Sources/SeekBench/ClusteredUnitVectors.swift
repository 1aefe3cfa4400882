/// Reproducible unit vectors grouped around seeded centroids, for benchmarks whose recall must
/// mean something (uniform random vectors in 384 dimensions are all nearly orthogonal, so every
/// neighbour is as good as any other). Vector `i` is `normalise(centroid(c) + spread · u)`, with
/// `u` a seeded random unit direction and `c` a seeded cluster; with `spread` 1 a vector's cosine
/// with its centroid is about 0.71 and with another member of its cluster about 0.5.
///
/// Each vector depends only on `(seed, i)`, so separate processes can make disjoint parts of the
/// same set without making the rest.
public struct ClusteredUnitVectors: Sendable {
    /// Components per vector.
    public let dimension: Int
    /// Centroids the vectors are spread around.
    public let clusters: Int
    /// Seed of the centroids, the cluster choice and the offsets.
    public let seed: UInt64
    /// Length of each vector's random offset from its centroid, before normalisation.
    public let spread: Float
    /// `clusters × dimension` unit centroids, row-major.
    private let centroids: [Float]

    public init(dimension: Int = 384, clusters: Int, seed: UInt64, spread: Float = 1) {
        self.dimension = max(1, dimension)
        self.clusters = max(1, clusters)
        self.seed = seed
        self.spread = spread
        var generator = SeededUnitVectors(seed: Self.mix(seed ^ 0xC3A5_C85C_97CB_3127))
        var centroids: [Float] = []
        centroids.reserveCapacity(self.clusters * self.dimension)
        for _ in 0..<self.clusters { generator.append(dimension: self.dimension, to: &centroids) }
        self.centroids = centroids
    }

    /// The default number of clusters for `vectors` vectors: one per 100, at least 1.
    public static func defaultClusters(vectors: Int) -> Int {
        max(1, vectors / 100)
    }

    /// The cluster vector `index` belongs to.
    public func cluster(of index: Int) -> Int {
        Int(Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: index) ^ 0x5851_F42D) % UInt64(clusters))
    }

    /// Vector `index` (0-based) of the set.
    public func vector(_ index: Int) -> [Float] {
        offset(from: cluster(of: index), by: spread, stream: 2 &* UInt64(truncatingIfNeeded: index))
    }

    /// Query `number` of a set of `vectors` vectors: a member of the set (chosen by seed) moved by
    /// a random offset of length `distance`, so it has true near neighbours as real queries do.
    public func query(_ number: Int, vectors: Int, distance: Float = 0.5) -> [Float] {
        let target = Int(Self.mix(seed ^ 0xD6E8_FEB8_6659_FD93 &+ UInt64(truncatingIfNeeded: number)) % UInt64(max(1, vectors)))
        var direction: [Float] = []
        var generator = SeededUnitVectors(seed: Self.mix(seed ^ 0xA076_1D64_78BD_642F &+ UInt64(truncatingIfNeeded: number)))
        generator.append(dimension: dimension, to: &direction)
        return Self.normalised(zip(vector(target), direction).map { $0 + distance * $1 })
    }

    /// The centroid of `cluster`.
    public func centroid(_ cluster: Int) -> ArraySlice<Float> {
        centroids[(cluster * dimension)..<((cluster + 1) * dimension)]
    }

    private func offset(from cluster: Int, by length: Float, stream: UInt64) -> [Float] {
        var direction: [Float] = []
        direction.reserveCapacity(dimension)
        var generator = SeededUnitVectors(seed: Self.mix(seed &+ stream &* 0xBF58_476D_1CE4_E5B9))
        generator.append(dimension: dimension, to: &direction)
        let center = centroid(cluster)
        var values = [Float](repeating: 0, count: dimension)
        for component in 0..<dimension {
            values[component] = center[center.startIndex + component] + length * direction[component]
        }
        return Self.normalised(values)
    }

    private static func normalised(_ values: [Float]) -> [Float] {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? values.map { $0 / norm } : values
    }

    /// SplitMix64's finaliser: a well-mixed 64-bit hash of `value`.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
