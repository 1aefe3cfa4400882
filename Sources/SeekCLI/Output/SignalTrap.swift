import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns signals (SIGINT, SIGTERM) into a call of `handler` with the signal's number instead of
/// ending the process, until cancelled (the default actions come back then). With
/// `defaultsAfterFirst`, only the first signal is caught: a second one ends the process as if
/// nothing were trapped (a second Ctrl-C when the first is taking too long).
final class SignalTrap {
    /// The first signal caught, 0 before any (shared by the handlers of every signal).
    private final class FirstSignal: Sendable {
        let number = Atomic<Int32>(0)
    }

    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]
    private let first = FirstSignal()

    init(signals: [Int32], defaultsAfterFirst: Bool = false, handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        let first = first
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let isFirst = first.number.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent).exchanged
                if defaultsAfterFirst {
                    guard isFirst else { return }
                    for number in signals { signal(number, SIG_DFL) }
                }
                handler(number)
            }
            source.resume()
            return source
        }
    }

    /// The first signal caught so far, if any.
    var caughtSignal: Int32? {
        let number = first.number.load(ordering: .sequentiallyConsistent)
        return number == 0 ? nil : number
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
