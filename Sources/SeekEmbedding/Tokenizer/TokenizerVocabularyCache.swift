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
/// never stale. Entries are sealed (`CacheEntryFile`): a file that is truncated, damaged or of
/// another format is ignored, the tokenizer decoded from JSON and the entry written again. A
/// read-only or missing cache directory only costs the JSON decoding. Seek puts these files under
/// the model cache root (`models/.tokenizers/`), never into a model directory the user pointed at.
///
/// Payload (little-endian): the magic `SEEKVOCAB2`, the entry count (UInt32), then per entry in
/// UTF-8 byte order of its text (`SortedVocabulary`'s order, so loading sorts nothing): its id
/// (Int32), the byte length of its text (UInt32) and the text. (`SEEKVOCAB1`, in id order, is
/// simply not read: that tokenizer is decoded from JSON once more and its entry rewritten.)
package struct TokenizerVocabularyCache: Sendable {
    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    package static let magic = Data("SEEKVOCAB2".utf8)
    /// A vocabulary larger than this is refused (the tokenizer's own limit on ids is 10 million).
    static let maxEntries = 10_000_000
    /// A larger entry is not read (all-MiniLM-L6-v2's has 445 KB).
    static let maxPayloadBytes = 256 << 20

    /// The cache file for a `tokenizer.json` whose bytes have SHA-256 `tokenizerSHA256`.
    package func fileURL(tokenizerSHA256: String) -> URL {
        directory.appendingPathComponent("\(tokenizerSHA256).vocabulary")
    }

    /// The vocabulary recorded for the tokenizer with SHA-256 `tokenizerSHA256`, or nil when there
    /// is no entry or it cannot be trusted (unreadable, truncated, damaged, another format).
    package func vocabulary(tokenizerSHA256: String) -> SortedVocabulary? {
        CacheEntryFile.sealedPayload(of: fileURL(tokenizerSHA256: tokenizerSHA256), maxPayloadBytes: Self.maxPayloadBytes)
            .flatMap(Self.decode)
    }

    /// Records `vocabulary` for the tokenizer with SHA-256 `tokenizerSHA256`; failures are ignored.
    package func record(_ vocabulary: SortedVocabulary, tokenizerSHA256: String) {
        guard let payload = Self.encode(vocabulary) else { return }
        CacheEntryFile.writeSealed(payload, to: fileURL(tokenizerSHA256: tokenizerSHA256))
    }

    /// The payload for `vocabulary`, entries in its (byte) order, so equal vocabularies give equal
    /// files; nil when it is too large for the format.
    package static func encode(_ vocabulary: SortedVocabulary) -> Data? {
        guard vocabulary.count <= maxEntries else { return nil }
        var data = magic
        data.reserveCapacity(magic.count + 4 + vocabulary.count * 16)
        data.appendLittleEndian(UInt32(vocabulary.count))
        for index in 0..<vocabulary.count {
            let spelling = vocabulary.spelling(index)
            data.appendLittleEndian(UInt32(bitPattern: vocabulary.ids[index]))
            data.appendLittleEndian(UInt32(spelling.count))
            data.append(contentsOf: spelling)
        }
        return data
    }

    /// The vocabulary in `payload`, or nil unless it is a complete one: right magic, every length
    /// within the payload and nothing after the last entry, valid UTF-8, entries in strictly
    /// increasing byte order (so no token twice).
    package static func decode(_ payload: Data) -> SortedVocabulary? {
        var reader = LittleEndianReader(payload)
        guard reader.bytes(count: magic.count).map({ Data($0) == magic }) == true,
              let count = reader.uint32(), Int(count) <= maxEntries, Int(count) <= payload.count / 8 else { return nil }
        var spellings: [UInt8] = []
        spellings.reserveCapacity(payload.count - 8 * Int(count))
        var starts: [Int32] = [0]
        starts.reserveCapacity(Int(count) + 1)
        var ids: [Int32] = []
        ids.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let id = reader.uint32(), let length = reader.uint32(), let text = reader.bytes(count: Int(length)) else { return nil }
            ids.append(Int32(bitPattern: id))
            spellings += text
            starts.append(Int32(spellings.count))
        }
        guard reader.isAtEnd else { return nil }
        return SortedVocabulary(spellings: spellings, starts: starts, ids: ids)
    }
}
