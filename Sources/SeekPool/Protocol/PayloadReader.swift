/// Reads little-endian values from a frame payload, checking every read against the bytes left,
/// so no count taken from the payload can make it read out of bounds or allocate beyond them.
struct PayloadReader {
    private let bytes: [UInt8]
    private var offset = 0
    /// The message type, for error messages.
    private let kind: String

    init(_ bytes: [UInt8], kind: String) {
        self.bytes = bytes
        self.kind = kind
    }

    var remaining: Int { bytes.count - offset }

    func malformed(_ reason: String) -> WorkerProtocolError {
        .malformedPayload(kind: kind, reason: reason)
    }

    /// Throws unless `count` more bytes are present.
    func require(_ count: Int, for what: String) throws(WorkerProtocolError) {
        guard count >= 0, count <= remaining else {
            throw malformed("\(what) needs \(count) bytes, \(remaining) left")
        }
    }

    mutating func uint32(_ what: String) throws(WorkerProtocolError) -> UInt32 {
        try require(4, for: what)
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << UInt32(8 * index) }
        offset += 4
        return value
    }

    mutating func uint64(_ what: String) throws(WorkerProtocolError) -> UInt64 {
        let low = try uint32(what)
        let high = try uint32(what)
        return UInt64(low) | UInt64(high) << 32
    }

    mutating func int32(_ what: String) throws(WorkerProtocolError) -> Int32 {
        Int32(bitPattern: try uint32(what))
    }

    /// A count, checked against `limit`.
    mutating func count(_ what: String, limit: Int) throws(WorkerProtocolError) -> Int {
        let value = Int(try uint32(what))
        guard value <= limit else { throw malformed("\(what) is \(value), the limit is \(limit)") }
        return value
    }

    mutating func string(_ what: String) throws(WorkerProtocolError) -> String {
        let length = try count("\(what) length", limit: WorkerProtocol.maxStringBytes)
        try require(length, for: what)
        let slice = bytes[offset..<offset + length]
        offset += length
        guard let text = String(validating: slice, as: UTF8.self) else { throw malformed("\(what) is not valid UTF-8") }
        return text
    }

    /// `count` Int32 values (the caller has checked the count against `remaining`).
    mutating func int32Array(count: Int, _ what: String) throws(WorkerProtocolError) -> [Int32] {
        try require(count * 4, for: what)
        var values: [Int32] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try int32(what)) }
        return values
    }

    /// `count` Float32 values.
    mutating func floatArray(count: Int, _ what: String) throws(WorkerProtocolError) -> [Float] {
        try require(count * 4, for: what)
        var values: [Float] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(Float(bitPattern: try uint32(what))) }
        return values
    }

    /// Throws when bytes are left over after the last field.
    func finish() throws(WorkerProtocolError) {
        guard remaining == 0 else { throw malformed("\(remaining) unexpected bytes after the last field") }
    }
}
