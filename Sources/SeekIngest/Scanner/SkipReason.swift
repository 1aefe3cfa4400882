import Foundation

/// Why the scanner left out an entry it could have indexed. Entries excluded on purpose (ignore
/// files, `excludedNames`, hidden entries) are not reported at all.
public enum SkipReason: Sendable, Hashable, CustomStringConvertible {
    /// A regular file larger than `ScanConfiguration.maxFileBytes`; it was not read.
    case tooLarge(sizeBytes: Int64, limitBytes: Int64)
    /// A symlink that leads back into a directory on its own path (`a/link -> ..`), or a chain of
    /// symlinks that never ends.
    case symlinkLoop
    /// A symlink whose target does not exist.
    case brokenSymlink(target: String)
    /// A symlink, and `ScanConfiguration.followSymlinks` is off.
    case symlinkNotFollowed
    /// A followed symlink whose target lies outside every root.
    case symlinkOutsideRoots(target: String)
    /// A followed symlink into a kernel or device file system (`/proc`, `/sys`, `/dev`).
    case symlinkIntoSystemFolder(target: String)
    /// A file already found under another path (a symlink or a hard link to it).
    case sameFileAs(path: String)
    /// A directory already scanned under another path (two symlinks to one directory, a bind mount).
    case sameDirectoryAs(path: String)
    /// An OS bundle (`.app`, `.photoslibrary`...) treated as one opaque item and not descended.
    case bundle
    /// Not a regular file: FIFO, socket or device. Never opened.
    case notRegularFile(kind: String)

    public var description: String {
        switch self {
        case .tooLarge(let sizeBytes, let limitBytes):
            "larger than \(Self.formatted(bytes: limitBytes)) limit (\(Self.formatted(bytes: sizeBytes)))"
        case .symlinkLoop: "symlink loop"
        case .brokenSymlink(let target): "broken symlink (-> \(target))"
        case .symlinkNotFollowed: "symlink not followed (`seek index --follow` follows links that stay inside the roots)"
        case .symlinkOutsideRoots(let target): "symlink to \(target), outside the indexed roots"
        case .symlinkIntoSystemFolder(let target): "symlink into a system folder (\(target))"
        case .sameFileAs(let path): "same file as \(path)"
        case .sameDirectoryAs(let path): "same directory as \(path)"
        case .bundle: "OS bundle, not descended"
        case .notRegularFile(let kind): "not a regular file (\(kind))"
        }
    }

    /// `62.9 MB`, `50 MB`, `512 B`: units of 1,024 (Seek's MB is 2^20 bytes everywhere), one
    /// decimal unless whole.
    static func formatted(bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let number = rounded == rounded.rounded() ? String(Int64(rounded)) : String(format: "%.1f", rounded)
        return "\(number) \(units[unit])"
    }
}
