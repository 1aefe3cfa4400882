import Foundation
import SeekPool
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct WorkerProtocolTests {
    static let messages: [WorkerMessage] = [
        .ready(WorkerHandshake(pid: 4242, modelID: "sentence-transformers/all-MiniLM-L6-v2", dimension: 384, maxTokens: 256, threads: 2)),
        .ready(WorkerHandshake(pid: 7, modelID: "m", dimension: 8, maxTokens: 16, threads: 1, precision: "bf16",
                               gemm: "onednn 2.6.3 (avx2), 1 thread, known-answer check passed")),
        .embed(EmbedRequest(batchID: 7, sequences: [[101, 7592, 2088, 102], [101, 102], [101, -5, Int32.max, 102]])),
        .embed(EmbedRequest(batchID: UInt64.max, sequences: [])),
        .embedded(EmbedResponse(batchID: 7, tokenCounts: [4, 2], vectors: [[0.25, -1.5, .pi], [-0.0, 1e-30, -3e7]])),
        .embedded(EmbedResponse(batchID: 0, tokenCounts: [], vectors: [])),
        .failed(batchID: 99, message: "invalid embedding input: token id 40000 — « hors vocabulaire » 🚫"),
    ]

    @Test func everyMessageRoundTrips() throws {
        for message in Self.messages {
            let frame = WorkerProtocol.encode(message)
            let (decoded, consumed) = try WorkerProtocol.decode(frame)
            #expect(decoded == message)
            #expect(consumed == frame.count)
        }
    }

    @Test func headerCarriesMagicVersionTypeAndLength() throws {
        let frame = WorkerProtocol.encode(.failed(batchID: 1, message: "x"))
        #expect(Array(frame[0..<4]) == [0x53, 0x4B, WorkerProtocol.version, WorkerMessage.Kind.failed.rawValue])
        // batch id (8) + string length (4) + "x" (1)
        #expect(Array(frame[4..<8]) == [13, 0, 0, 0])
        #expect(frame.count == 8 + 13)
    }

    @Test func framesFollowingEachOtherDecodeOneByOne() throws {
        let bytes = Self.messages.flatMap(WorkerProtocol.encode)
        var offset = 0
        var decoded: [WorkerMessage] = []
        while offset < bytes.count {
            let (message, consumed) = try WorkerProtocol.decode(Array(bytes[offset...]))
            decoded.append(message)
            offset += consumed
        }
        #expect(decoded == Self.messages)
    }

    @Test func everyTruncationIsReportedAsTruncated() {
        for message in Self.messages {
            let frame = WorkerProtocol.encode(message)
            for length in 0..<frame.count {
                #expect(throws: WorkerProtocolError.truncated(expectedBytes: length < 8 ? 8 : frame.count, receivedBytes: length)) {
                    _ = try WorkerProtocol.decode(Array(frame.prefix(length)))
                }
            }
        }
    }

    @Test func badHeadersAreNamed() {
        var frame = WorkerProtocol.encode(.failed(batchID: 1, message: "x"))
        frame[0] = 0x7B
        #expect(throws: WorkerProtocolError.badMagic([0x7B, 0x4B])) { _ = try WorkerProtocol.decode(frame) }
        frame = WorkerProtocol.encode(.failed(batchID: 1, message: "x"))
        frame[2] = 9
        #expect(throws: WorkerProtocolError.unsupportedVersion(9)) { _ = try WorkerProtocol.decode(frame) }
        frame[2] = WorkerProtocol.version
        frame[3] = 200
        #expect(throws: WorkerProtocolError.unknownMessageType(200)) { _ = try WorkerProtocol.decode(frame) }
        let text = Array("{\"text\": \"hello\"}\n".utf8)
        #expect(throws: WorkerProtocolError.badMagic([0x7B, 0x22])) { _ = try WorkerProtocol.decode(text) }
        #expect(WorkerProtocolError.badMagic([0x7B, 0x22]).description.contains("7b 22"))
    }

    @Test func oversizedLengthIsRefusedBeforeAnyAllocation() throws {
        // Announces 4 GiB - 1: refused from the header alone, whatever follows.
        let header: [UInt8] = [0x53, 0x4B, WorkerProtocol.version, WorkerMessage.Kind.embed.rawValue, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: WorkerProtocolError.frameTooLarge(bytes: 0xFFFF_FFFF, limit: WorkerProtocol.maxPayloadBytes)) {
            _ = try WorkerProtocol.decode(header + [1, 2, 3])
        }
        #expect(throws: WorkerProtocolError.frameTooLarge(bytes: 0xFFFF_FFFF, limit: WorkerProtocol.maxPayloadBytes)) {
            _ = try FrameHeader(header)
        }
    }

    @Test func payloadCountsAreCheckedAgainstTheBytesPresent() {
        func frame(_ kind: WorkerMessage.Kind, _ payload: [UInt8]) -> [UInt8] {
            let length = UInt32(payload.count)
            return [0x53, 0x4B, WorkerProtocol.version, kind.rawValue] + (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + payload
        }
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let batch: [UInt8] = le32(5) + le32(0)
        let cases: [(WorkerMessage.Kind, [UInt8], String)] = [
            // A billion sequences announced in a 16-byte payload: over the cap.
            (.embed, batch + le32(1_000_000_000), "sequence count is 1000000000"),
            // 3 sequences announced, no lengths follow.
            (.embed, batch + le32(3), "3 sequence lengths needs 12 bytes"),
            // One sequence of 2 ids announced, 1 id present.
            (.embed, batch + le32(1) + le32(2) + le32(101), "add up to 2 token ids"),
            // 2 vectors of dimension 4 announced, 1 present.
            (.embedded, batch + le32(2) + le32(4) + le32(3) + le32(3) + [UInt8](repeating: 0, count: 16), "2 vectors of dimension 4"),
            (.embedded, batch + le32(1) + le32(0) + le32(3), "1 vectors of dimension 0"),
            // Bytes left after the last field.
            (.failed, batch + le32(1) + [0x41, 0x42], "1 unexpected bytes"),
            // Invalid UTF-8.
            (.failed, batch + le32(2) + [0xC3, 0x28], "not valid UTF-8"),
            (.ready, le32(1) + le32(384) + le32(256) + le32(1) + le32(50) + [0x41], "model id needs 50 bytes"),
        ]
        for (kind, payload, expected) in cases {
            do {
                _ = try WorkerProtocol.decode(frame(kind, payload))
                Issue.record("\(kind) payload of \(payload.count) bytes decoded")
            } catch {
                guard case .malformedPayload(let name, let reason) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(name == kind.description)
                #expect(reason.contains(expected), "\(reason)")
            }
        }
    }

    @Test func randomCorruptionThrowsAndNeverCrashes() {
        var generator = SeededGenerator(seed: 0x5EEC)
        let frames = Self.messages.map(WorkerProtocol.encode)
        var decodedOrThrew = 0
        for round in 0..<3000 {
            var frame = frames[round % frames.count]
            for _ in 0...(generator.next() % 4) {
                let index = Int(generator.next() % UInt64(frame.count))
                frame[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            if generator.next() % 3 == 0 { frame = Array(frame.prefix(Int(generator.next() % UInt64(frame.count + 1)))) }
            do {
                let (message, consumed) = try WorkerProtocol.decode(frame)
                #expect(consumed <= frame.count)
                // Whatever decodes is a well-formed message: it encodes and decodes to the same bytes.
                let encoded = WorkerProtocol.encode(message)
                #expect(WorkerProtocol.encode(try WorkerProtocol.decode(encoded).message) == encoded)
            } catch {
                #expect(!error.description.isEmpty)
            }
            decodedOrThrew += 1
        }
        #expect(decodedOrThrew == 3000)
    }

    @Test func frameReaderReadsAPipeUntilItsCleanEnd() throws {
        let (readEnd, writeEnd) = try Self.pipe()
        defer { close(readEnd) }
        let bytes = Self.messages.flatMap(WorkerProtocol.encode)
        // Written from another thread in small pieces, so frames arrive split across reads.
        let writer = Thread {
            var offset = 0
            while offset < bytes.count {
                let count = min(7, bytes.count - offset)
                _ = bytes[offset..<offset + count].withUnsafeBytes { write(writeEnd, $0.baseAddress!, count) }
                offset += count
            }
            close(writeEnd)
        }
        writer.start()
        var reader = FrameReader(fileDescriptor: readEnd)
        var messages: [WorkerMessage] = []
        while let message = try reader.next() { messages.append(message) }
        #expect(messages == Self.messages)
        #expect(try reader.next() == nil)
    }

    @Test func frameReaderReportsAStreamEndingInsideAFrame() throws {
        let (readEnd, writeEnd) = try Self.pipe()
        defer { close(readEnd) }
        let frame = WorkerProtocol.encode(Self.messages[1])
        _ = frame.prefix(frame.count - 3).withUnsafeBytes { write(writeEnd, $0.baseAddress!, frame.count - 3) }
        close(writeEnd)
        var reader = FrameReader(fileDescriptor: readEnd)
        #expect(throws: WorkerProtocolError.truncated(expectedBytes: frame.count - 8, receivedBytes: frame.count - 11)) {
            _ = try reader.next()
        }
    }

    static func pipe() throws -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        let result = ends.withUnsafeMutableBufferPointer { Glibc.pipe($0.baseAddress!) }
        try #require(result == 0)
        return (ends[0], ends[1])
    }
}
