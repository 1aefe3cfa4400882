import Foundation

/// Where tests find the real model: the same resolution as the CLI (SEEK_MODEL_DIR, then the cache).
/// `make test` fetches the model before running the tests, so a missing model is a test failure.
public enum ModelLocation {
    public struct Missing: Error, CustomStringConvertible {
        let searched: [String]
        public var description: String { "model not found in \(searched); run `make model` (or `seek model fetch`)" }
    }

    public static func testModelDirectory() throws -> URL {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["SEEK_MODEL_DIR"] { candidates.append(explicit) }
        let cacheRoot = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache").path
        candidates.append(cacheRoot + "/seek/models/all-MiniLM-L6-v2")
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/model.safetensors") {
            return URL(fileURLWithPath: candidate)
        }
        throw Missing(searched: candidates)
    }
}
