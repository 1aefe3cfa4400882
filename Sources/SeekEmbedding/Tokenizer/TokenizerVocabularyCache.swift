import Foundation
import SeekCore

/// The vocabulary of a `tokenizer.json` kept between processes in a compact binary file, so that
/// every `seek` process does not pay for decoding it as JSON again.
///
/// Decoding all-MiniLM-L6-v2's 30,522-entry `model.vocab` with `JSONDecoder` takes ~40 ms — a
/// quarter of a whole `seek search` — while the rest of the file decodes in ~3 ms. Read from this
/// cache, the vocabulary takes a few milliseconds. Hand-written because no library here keeps a
/// string-to-id table in a form that loads faster than JSON.
///
/// A cache file is named by the SHA-256 of the `tokenizer.json` bytes it was decoded from
/// (`<directory>/<sha256>.vocabulary`): a changed tokenizer has another name, so an entry is
/// never stale. The file ends with the SHA-256 of everything before it; a file that is truncated,
/// damaged or of another format is ignored (the tokenizer is decoded from JSON and the entry
/// written again). Writing is best effort and atomic (a temporary file renamed into place): a
/// read-only or missing cache directory only costs the JSON decoding. Seek puts these files under
/// the model cache root (`models/.tokenizers/`), never into a model directory the user pointed at.
///
/// Layout (little-endian): the magic `SEEKVOCAB1`, the entry count (UInt32), then per entry its
/// id (Int32), the byte length of its UTF-8 text (UInt32) and the text; then the digest.
package struct TokenizerVocabularyCache: Sendable {
    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    package static let magic = Data("SEEKVOCAB1".utf8)
    /// A vocabulary larger than this is refused (the tokenizer's own limit on ids is 10 million).
    static let maxEntries = 10_000_000
    private static let digestBytes = 64
    /// A larger file is not read (all-MiniLM-L6-v2's entry has 445 KB).
    static let maxFileBytes = 256 << 20

    /// The cache file for a `tokenizer.json` whose bytes have SHA-256 `tokenizerSHA256`.
    package func fileURL(tokenizerSHA256: String) -> URL {
        directory.appendingPathComponent("\(tokenizerSHA256).vocabulary")
    }

    /// The vocabulary recorded for the tokenizer with SHA-256 `tokenizerSHA256`, or nil when there
    /// is no entry or it cannot be trusted (unreadable, truncated, damaged, another format).
    package func vocabulary(tokenizerSHA256: String) -> [String: Int32]? {
        guard let data = CacheEntryFile.contents(of: fileURL(tokenizerSHA256: tokenizerSHA256), maxBytes: Self.maxFileBytes) else { return nil }
        return Self.decode(data)
    }

    /// Records `vocabulary` for the tokenizer with SHA-256 `tokenizerSHA256`; failures are ignored.
    package func record(_ vocabulary: [String: Int32], tokenizerSHA256: String) {
        guard let data = Self.encode(vocabulary) else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? data.write(to: fileURL(tokenizerSHA256: tokenizerSHA256), options: .atomic)
    }

    /// The file contents for `vocabulary`, entries in id order (then text) so equal vocabularies
    /// give equal files; nil when it is too large for the format.
    package static func encode(_ vocabulary: [String: Int32]) -> Data? {
        guard vocabulary.count <= maxEntries else { return nil }
        var data = magic
        data.reserveCapacity(magic.count + 4 + vocabulary.count * 16 + digestBytes)
        append(UInt32(vocabulary.count), to: &data)
        for (token, id) in vocabulary.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            let bytes = Data(token.utf8)
            guard bytes.count <= Int(UInt32.max) else { return nil }
            append(UInt32(bitPattern: id), to: &data)
            append(UInt32(bytes.count), to: &data)
            data.append(bytes)
        }
        data.append(digest(of: data))
        return data
    }

    /// The vocabulary in `data`, or nil unless it is a complete, undamaged cache file: right magic,
    /// digest matching, every length within the file, valid UTF-8, no token twice.
    package static func decode(_ data: Data) -> [String: Int32]? {
        let bytes = [UInt8](data)
        guard bytes.count >= magic.count + 4 + digestBytes, bytes.starts(with: magic) else { return nil }
        let bodyEnd = bytes.count - digestBytes
        guard [UInt8](digest(of: Data(bytes[..<bodyEnd]))) == Array(bytes[bodyEnd...]) else { return nil }
        var offset = magic.count
        func readUInt32() -> UInt32? {
            guard offset + 4 <= bodyEnd else { return nil }
            defer { offset += 4 }
            return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        }
        guard let count = readUInt32(), Int(count) <= maxEntries else { return nil }
        var vocabulary = [String: Int32](minimumCapacity: Int(count))
        for _ in 0..<count {
            guard let id = readUInt32(), let length = readUInt32(), offset + Int(length) <= bodyEnd else { return nil }
            guard let token = String(validating: bytes[offset..<(offset + Int(length))], as: UTF8.self) else { return nil }
            offset += Int(length)
            guard vocabulary.updateValue(Int32(bitPattern: id), forKey: token) == nil else { return nil }
        }
        return offset == bodyEnd ? vocabulary : nil
    }

    private static func append(_ value: UInt32, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func digest(of data: Data) -> Data {
        Data(ContentHash.sha256Hex(data).utf8)
    }
}
