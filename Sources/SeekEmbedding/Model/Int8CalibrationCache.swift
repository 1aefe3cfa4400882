import Foundation
import SeekCore

/// int8 mode's calibration peaks (`Int8Calibration`) kept between processes, so that a process
/// loading the model in int8 — every pool worker, every `seek search --precision int8` — does
/// not load the fp32 weights a second time and run the calibration pass again (~50–100 ms each).
/// Hand-written because the peaks are 16 k floats that no library here stores more simply.
///
/// A cache file is named by the SHA-256 of the verified weights and `Int8Calibration.method`
/// (`<directory>/<weights sha256>-<method>.peaks`): other weights or another calibration (its
/// texts, its version) have another name. It holds the four peak tables as little-endian
/// Float32 after a header (`SEEKPEAKS1`, then layers, hidden and intermediate sizes as UInt32)
/// and ends with the SHA-256 of everything before it (64 hex digits). A file that is damaged,
/// truncated, of other dimensions or holding a value that is negative or not finite is ignored
/// (the pass runs and the entry is written again). Writing is best effort and atomic.
///
/// Every process of a machine then smooths with the same peaks (the first one's), so pool
/// workers quantize identically even when one of them started after the cache was written.
package struct Int8CalibrationCache: Sendable {
    package let directory: URL

    package static let magic = Data("SEEKPEAKS1".utf8)
    private static let digestBytes = 64

    package init(directory: URL) {
        self.directory = directory
    }

    /// The cache file for weights with SHA-256 `weightsSHA256`.
    package func fileURL(weightsSHA256: String) -> URL {
        directory.appendingPathComponent("\(weightsSHA256)-\(Int8Calibration.method).peaks")
    }

    /// The peaks recorded for these weights, when the entry is whole and of the model's dimensions.
    package func peaks(weightsSHA256: String, layers: Int, hidden: Int, intermediate: Int) -> ActivationPeaks? {
        let size = Self.magic.count + 12 + 4 * layers * (3 * hidden + intermediate) + Self.digestBytes
        guard let data = CacheEntryFile.contents(of: fileURL(weightsSHA256: weightsSHA256), maxBytes: size) else { return nil }
        return Self.decode(data, layers: layers, hidden: hidden, intermediate: intermediate)
    }

    /// Records `peaks` for these weights; failures are ignored.
    package func record(_ peaks: ActivationPeaks, weightsSHA256: String) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? Self.encode(peaks).write(to: fileURL(weightsSHA256: weightsSHA256), options: .atomic)
    }

    package static func encode(_ peaks: ActivationPeaks) -> Data {
        let tables = [peaks.qkvInput, peaks.attentionOutputInput, peaks.feedForwardInput, peaks.feedForwardDownInput]
        var data = magic
        for size in [peaks.qkvInput.count, peaks.qkvInput.first?.count ?? 0, peaks.feedForwardDownInput.first?.count ?? 0] {
            withUnsafeBytes(of: UInt32(size).littleEndian) { data.append(contentsOf: $0) }
        }
        for value in tables.joined().joined() {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        data.append(Data(ContentHash.sha256Hex(data).utf8))
        return data
    }

    /// The peaks in `data`, or nil unless it is a whole, undamaged entry of exactly these
    /// dimensions whose every value is finite and not negative.
    package static func decode(_ data: Data, layers: Int, hidden: Int, intermediate: Int) -> ActivationPeaks? {
        let bytes = [UInt8](data)
        let header = magic.count + 12
        let valueCount = layers * (3 * hidden + intermediate)
        guard layers > 0, hidden > 0, intermediate > 0, bytes.count == header + 4 * valueCount + digestBytes,
              bytes.starts(with: magic) else { return nil }
        let bodyEnd = bytes.count - digestBytes
        guard Data(ContentHash.sha256Hex(Data(bytes[..<bodyEnd])).utf8) == Data(bytes[bodyEnd...]) else { return nil }
        func uint32(at offset: Int) -> UInt32 {
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        }
        guard [uint32(at: magic.count), uint32(at: magic.count + 4), uint32(at: magic.count + 8)]
                == [UInt32(layers), UInt32(hidden), UInt32(intermediate)] else { return nil }
        var offset = header
        func table(width: Int) -> [[Float]]? {
            var rows: [[Float]] = []
            for _ in 0..<layers {
                var row = [Float](repeating: 0, count: width)
                for column in 0..<width {
                    let value = Float(bitPattern: uint32(at: offset))
                    guard value.isFinite, value >= 0 else { return nil }
                    row[column] = value
                    offset += 4
                }
                rows.append(row)
            }
            return rows
        }
        guard let qkv = table(width: hidden), let attentionOutput = table(width: hidden), let feedForward = table(width: hidden),
              let feedForwardDown = table(width: intermediate) else { return nil }
        return ActivationPeaks(qkvInput: qkv, attentionOutputInput: attentionOutput, feedForwardInput: feedForward,
                               feedForwardDownInput: feedForwardDown)
    }
}
