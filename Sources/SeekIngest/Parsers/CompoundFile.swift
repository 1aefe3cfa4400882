import Foundation

/// Reads the streams of an OLE2 compound file ([MS-CFB]: legacy Office `.doc`, `.xls`, `.ppt`).
///
/// Hand-written: no listed library reads compound files, and the text of PowerPoint 97-2003 files
/// written by LibreOffice is not found by catppt (see `PPTParser`). Every offset and sector chain
/// is bounds-checked and cycle-checked, so a damaged file throws `Failure` instead of crashing.
struct CompoundFile {
    /// Why the file cannot be read as a compound file.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniStreamCutoff: Int
    private let fat: [UInt32]
    private let miniFAT: [UInt32]
    private let entries: [(name: String, type: UInt8, start: UInt32, size: Int)]
    private let miniStream: [UInt8]

    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let freeSector: UInt32 = 0xFFFF_FFFF

    /// Parses the header, the sector tables and the directory of `data`.
    init(_ data: Data) throws(Failure) {
        let bytes = [UInt8](data)
        self.bytes = bytes
        guard bytes.count >= 512, bytes.starts(with: LegacyOfficeConverter.compoundFileSignature) else {
            throw Failure(description: "not an OLE2 compound file")
        }
        let sectorShift = Int(Self.uint16(bytes, 0x1E))
        let miniShift = Int(Self.uint16(bytes, 0x20))
        guard sectorShift == 9 || sectorShift == 12, miniShift == 6 else { throw Failure(description: "unknown sector size") }
        let sectorSize = 1 << sectorShift
        self.sectorSize = sectorSize
        miniSectorSize = 1 << miniShift
        miniStreamCutoff = Int(Self.uint32(bytes, 0x38))

        // The sector allocation table: its sectors are listed in the header and the DIFAT chain.
        var fatSectors: [UInt32] = (0..<109).map { Self.uint32(bytes, 0x4C + 4 * $0) }
        var difat = Self.uint32(bytes, 0x44)
        var visited = Set<UInt32>()
        while difat < 0xFFFF_FFFA, visited.insert(difat).inserted {
            let offset = (Int(difat) + 1) * sectorSize
            guard offset + sectorSize <= bytes.count else { throw Failure(description: "DIFAT sector outside the file") }
            let perSector = sectorSize / 4 - 1
            fatSectors += (0..<perSector).map { Self.uint32(bytes, offset + 4 * $0) }
            difat = Self.uint32(bytes, offset + 4 * perSector)
        }
        var fat: [UInt32] = []
        for sector in fatSectors where sector < 0xFFFF_FFFA {
            let offset = (Int(sector) + 1) * sectorSize
            guard offset + sectorSize <= bytes.count else { throw Failure(description: "FAT sector outside the file") }
            fat += (0..<sectorSize / 4).map { Self.uint32(bytes, offset + 4 * $0) }
        }
        self.fat = fat

        let directory = try Self.chain(from: Self.uint32(bytes, 0x30), fat: fat, bytes: bytes, sectorSize: sectorSize, limit: Int.max)
        var entries: [(name: String, type: UInt8, start: UInt32, size: Int)] = []
        for offset in stride(from: 0, to: directory.count - 127, by: 128) {
            let nameLength = min(Int(Self.uint16(directory, offset + 64)), 64)
            let units = (0..<max(0, nameLength / 2 - 1)).map { UInt16(directory[offset + 2 * $0]) | UInt16(directory[offset + 2 * $0 + 1]) << 8 }
            let size = Int(Self.uint32(directory, offset + 120))
            entries.append((String(decoding: units, as: UTF16.self), directory[offset + 66], Self.uint32(directory, offset + 116), size))
        }
        guard let root = entries.first, root.type == 5 else { throw Failure(description: "no root directory entry") }
        self.entries = entries
        miniStream = try Self.chain(from: root.start, fat: fat, bytes: bytes, sectorSize: sectorSize, limit: root.size)
        let miniFATSectors = try Self.chain(from: Self.uint32(bytes, 0x3C), fat: fat, bytes: bytes, sectorSize: sectorSize, limit: Int.max)
        miniFAT = stride(from: 0, to: miniFATSectors.count - 3, by: 4).map { Self.uint32(miniFATSectors, $0) }
    }

    /// The bytes of the stream called `name` (case-insensitive), or nil when there is none.
    func stream(named name: String) throws(Failure) -> [UInt8]? {
        guard let entry = entries.first(where: { $0.type == 2 && $0.name.caseInsensitiveCompare(name) == .orderedSame }) else { return nil }
        if entry.size < miniStreamCutoff {
            var output: [UInt8] = []
            var sector = entry.start
            var visited = Set<UInt32>()
            while sector != Self.endOfChain, output.count < entry.size {
                guard Int(sector) < miniFAT.count, visited.insert(sector).inserted else { throw Failure(description: "broken mini sector chain") }
                let offset = Int(sector) * miniSectorSize
                guard offset + miniSectorSize <= miniStream.count else { throw Failure(description: "mini sector outside the mini stream") }
                output += miniStream[offset..<offset + miniSectorSize]
                sector = miniFAT[Int(sector)]
            }
            return Array(output.prefix(entry.size))
        }
        return try Self.chain(from: entry.start, fat: fat, bytes: bytes, sectorSize: sectorSize, limit: entry.size)
    }

    /// The bytes of the sector chain starting at `start`, cut to `limit` bytes.
    private static func chain(from start: UInt32, fat: [UInt32], bytes: [UInt8], sectorSize: Int, limit: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        var sector = start
        var visited = Set<UInt32>()
        while sector != endOfChain, sector != freeSector, output.count < limit {
            guard Int(sector) < fat.count, visited.insert(sector).inserted else { throw Failure(description: "broken sector chain") }
            let offset = (Int(sector) + 1) * sectorSize
            guard offset + sectorSize <= bytes.count else {
                // The last sector of a file may be cut short.
                if offset < bytes.count { output += bytes[offset...] }
                break
            }
            output += bytes[offset..<offset + sectorSize]
            sector = fat[Int(sector)]
        }
        return limit == Int.max ? output : Array(output.prefix(limit))
    }

    static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
