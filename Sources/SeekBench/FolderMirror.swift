import Foundation

/// A second copy of a folder's tree for a benchmark to index as another root, costing no disk
/// space where it can: every regular file is hard-linked, and copied only where a link fails
/// (another file system, a file system without links). Directories are recreated; symbolic links
/// and special files (FIFOs, sockets, devices) are left out, so nothing outside the folder is
/// reached and nothing blocks.
package enum FolderMirror {
    /// Mirrors `folder` at `destination`, which must not exist yet. Returns the number of files
    /// mirrored. Throws when `folder` is not a directory or `destination` cannot be created; an
    /// entry that cannot be read, linked or copied (no permission, a name the file system
    /// refuses) is left out, as the index would report it.
    @discardableResult
    package static func mirror(_ folder: URL, to destination: URL) throws -> Int {
        let fileManager = FileManager.default
        let source = folder.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: source.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path])
        }
        try fileManager.createDirectory(at: destination, withIntermediateDirectories: false)
        let keys: [URLResourceKey] = [.isDirectoryKey, .isRegularFileKey, .isSymbolicLinkKey]
        guard let entries = fileManager.enumerator(at: source, includingPropertiesForKeys: keys) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: folder.path])
        }
        var files = 0
        let prefix = source.path.hasSuffix("/") ? source.path : source.path + "/"
        for case let entry as URL in entries {
            let path = entry.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let target = destination.appendingPathComponent(String(path.dropFirst(prefix.count)))
            guard let values = try? entry.resourceValues(forKeys: Set(keys)), values.isSymbolicLink != true else { continue }
            if values.isDirectory == true {
                try? fileManager.createDirectory(at: target, withIntermediateDirectories: true)
            } else if values.isRegularFile == true {
                if (try? fileManager.linkItem(at: entry, to: target)) != nil || (try? fileManager.copyItem(at: entry, to: target)) != nil {
                    files += 1
                }
            }
        }
        return files
    }
}
