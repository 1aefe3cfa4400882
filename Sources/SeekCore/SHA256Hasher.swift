import Foundation
#if canImport(CryptoKit)
import CryptoKit
#else
import CLibcrypto
#endif

/// An incremental SHA-256: `update` with the bytes in order, then `finalizeHex` once.
///
/// On Linux it runs OpenSSL's libcrypto (the system's, with its SHA extensions code paths)
/// rather than swift-crypto, which would compile a private copy of BoringSSL — 359 C files,
/// about a minute of every clean build — for this one digest. On macOS it runs CryptoKit.
final class SHA256Hasher {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    #if canImport(CryptoKit)
    private var hasher = CryptoKit.SHA256()
    #else
    private let context: OpaquePointer
    #endif

    init() {
        #if !canImport(CryptoKit)
        // Allocation fails only when memory is exhausted; libcrypto's default provider always has SHA-256.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, FetchedSHA256.shared.digest ?? EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto cannot start a SHA-256 digest")
        }
        self.context = context
        #endif
    }

    deinit {
        #if !canImport(CryptoKit)
        EVP_MD_CTX_free(context)
        #endif
    }

    func update(_ data: Data) {
        #if canImport(CryptoKit)
        hasher.update(data: data)
        #else
        data.withUnsafeBytes { raw in
            _ = EVP_DigestUpdate(context, raw.baseAddress, raw.count)
        }
        #endif
    }

    /// The digest as 64 lowercase hex digits. Call once.
    func finalizeHex() -> String {
        #if canImport(CryptoKit)
        let digest = Array(hasher.finalize())
        #else
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &digest, &length)
        digest.removeSubrange(Int(length)...)
        #endif
        // Two digits per byte from a table: `String(byte, radix: 16)` and `joined()` per byte cost
        // more than the digest of a short chunk text.
        let digits = Self.hexDigits
        var hex = [UInt8]()
        hex.reserveCapacity(digest.count * 2)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

#if !canImport(CryptoKit)
/// SHA-256 fetched from libcrypto's default provider once per process. With `EVP_sha256()`,
/// OpenSSL 3 fetches the implementation again in every `EVP_DigestInit_ex` (a provider lookup
/// under a lock), once per file and per chunk text of an indexing run.
private struct FetchedSHA256: @unchecked Sendable {
    /// Immutable once fetched and safe to share across threads (OpenSSL's fetched objects are);
    /// nil if the fetch failed, and `EVP_sha256()` is used instead.
    let digest: OpaquePointer?

    static let shared = FetchedSHA256(digest: EVP_MD_fetch(nil, "SHA256", nil))
}
#endif
