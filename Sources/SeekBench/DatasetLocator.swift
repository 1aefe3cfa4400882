import Foundation

/// Finds the Cranfield collection Seek ships (`datasets/cranfield` in the project) for the default
/// benchmarks: `SEEK_DATASETS`, the working directory, the folder beside the project, and the
/// project folder above the executable (`.build/<config>/seek`).
public enum DatasetLocator {
    public static func cranfield(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        var candidates: [URL] = []
        if let root = environment["SEEK_DATASETS"], !root.isEmpty {
            candidates.append(URL(fileURLWithPath: root).appendingPathComponent("cranfield"))
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        candidates.append(cwd.appendingPathComponent("datasets/cranfield"))
        candidates.append(cwd.appendingPathComponent("../shared/datasets/cranfield"))
        var executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<5 {
            executable = executable.deletingLastPathComponent()
            candidates.append(executable.appendingPathComponent("datasets/cranfield"))
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("corpus.jsonl").path) {
            return candidate.standardizedFileURL
        }
        throw DatasetError.notFound(searched: candidates.map(\.standardizedFileURL.path))
    }

    public enum DatasetError: Error, CustomStringConvertible {
        case notFound(searched: [String])

        public var description: String {
            switch self {
            case .notFound(let searched):
                "the Cranfield dataset was not found (looked in \(searched.joined(separator: ", "))); set SEEK_DATASETS or pass a file"
            }
        }
    }
}
