/// Why `remember` failed after its run: the memory's file was not indexed.
struct MemoryNotIndexed: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "the memory \(path) was not indexed: \(reason)" }
}
