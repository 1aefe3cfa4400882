import Foundation
import SeekCore

/// The index run a queued job will do: requests merged while it waits (`IndexingService`).
struct PendingIndexWork: Sendable, Equatable {
    /// What must agree for two requests to share a run.
    struct Options: Sendable, Equatable {
        var retryFailed: Bool
        var pruneMissingRoots: Bool
        var waitsForWriter: Bool
        var reembed: Bool
    }

    /// Every root of the index, whole.
    var allRoots = false
    /// Roots (new or stored), whole, absolute and standardised, in request order.
    var roots: [String] = []
    /// Paths under roots brought in sync alone.
    var changes: Set<String> = []
    var options: Options

    /// The work of `request`, its new roots checked.
    /// - Throws: `EngineError.invalidRoot` for an empty path, a root that does not exist, cannot
    ///   be read, is neither a folder nor a regular file (a FIFO or a device would block or never
    ///   end), or lies in the index's folder (the index would index itself) outside its memories.
    init(_ request: IndexRequest, settings: SeekSettings) throws(EngineError) {
        options = Options(retryFailed: request.retryFailed, pruneMissingRoots: request.pruneMissingRoots,
                          waitsForWriter: request.waitsForWriter, reembed: request.reembed)
        switch request.scope {
        case .allRoots:
            allRoots = true
        case .roots(let paths):
            for path in paths {
                // An empty path would become the working directory: say so rather than index it.
                guard !path.isEmpty else { throw .invalidRoot(path: path, reason: "the path is empty") }
                let absolute = CatalogService.absolutePath(path)
                try Self.checkRoot(absolute, settings: settings)
                if !roots.contains(absolute) { roots.append(absolute) }
            }
        case .changes(let paths):
            changes = Set(paths.map(CatalogService.absolutePath))
        }
    }

    /// Adds `other`'s roots and changes (same options).
    mutating func merge(_ other: PendingIndexWork) {
        allRoots = allRoots || other.allRoots
        for root in other.roots where !roots.contains(root) { roots.append(root) }
        changes.formUnion(other.changes)
    }

    /// Throws unless `path` (following a final symlink) is a readable folder or regular file
    /// outside the index's folder (its memories folder excepted).
    static func checkRoot(_ path: String, settings: SeekSettings) throws(EngineError) {
        let indexDirectory = settings.indexDirectory.path
        func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
        let memories = settings.memoriesDirectory.path
        let isMemories = PathHierarchy.path(path, isUnder: memories) || PathHierarchy.path(resolved(path), isUnder: resolved(memories))
        if !isMemories, PathHierarchy.path(path, isUnder: indexDirectory) || PathHierarchy.path(resolved(path), isUnder: resolved(indexDirectory)) {
            throw .invalidRoot(path: path, reason: "it is inside the index's own folder \(indexDirectory)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .invalidRoot(path: path, reason: "no such file or folder")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        let type = attributes?[.type] as? FileAttributeType
        guard isDirectory.boolValue || type == .typeRegular else {
            let kind = switch type {
            case .typeCharacterSpecial?: "character device"
            case .typeBlockSpecial?: "block device"
            case .typeSocket?: "socket"
            case .typeSymbolicLink?: "broken symlink"
            default: "FIFO or special file"
            }
            throw .invalidRoot(path: path, reason: "it is a \(kind), not a folder or file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .invalidRoot(path: path, reason: "permission denied")
        }
    }
}
