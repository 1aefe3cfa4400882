#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Why a frame could not be read, decoded or written. Each case says what was expected.
public enum WorkerProtocolError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The stream or buffer ended inside a frame.
    case truncated(expectedBytes: Int, receivedBytes: Int)
    /// The frame does not start with the magic bytes "SK": not a Seek worker stream.
    case badMagic([UInt8])
    /// The peer speaks another protocol version.
    case unsupportedVersion(UInt8)
    /// The header names a message type this version does not know.
    case unknownMessageType(UInt8)
    /// The header announces a payload over the cap.
    case frameTooLarge(bytes: Int, limit: Int)
    /// The payload does not match its message type; `reason` says how.
    case malformedPayload(kind: String, reason: String)
    /// A valid frame arrived where another message type was expected.
    case unexpectedMessage(received: String, expected: String)
    /// A read or write system call failed with `errno` (EPIPE: the other side is gone).
    case io(operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .truncated(let expected, let received):
            "truncated frame: expected \(expected) bytes, the stream ended after \(received)"
        case .badMagic(let bytes):
            "not a worker frame: starts with \(bytes.map { String(format2: $0) }.joined(separator: " ")), expected 53 4b (\"SK\")"
        case .unsupportedVersion(let version):
            "unsupported protocol version \(version) (this side speaks \(WorkerProtocol.version))"
        case .unknownMessageType(let type):
            "unknown message type \(type)"
        case .frameTooLarge(let bytes, let limit):
            "frame of \(bytes) bytes exceeds the \(limit)-byte limit"
        case .malformedPayload(let kind, let reason):
            "malformed \(kind) payload: \(reason)"
        case .unexpectedMessage(let received, let expected):
            "unexpected \(received) message (expected \(expected))"
        case .io(let operation, let code):
            "\(operation) failed: \(Self.errnoName(code))"
        }
    }

    /// `EPIPE (Broken pipe)` style text for an errno value.
    static func errnoName(_ code: Int32) -> String {
        let names: [Int32: String] = [EPIPE: "EPIPE", EBADF: "EBADF", EIO: "EIO", EAGAIN: "EAGAIN", EINTR: "EINTR"]
        let text = String(cString: strerror(code))
        return names[code].map { "\($0) (\(text))" } ?? "errno \(code) (\(text))"
    }
}

private extension String {
    /// Two lowercase hex digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
