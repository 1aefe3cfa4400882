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
        case .symlinkNotFollowed: "symlink not followed"
        case .sameDirectoryAs(let path): "same directory as \(path)"
        case .bundle: "OS bundle, not descended"
        case .notRegularFile(let kind): "not a regular file (\(kind))"
        }
    }

    /// `62.9 MiB`, `50 MiB`, `512 B`: binary units, one decimal unless whole.
    static func formatted(bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
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
