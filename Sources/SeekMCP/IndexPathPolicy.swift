import Foundation
import SeekEngine

/// What the `index` tool may do with the paths an agent gives: re-index existing roots, bring
/// paths under them in sync, and add new roots only inside the folders the server allows
/// (`--allow-root`). Anything else is refused, so an agent cannot make the server read an
/// arbitrary folder.
struct IndexPathPolicy: Sendable {
    /// One index run to start: its scope's name in the result, its paths and the request.
    struct PlannedRun: Sendable {
        var scope: String
        var paths: [String]
        var request: IndexRequest
    }

    /// Folders new roots may lie in, absolute and standardised.
    let allowedRoots: [String]

    /// The runs that cover `paths` (nil: every root), given the index's `storedRoots`: whole
    /// roots (existing ones, new allowed ones) in one run, paths under existing roots in another.
    /// - Throws: `ToolFailure.notAllowed` for a path under no root and inside no allowed folder
    ///   (a symlink leading out of an allowed folder counts as outside).
    func runs(for paths: [String]?, storedRoots: [String], waitsForWriter: Bool = true) throws(ToolFailure) -> [PlannedRun] {
        guard let paths else {
            return [PlannedRun(scope: "all_roots", paths: [], request: IndexRequest(scope: .allRoots, waitsForWriter: waitsForWriter))]
        }
        var roots: [String] = [], changes: [String] = []
        for given in paths {
            let path = URL(fileURLWithPath: given).standardizedFileURL.path
            if storedRoots.contains(path) {
                roots.append(path)
            } else if storedRoots.contains(where: { PathHierarchy.path(path, isUnder: $0) }) {
                changes.append(path)
            } else if isAllowed(path) {
                roots.append(path)
            } else {
                let allowed = allowedRoots.isEmpty
                    ? "this server allows no new folders (start `seek mcp` with --allow-root FOLDER to let agents add folders inside it)"
                    : "nor inside a folder this server allows (\(allowedRoots.joined(separator: ", ")))"
                let rootList = storedRoots.isEmpty ? "the index has no roots yet" : "roots: \(storedRoots.joined(separator: ", "))"
                throw .notAllowed("\(path) is not under a root of the index (\(rootList)); \(allowed)")
            }
        }
        var runs: [PlannedRun] = []
        if !roots.isEmpty {
            runs.append(PlannedRun(scope: "roots", paths: roots, request: IndexRequest(scope: .roots(roots), waitsForWriter: waitsForWriter)))
        }
        if !changes.isEmpty {
            runs.append(PlannedRun(scope: "changes", paths: changes,
                                   request: IndexRequest(scope: .changes(changes), waitsForWriter: waitsForWriter)))
        }
        return runs
    }

    /// True when `path` lies inside an allowed folder, both as written and with symlinks resolved.
    private func isAllowed(_ path: String) -> Bool {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return allowedRoots.contains { root in
            let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
            return PathHierarchy.path(path, isUnder: root) && PathHierarchy.path(resolved, isUnder: resolvedRoot)
        }
    }
}
