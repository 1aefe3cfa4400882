import Foundation
import Logging

/// Sends swift-log output to standard error; standard output stays for results.
enum LogSetup {
    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = LogSetup.level
            return handler
        }
    }()
    nonisolated(unsafe) private static var level: Logger.Level = .warning

    static func bootstrap(verbosity: Int) {
        if let name = ProcessInfo.processInfo.environment["SEEK_LOG_LEVEL"], let parsed = Logger.Level(rawValue: name.lowercased()) {
            level = parsed
        } else {
            level = verbosity >= 2 ? .debug : verbosity == 1 ? .info : .warning
        }
        _ = once
    }
}
