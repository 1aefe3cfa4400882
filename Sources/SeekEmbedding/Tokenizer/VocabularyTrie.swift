/// A byte trie over the UTF-8 spellings of the vocabulary pieces.
///
/// WordPiece asks "which is the longest vocabulary piece that starts here?" for every piece of every
/// word; walking a trie answers it in one pass over the word, without building a `String` per
/// candidate (a `Dictionary<String, Int32>` would hash every prefix). Nodes are numbered in
/// breadth-first order and their edges stored contiguously, sorted by byte.
struct VocabularyTrie: Sendable {
    /// Node id of the empty prefix.
    static let root: Int32 = 0
    /// Marks "no node" and "no token".
    static let none: Int32 = -1

    /// Edges of node `n` are `edgeStarts[n]..<edgeStarts[n + 1]`.
    private let edgeStarts: [Int32]
    private let edgeBytes: [UInt8]
    private let edgeTargets: [Int32]
    /// Vocabulary id of the piece ending at each node, or `none`.
    private let tokenIds: [Int32]
    /// For nodes with many children, the offset of their 256-entry child table in `denseTargets`.
    private let denseOffsets: [Int32]
    private let denseTargets: [Int32]

    /// Nodes with at least this many children get a direct 256-entry child table.
    private static let denseChildThreshold = 12

    /// Builds the trie of `entries`, which are in byte order already.
    init(_ entries: SortedVocabulary) {
        var edgeStarts: [Int32] = []
        var edgeBytes: [UInt8] = []
        var edgeTargets: [Int32] = []
        var tokenIds: [Int32] = []
        // Breadth-first: node k covers the sorted entries `ranges[k]` that share its prefix of `depths[k]` bytes.
        var ranges: [Range<Int>] = [0..<entries.count]
        var depths: [Int] = [0]
        var node = 0
        while node < ranges.count {
            let depth = depths[node]
            var index = ranges[node].lowerBound
            let end = ranges[node].upperBound
            if index < end && entries.spelling(index).count == depth {
                tokenIds.append(entries.ids[index])
                index += 1
            } else {
                tokenIds.append(Self.none)
            }
            edgeStarts.append(Int32(edgeBytes.count))
            while index < end {
                let byte = entries.byte(at: depth, of: index)
                var groupEnd = index + 1
                while groupEnd < end && entries.byte(at: depth, of: groupEnd) == byte { groupEnd += 1 }
                edgeBytes.append(byte)
                edgeTargets.append(Int32(ranges.count))
                ranges.append(index..<groupEnd)
                depths.append(depth + 1)
                index = groupEnd
            }
            node += 1
        }
        edgeStarts.append(Int32(edgeBytes.count))

        var denseOffsets = [Int32](repeating: Self.none, count: tokenIds.count)
        var denseTargets: [Int32] = []
        for node in 0..<tokenIds.count {
            let edges = Int(edgeStarts[node])..<Int(edgeStarts[node + 1])
            guard edges.count >= Self.denseChildThreshold else { continue }
            denseOffsets[node] = Int32(denseTargets.count)
            var table = [Int32](repeating: Self.none, count: 256)
            for edge in edges { table[Int(edgeBytes[edge])] = edgeTargets[edge] }
            denseTargets.append(contentsOf: table)
        }
        self.edgeStarts = edgeStarts
        self.edgeBytes = edgeBytes
        self.edgeTargets = edgeTargets
        self.tokenIds = tokenIds
        self.denseOffsets = denseOffsets
        self.denseTargets = denseTargets
    }

    /// Number of nodes (for tests and diagnostics).
    var nodeCount: Int { tokenIds.count }

    /// Vocabulary id of the piece spelled by the path to `node`, or `none`.
    @inline(__always)
    func tokenId(at node: Int32) -> Int32 { tokenIds[Int(node)] }

    /// The node reached from `node` by the UTF-8 bytes of `scalar`, or `none`.
    @inline(__always)
    func child(of node: Int32, scalar: UInt32) -> Int32 {
        if scalar < 0x80 { return child(of: node, byte: UInt8(scalar)) }
        var current: Int32
        if scalar < 0x800 {
            current = child(of: node, byte: UInt8(0xC0 | (scalar >> 6)))
        } else if scalar < 0x10000 {
            current = child(of: node, byte: UInt8(0xE0 | (scalar >> 12)))
            if current == Self.none { return current }
            current = child(of: current, byte: UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        } else {
            current = child(of: node, byte: UInt8(0xF0 | (scalar >> 18)))
            if current == Self.none { return current }
            current = child(of: current, byte: UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            if current == Self.none { return current }
            current = child(of: current, byte: UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        }
        if current == Self.none { return current }
        return child(of: current, byte: UInt8(0x80 | (scalar & 0x3F)))
    }

    /// The node reached from `node` by the UTF-8 bytes of `text`, or `none`.
    func node(from node: Int32, following text: String) -> Int32 {
        var current = node
        for byte in text.utf8 {
            current = child(of: current, byte: byte)
            if current == Self.none { return current }
        }
        return current
    }

    @inline(__always)
    private func child(of node: Int32, byte: UInt8) -> Int32 {
        let dense = denseOffsets[Int(node)]
        if dense != Self.none { return denseTargets[Int(dense) + Int(byte)] }
        var edge = Int(edgeStarts[Int(node)])
        let end = Int(edgeStarts[Int(node) + 1])
        while edge < end {
            let edgeByte = edgeBytes[edge]
            if edgeByte == byte { return edgeTargets[edge] }
            if edgeByte > byte { return Self.none }
            edge += 1
        }
        return Self.none
    }
}
