/// The normalized scalars of the word being read, with the source offset of each.
struct WordBuffer {
    var scalars: [UInt32] = []
    var sources: [Int] = []

    @inline(__always)
    mutating func append(_ scalar: UInt32, source: Int) {
        scalars.append(scalar)
        sources.append(source)
    }

    mutating func removeAll() {
        scalars.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
    }
}
