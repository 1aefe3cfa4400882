import SeekEngine

/// Byte counts for people: 1.2 MB, in Seek's units of 1,024 (`ByteCount`: an MB is 2^20 bytes,
/// as memory figures and `max_file_mb` count).
enum ByteFormat {
    static func string(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        let step = Double(ByteCount.bytesPerMB >> 10)
        while value >= step, unit < units.count - 1 {
            value /= step
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
