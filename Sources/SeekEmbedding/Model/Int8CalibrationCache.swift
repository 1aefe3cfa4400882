import Foundation
import SeekCore

/// int8 mode's calibration peaks (`Int8Calibration`) kept between processes, so that a process
/// loading the model in int8 — every pool worker, every `seek search --precision int8` — does
/// not load the fp32 weights a second time and run the calibration pass again (~50–100 ms each).
/// Hand-written because the peaks are 16 k floats that no library here stores more simply.
///
/// A cache file is named by the SHA-256 of the verified weights and `Int8Calibration.method`
/// (`<directory>/<weights sha256>-<method>.peaks`): other weights or another calibration (its
/// texts, its version) have another name. The sealed payload (`CacheEntryFile`) holds the magic
/// `SEEKPEAKS1`, the layers, hidden and intermediate sizes (UInt32), then the four peak tables
/// as little-endian Float32. An entry that is damaged, truncated, of other dimensions or holding
/// a value that is negative or not finite is ignored (the pass runs and the entry is written
/// again).
///
/// Every process of a machine then smooths with the same peaks (the first one's), so pool
/// workers quantize identically even when one of them started after the cache was written.
package struct Int8CalibrationCache: Sendable {
    package let directory: URL

    package static let magic = Data("SEEKPEAKS1".utf8)

    package init(directory: URL) {
        self.directory = directory
    }

    /// The cache file for weights with SHA-256 `weightsSHA256`.
    package func fileURL(weightsSHA256: String) -> URL {
        directory.appendingPathComponent("\(weightsSHA256)-\(Int8Calibration.method).peaks")
    }

    /// The peaks recorded for these weights, when the entry is whole and of the model's dimensions.
    package func peaks(weightsSHA256: String, layers: Int, hidden: Int, intermediate: Int) -> ActivationPeaks? {
        let payloadBytes = Self.magic.count + 12 + 4 * layers * (3 * hidden + intermediate)
        return CacheEntryFile.sealedPayload(of: fileURL(weightsSHA256: weightsSHA256), maxPayloadBytes: payloadBytes)
            .flatMap { Self.decode($0, layers: layers, hidden: hidden, intermediate: intermediate) }
    }

    /// Records `peaks` for these weights; failures are ignored.
    package func record(_ peaks: ActivationPeaks, weightsSHA256: String) {
        CacheEntryFile.writeSealed(Self.encode(peaks), to: fileURL(weightsSHA256: weightsSHA256))
    }

    /// The payload for `peaks`.
    package static func encode(_ peaks: ActivationPeaks) -> Data {
        var data = magic
        for size in [peaks.qkvInput.count, peaks.qkvInput.first?.count ?? 0, peaks.feedForwardDownInput.first?.count ?? 0] {
            data.appendLittleEndian(UInt32(size))
        }
        let tables = [peaks.qkvInput, peaks.attentionOutputInput, peaks.feedForwardInput, peaks.feedForwardDownInput]
        for value in tables.joined().joined() {
            data.appendLittleEndian(value.bitPattern)
        }
        return data
    }

    /// The peaks in `payload`, or nil unless it is a whole one of exactly these dimensions whose
    /// every value is finite and not negative.
    package static func decode(_ payload: Data, layers: Int, hidden: Int, intermediate: Int) -> ActivationPeaks? {
        var reader = LittleEndianReader(payload)
        guard layers > 0, hidden > 0, intermediate > 0, reader.bytes(count: magic.count).map({ Data($0) == magic }) == true,
              [reader.uint32(), reader.uint32(), reader.uint32()] == [UInt32(layers), UInt32(hidden), UInt32(intermediate)]
        else { return nil }
        func table(width: Int) -> [[Float]]? {
            var rows: [[Float]] = []
            for _ in 0..<layers {
                var row: [Float] = []
                row.reserveCapacity(width)
                for _ in 0..<width {
                    guard let bits = reader.uint32() else { return nil }
                    let value = Float(bitPattern: bits)
                    guard value.isFinite, value >= 0 else { return nil }
                    row.append(value)
                }
                rows.append(row)
            }
            return rows
        }
        guard let qkv = table(width: hidden), let attentionOutput = table(width: hidden), let feedForward = table(width: hidden),
              let feedForwardDown = table(width: intermediate), reader.isAtEnd else { return nil }
        return ActivationPeaks(qkvInput: qkv, attentionOutputInput: attentionOutput, feedForwardInput: feedForward,
                               feedForwardDownInput: feedForwardDown)
    }
}
