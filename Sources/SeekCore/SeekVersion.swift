/// The version of Seek, written into run logs and `seek --version`.
public enum SeekVersion {
    public static let current = "0.1.0"
}
