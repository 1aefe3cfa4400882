import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether output goes to a terminal, and ANSI styling that is applied only there (and never
/// when NO_COLOR is set).
enum Terminal {
    static var isStandardOutput: Bool { isatty(STDOUT_FILENO) == 1 }
    static var isStandardError: Bool { isatty(STDERR_FILENO) == 1 }
    static var colors: Bool { isStandardOutput && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func bold(_ text: String) -> String { colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { colors ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func green(_ text: String) -> String { colors ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    static func red(_ text: String) -> String { colors ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
    static func yellow(_ text: String) -> String { colors ? "\u{1B}[33m\(text)\u{1B}[0m" : text }
    static func highlight(_ text: String) -> String { colors ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }

    /// Writes to standard error (progress, notes) without touching standard output.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
