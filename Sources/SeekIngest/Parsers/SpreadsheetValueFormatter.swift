/// Formats spreadsheet cell numbers as text: integers without a fraction, shortest decimals, and
/// date-formatted serial numbers as ISO dates; converts between cell references and column indexes.
struct SpreadsheetValueFormatter {
    /// Cell style indexes whose format is a date or time.
    let dateStyleIndexes: Set<Int>
    /// True when the workbook counts days from 1904-01-01 instead of 1900.
    let uses1904DateSystem: Bool

    /// `raw` (a cell's `<v>` text) formatted for its style; unparseable text is returned as is.
    func formatNumber(_ raw: String, styleIndex: Int) -> String {
        let trimmed = raw.trimmingWhitespaceAndNewlines()
        guard let value = Double(trimmed), value.isFinite else { return trimmed }
        if dateStyleIndexes.contains(styleIndex), value >= 0, value < 2_958_466 {
            return formatDate(serial: value)
        }
        return Self.formatNumber(value)
    }

    /// "42" for 42.0, Swift's shortest round-trip form otherwise ("3.14", "1e-05").
    static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// The ISO date ("2024-03-01"), time ("14:30:00") or both for a serial day number.
    func formatDate(serial: Double) -> String {
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let time = String(format2: seconds / 3600) + ":" + String(format2: seconds / 60 % 60) + ":" + String(format2: seconds % 60)
        if days == 0, seconds > 0, !uses1904DateSystem { return time }
        // Days since 1970-01-01. The 1900 system counts 1900 as a leap year (Lotus 1-2-3's bug), so
        // serials from 61 on count from 1899-12-30 and earlier ones from 1899-12-31.
        let epochOffset = uses1904DateSystem ? -24_107 : (days >= 61 ? -25_569 : -25_568)
        let (year, month, day) = Self.civilDate(daysSince1970: days + epochOffset)
        let date = String(year) + "-" + String(format2: month) + "-" + String(format2: day)
        return seconds > 0 ? date + " " + time : date
    }

    /// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian calendar).
    static func civilDate(daysSince1970: Int) -> (Int, Int, Int) {
        let shifted = daysSince1970 + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Zero-based column index of a cell reference ("A1" -> 0, "AB12" -> 27), nil when malformed.
    static func columnIndex(ofReference reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) else { break }
            index = index * 26 + Int((scalar.value & 0xDF) - 0x40)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    /// Column letters of a zero-based index (0 -> "A", 27 -> "AB").
    static func columnLetters(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }
}

private extension String {
    /// Two-digit zero-padded decimal.
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : String(value)
    }
}
