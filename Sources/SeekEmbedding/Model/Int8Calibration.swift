import SeekCore
import SeekKernels

/// The fp32 pass that int8 mode's smoothing is set from: a fixed set of texts of the kinds Seek
/// indexes (prose, notes, code, tables, URLs, numbers, other scripts), encoded once at model
/// load, recording each int8 projection's per-channel input peaks. BERT's outlier channels are
/// properties of the model, not of the text, so a few hundred tokens find them; the pass takes
/// ~50–100 ms, once per machine when an `Int8CalibrationCache` keeps its result.
package enum Int8Calibration {
    static let texts: [String] = [
        "The boundary layer separates from the wing surface when the adverse pressure gradient grows too steep.",
        "Meeting notes, 3 March: ship the indexer on Friday; Alice reviews the chunker; Bob owns the release.",
        "func merge(_ left: [Int], _ right: [Int]) -> [Int] { var result: [Int] = []; result.reserveCapacity(left.count + right.count) }",
        "SELECT name, COUNT(*) FROM files WHERE status = 'failed' GROUP BY name ORDER BY 2 DESC LIMIT 10;",
        "| quarter | revenue | growth |\n| Q1 | 1,204,331 | 4.2% |\n| Q2 | 1,377,902 | 14.4% |",
        "See https://example.org/docs/install?version=2.6#linux for the full installation guide and the FAQ.",
        "Pour 200 ml of milk into the saucepan, add two eggs, a pinch of salt, and whisk until smooth.",
        "Der schnelle braune Fuchs springt über den faulen Hund. Le renard brun saute par-dessus le chien paresseux.",
        "東京は日本の首都です。人口は約1400万人です。",
        "ERROR 2026-11-30T14:02:11Z worker[4821]: out of memory while embedding batch 37 (2,048 tokens); restarting",
        "Theorem 2. For every ε > 0 there exists δ > 0 such that |f(x) − f(y)| < ε whenever |x − y| < δ.",
        "I can't believe it's already December!!! 🎄 Let's meet at 7pm?",
        "- [ ] renew passport\n- [x] call the bank about the mortgage rate\n- [ ] book flights to Lisbon",
        "The patient presented with acute dyspnoea, tachycardia (HR 118) and bilateral crackles on auscultation.",
        "import numpy as np\nx = np.linspace(0, 1, 101)\ny = np.sin(2 * np.pi * x)\nprint(y.max())",
        "Shall I compare thee to a summer's day? Thou art more lovely and more temperate.",
    ]

    /// Names this calibration in cache entries: its version and a digest of its texts, so that a
    /// change to either is never served an older pass's peaks.
    package static let method = "v1-" + ContentHash.sha256Hex(texts.joined(separator: "\u{0}")).prefix(16)

    /// The calibration peaks for the weights in `file` (SHA-256 `weightsSHA256`): from `cache`
    /// when it has them, else measured (`peaks(file:configuration:tokenizer:)`) and recorded there.
    static func peaks(file: SafetensorsFile, configuration: BertConfiguration, tokenizer: WordPieceTokenizer,
                      weightsSHA256: String, cache: Int8CalibrationCache?) throws -> ActivationPeaks {
        if let cached = cache?.peaks(weightsSHA256: weightsSHA256, layers: configuration.layerCount,
                                     hidden: configuration.hiddenSize, intermediate: configuration.intermediateSize) {
            return cached
        }
        let measured = try peaks(file: file, configuration: configuration, tokenizer: tokenizer)
        cache?.record(measured, weightsSHA256: weightsSHA256)
        return measured
    }

    /// The per-channel input peaks of every int8 projection over the calibration texts, with the
    /// fp32 weights of the same file.
    package static func peaks(file: SafetensorsFile, configuration: BertConfiguration, tokenizer: WordPieceTokenizer) throws -> ActivationPeaks {
        let weights = try BertWeights(file: file, configuration: configuration, precision: .fp32)
        let encoder = BertEncoder(weights: weights)
        let peaks = ActivationPeaks(layers: configuration.layerCount, hidden: configuration.hiddenSize, intermediate: configuration.intermediateSize)
        encoder.peaks = peaks
        _ = try encoder.encode(texts.map { tokenizer.encode($0) })
        return peaks
    }
}
