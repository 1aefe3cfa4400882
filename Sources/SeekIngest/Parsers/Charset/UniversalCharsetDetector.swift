import CUchardet

/// Mozilla's universal charset detector (uchardet) behind a safe API.
///
/// uchardet reads byte statistics of the CJK multi-byte encodings (Shift-JIS, EUC-JP, GB18030,
/// Big5, EUC-KR/UHC) and of the single-byte code pages of many languages (Windows-125x, KOI8-R,
/// ISO-8859-x...). The Debian 12 version (0.0.7) reports a charset name but no confidence, so
/// `TextDecoder` applies its own floor (the bytes must decode cleanly and read plausibly).
enum UniversalCharsetDetector {
    /// How many leading bytes are fed to the detector.
    static let sampleBytes = 65_536

    /// The charset uchardet names for `bytes` (upper case, as it reports them: "SHIFT_JIS",
    /// "WINDOWS-1251"...), or nil when it finds none (empty input, "ASCII" is reported as is).
    static func detect(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.isEmpty, let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let sample = bytes.prefix(sampleBytes)
        let status = sample.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                uchardet_handle_data(detector, characters.baseAddress, characters.count)
            }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let charset = String(cString: name)
        return charset.isEmpty ? nil : charset
    }
}
