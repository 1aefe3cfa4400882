import Foundation

/// Locates the committed fixture files and makes scratch folders for files written by tests.
enum DocumentFixtures {
    /// Tests/Fixtures/documents.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/documents", isDirectory: true)

    /// The fixture file `name`.
    static func url(_ name: String) -> URL {
        folder.appendingPathComponent(name)
    }

    /// A new empty temporary folder (removed by the caller with `removeScratch`).
    static func makeScratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seek-parser-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `bytes` to a file called `name` in a new scratch folder and returns its URL.
    static func write(_ bytes: [UInt8], named name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}
