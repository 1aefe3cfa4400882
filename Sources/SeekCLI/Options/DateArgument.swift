import ArgumentParser
import Foundation
import SeekEngine

/// Dates given on the command line: `YYYY-MM-DD` (midnight, local time) or full ISO 8601 (`FilterDate`).
enum DateArgument {
    static func parse(_ text: String, option: String) throws -> Date {
        if let date = FilterDate.parse(text) { return date }
        throw ArgumentError("\(option) '\(text)' is not a date: use YYYY-MM-DD or ISO 8601 (2026-01-31T12:00:00Z)")
    }
}
