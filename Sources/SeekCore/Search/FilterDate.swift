import Foundation

/// The dates a search filter accepts from people and agents (`--after`/`--before`, the MCP
/// `search` tool's `after`/`before`): `YYYY-MM-DD` (midnight, local time) or full ISO 8601
/// (`2026-01-31T12:00:00Z`, fractional seconds allowed).
public enum FilterDate {
    /// The date `text` names, or nil when it is neither form.
    public static func parse(_ text: String) -> Date? {
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
        return full.date(from: trimmed)
    }
}
