/// Paths as a hierarchy of components: whether one lies under another.
public enum PathHierarchy {
    /// True when `path` is `folder` or lies below it, by whole components ("/a/b" holds
    /// "/a/b/c.md", not "/a/bc.md"), compared as UTF-8 bytes like the file system does.
    public static func path(_ path: String, isUnder folder: String) -> Bool {
        let pathBytes = path.utf8, folderBytes = folder.utf8
        guard pathBytes.starts(with: folderBytes) else { return false }
        if pathBytes.count == folderBytes.count || folderBytes.last == UInt8(ascii: "/") { return true }
        return pathBytes[pathBytes.index(pathBytes.startIndex, offsetBy: folderBytes.count)] == UInt8(ascii: "/")
    }
}
