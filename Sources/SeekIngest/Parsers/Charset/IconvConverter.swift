import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes bytes in a named charset to a `String` through the C library's iconv, with every
/// invalid or truncated sequence turned into U+FFFD (one per bad byte) instead of failing.
///
/// Hand-written around iconv(3): Foundation on Linux decodes only a few legacy encodings, iconv
/// (glibc) decodes them all (Shift-JIS, GB18030, EUC-KR, Big5, KOI8-R, ISO-8859-x...).
enum IconvConverter {
    /// Why a charset could not be used.
    struct UnsupportedCharset: Error, CustomStringConvertible {
        /// The charset name that was asked for.
        var charset: String
        var description: String { "charset '\(charset)' is not supported by iconv" }
    }

    /// The text and how many bytes could not be decoded (each became U+FFFD).
    struct Decoded {
        var text: String
        var invalidBytes: Int
    }

    /// True when iconv knows `charset`.
    static func supports(_ charset: String) -> Bool {
        let handle = iconv_open("UTF-8", charset)
        guard handle != invalidHandle else { return false }
        iconv_close(handle)
        return true
    }

    /// Decodes `bytes` from `charset`; throws `UnsupportedCharset` when iconv does not know it.
    static func decode(_ bytes: ArraySlice<UInt8>, charset: String) throws(UnsupportedCharset) -> Decoded {
        let handle = iconv_open("UTF-8", charset)
        guard handle != invalidHandle else { throw UnsupportedCharset(charset: charset) }
        defer { iconv_close(handle) }
        var input = Array(bytes)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(input.count * 2)
        var invalidBytes = 0
        var output = [UInt8](repeating: 0, count: 16_384)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                guard let inputBase = inputBuffer.baseAddress, let outputBase = outputBuffer.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                while inLeft > 0 {
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBase).assumingMemoryBound(to: CChar.self)
                    var outLeft = outputBuffer.count
                    let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                    let produced = outputBuffer.count - outLeft
                    utf8.append(contentsOf: UnsafeBufferPointer(start: outputBase, count: produced))
                    if result != -1 { break }
                    switch errno {
                    case E2BIG:
                        continue
                    default:
                        // EILSEQ (invalid sequence) or EINVAL (truncated at the end): one U+FFFD per byte skipped.
                        utf8.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        invalidBytes += 1
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    }
                }
                // Flushes a stateful decoder (ISO-2022-JP) back to its initial state.
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                _ = iconv(handle, nil, nil, &outPointer, &outLeft)
                utf8.append(contentsOf: UnsafeBufferPointer(start: outputBase, count: outputBuffer.count - outLeft))
            }
        }
        return Decoded(text: String(decoding: utf8, as: UTF8.self), invalidBytes: invalidBytes)
    }

    /// iconv_open's failure value, `(iconv_t)-1`.
    private static var invalidHandle: iconv_t? { iconv_t(bitPattern: -1) }
}
