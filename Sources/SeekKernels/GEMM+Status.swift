import CBLAS
import CSeekOneDNN
import Foundation
import Synchronization

extension GEMM {
    /// The backend every fp32 product of this process uses, chosen once, on first use.
    struct Selection: Sendable {
        var backend: GEMMStatus.Backend
        var preference: GEMMPreference
        var check: String
        var checkMilliseconds: Double = 0
        /// GFLOP/s of each candidate on the encoder's shapes when `auto` timed them.
        var calibration: [String: Double] = [:]
        /// The timings came from the calibration cache (this process did not time them).
        var calibrationCached = false
        /// BLAS passed its known-answer check (so it may stand in for a failed oneDNN call).
        var blasPassed = false
    }

    private struct SelectionState: Sendable {
        var preference: GEMMPreference?
        var selection: Selection?
        var calibrationCache: URL?
    }

    private static let state = Mutex(SelectionState())

    /// Asks for a backend (`--gemm`, config `embedding.gemm`). Takes effect when called before the
    /// first product of the process; afterwards the choice stands and this returns false.
    @discardableResult
    public static func prefer(_ preference: GEMMPreference) -> Bool {
        // `auto` defers to `SEEK_GEMM` and to whatever was already chosen.
        guard preference != .auto else { return true }
        return state.withLock { state in
            guard state.selection == nil || state.selection?.preference == preference else { return false }
            state.preference = preference
            return true
        }
    }

    /// Where `auto` keeps its timings between processes (`GEMMCalibrationCache`); without one,
    /// every process times the backends (~0.2 s each). Takes effect before the first product.
    public static func useCalibrationCache(_ file: URL) {
        state.withLock { $0.calibrationCache = file }
    }

    /// The preference in force and where it came from: `prefer(_:)`'s (`--gemm`), else
    /// `SEEK_GEMM` (`auto`, `openblas`, `onednn`, `reference`), else `auto`.
    static func effectivePreference(explicit: GEMMPreference?) -> (preference: GEMMPreference, source: String) {
        let environment = ProcessInfo.processInfo.environment["SEEK_GEMM"]?.lowercased()
        if let explicit, explicit != .auto {
            // Settings pass SEEK_GEMM on as the preference: name it when it is the source.
            let fromEnvironment = environment == explicit.rawValue || (environment == "blas" && explicit == .openblas)
            return (explicit, fromEnvironment ? "SEEK_GEMM=\(environment ?? "")" : "--gemm \(explicit.rawValue) or embedding.gemm")
        }
        if let name = environment {
            if name == "blas" { return (.openblas, "SEEK_GEMM=\(name)") }
            if let preference = GEMMPreference(rawValue: name) { return (preference, "SEEK_GEMM=\(name)") }
        }
        return (.auto, "default")
    }

    static var selection: Selection {
        state.withLock { state in
            if let selection = state.selection { return selection }
            let (preference, source) = effectivePreference(explicit: state.preference)
            let selection = choose(preference, source: source, cache: state.calibrationCache.map { GEMMCalibrationCache(file: $0) })
            state.selection = selection
            return selection
        }
    }

    /// Checks the candidates the preference allows (known answers), times them when it is `auto`,
    /// and falls back openblas/onednn → the other → the reference kernel, never to a wrong one.
    private static func choose(_ preference: GEMMPreference, source: String, cache: GEMMCalibrationCache?) -> Selection {
        if preference == .reference {
            return Selection(backend: .reference, preference: preference, check: "not run: \(source)")
        }
        let started = ContinuousClock.now
        var notes: [String] = []
        var passed: [GEMMStatus.Backend] = []
        let candidates: [GEMMStatus.Backend] = switch preference {
        case .openblas: [.blas, .onednn]
        case .onednn: [.onednn, .blas]
        default: [.blas, .onednn]
        }
        for candidate in candidates {
            if candidate == .onednn && seek_onednn_available() == 0 {
                notes.append("oneDNN not available")
                continue
            }
            let product = candidate == .blas ? GEMMKnownAnswerCheck.blas : GEMMKnownAnswerCheck.oneDNN
            if let mismatch = GEMMKnownAnswerCheck.firstMismatch(using: product) {
                let name = candidate == .blas ? "BLAS (core \(coreType))" : "oneDNN"
                notes.append("\(name) failed: \(mismatch)")
                continue
            }
            // Every candidate is checked (well under a millisecond each): the one named comes
            // first, and a second that passed stands in for a failed call of the first.
            passed.append(candidate)
        }
        var calibration: [String: Double] = [:]
        var backend = passed.first ?? .reference
        var cached = false
        if preference == .auto && passed.count > 1 {
            let support = PrecisionSupport.current
            let key = GEMMCalibrationCache.machineKey(library: library, coreType: coreType, oneDNN: PrecisionSupport.oneDNNVersion,
                                                      oneDNNISA: support.isaName)
            if let timings = cache?.timings(for: key, covering: passed) {
                calibration = timings
                cached = true
            } else {
                calibration = GEMMCalibration.measure(passed)
                cache?.record(calibration, for: key)
            }
            backend = passed.max { (calibration[$0.rawValue] ?? 0) < (calibration[$1.rawValue] ?? 0) } ?? backend
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
        var check = passed.isEmpty ? "failed" : "passed"
        if !notes.isEmpty { check += " (" + notes.joined(separator: "; ") + ")" }
        if preference != .auto, let first = candidates.first, backend != first {
            check += "; \(first.rawValue) asked for, using \(backend.rawValue)"
        }
        return Selection(backend: backend, preference: preference, check: check, checkMilliseconds: milliseconds,
                         calibration: calibration, calibrationCached: cached, blasPassed: passed.contains(.blas))
    }

    /// Which code computes the products, the BLAS library, its core type and threads, and the check's outcome.
    public static var status: GEMMStatus {
        let selection = self.selection
        let support = PrecisionSupport.current
        return GEMMStatus(backend: selection.backend, preference: selection.preference, library: library, coreType: coreType,
                          threads: threads, oneDNN: support.oneDNN ? PrecisionSupport.oneDNNVersion : nil,
                          oneDNNISA: support.oneDNN ? support.isaName : nil,
                          knownAnswerCheck: selection.check, checkMilliseconds: selection.checkMilliseconds,
                          calibrationGFLOPS: selection.calibration.isEmpty ? nil : selection.calibration,
                          calibrationCached: selection.calibrationCached)
    }

    /// The BLAS library in use, with its build configuration where it reports one.
    public static var libraryDescription: String { "\(library) (core \(coreType))" }

    static var library: String {
        #if os(Linux)
        return (openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS").trimmingCharacters(in: .whitespaces)
        #else
        return "Accelerate"
        #endif
    }

    static var coreType: String {
        #if os(Linux)
        return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        #else
        return "Accelerate"
        #endif
    }

    static var threads: Int {
        #if os(Linux)
        return Int(openblas_get_num_threads())
        #else
        return 1
        #endif
    }
}
