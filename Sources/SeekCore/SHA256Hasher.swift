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
    #if canImport(CryptoKit)
    private var hasher = CryptoKit.SHA256()
    #else
    private let context: OpaquePointer
    #endif

    init() {
        #if !canImport(CryptoKit)
        // Allocation fails only when memory is exhausted; libcrypto's default provider always has SHA-256.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
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
        return digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
