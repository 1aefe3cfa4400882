/// Byte counts in Seek's one unit of memory and file size: MB means 2^20 bytes everywhere
/// (`rss_mb`, `peak_rss_mb`, `max_file_mb`, `worker_memory_limit_mb`, and what the terminal shows),
/// as `ps`, `top` and `free -m` count.
public enum ByteCount {
    /// Bytes in one MB.
    public static let bytesPerMB = 1 << 20

    /// `bytes` in MB.
    public static func megabytes(_ bytes: Int) -> Double {
        Double(bytes) / Double(bytesPerMB)
    }

    /// `bytes` in MB.
    public static func megabytes(_ bytes: Int64) -> Double {
        Double(bytes) / Double(bytesPerMB)
    }
}
