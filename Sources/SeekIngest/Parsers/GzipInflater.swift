import CZlibInflate
import Foundation

/// Decompresses gzip data (RFC 1952, several members allowed) through zlib, with a limit on the
/// decompressed size, behind a safe API.
enum GzipInflater {
    /// Why the data could not be decompressed.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// zlib reported the stream as damaged (bad header, bad data, checksum mismatch).
        case damaged(String)
        /// The data ends before the end of the compressed stream.
        case truncated
        /// The decompressed data grew past the limit.
        case tooLarge(limitBytes: Int)

        var description: String {
            switch self {
            case .damaged(let message): "damaged gzip data (\(message))"
            case .truncated: "truncated gzip data (the compressed stream ends early)"
            case .tooLarge(let limit): "decompresses to more than \(limit) bytes (the size limit)"
            }
        }
    }

    /// The decompressed bytes of `data`; throws `Failure` (damaged, truncated, over `maxBytes`).
    static func inflate(_ data: Data, maxBytes: Int) throws(Failure) -> Data {
        var input = [UInt8](data)
        var output = Data()
        var failure: Failure?
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var stream = z_stream()
            // 15 + 16: a gzip wrapper (not zlib, not raw deflate), with the largest window.
            guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                failure = .damaged("zlib could not start")
                return
            }
            defer { inflateEnd(&stream) }
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkBuffer.count)
                    let status = CZlibInflate.inflate(&stream, Z_NO_FLUSH)
                    output.append(chunkBuffer.baseAddress!, count: chunkBuffer.count - Int(stream.avail_out))
                    return status
                }
                if output.count > maxBytes {
                    failure = .tooLarge(limitBytes: maxBytes)
                    return
                }
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    // Another gzip member may follow (concatenated .gz files); zero padding after
                    // the last member is ignored, as gzip does.
                    let consumed = inputBuffer.count - Int(stream.avail_in)
                    guard stream.avail_in > 0, inputBuffer[consumed...].contains(where: { $0 != 0 }) else { return }
                    guard inflateReset(&stream) == Z_OK else { return }
                case Z_BUF_ERROR:
                    failure = .truncated
                    return
                default:
                    failure = .damaged(stream.msg.map { String(cString: $0) } ?? "zlib status \(status)")
                    return
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
