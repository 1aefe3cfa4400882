import ArgumentParser
import Foundation

/// Dates given on the command line: `YYYY-MM-DD` (midnight, local time) or full ISO 8601.
enum DateArgument {
    static func parse(_ text: String, option: String) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = .current
        day.dateFormat = "yyyy-MM-dd"
        day.isLenient = false
        if trimmed.count == 10, let date = day.date(from: trimmed) { return date }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: trimmed) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: trimmed) { return date }
        throw ArgumentError("\(option) '\(text)' is not a date: use YYYY-MM-DD or ISO 8601 (2026-01-31T12:00:00Z)")
    }
}
