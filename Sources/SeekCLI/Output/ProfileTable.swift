import SeekEngine

/// `seek index --profile` for people: a title line, then one line per stage with its seconds,
/// its share in percent and a bar, e.g. `  embed      11.204 s   94.5%  ███████████████████`.
enum ProfileTable {
    static func lines(_ profile: IndexingProfile, barWidth: Int = 20) -> [String] {
        var lines = [String(format: "Profile: %.2f s wall (stages overlap; shares of busy plus waiting time)", profile.wallSeconds)]
        for entry in profile.entries {
            let bar = String(repeating: "█", count: Int((entry.share * Double(barWidth)).rounded()))
            lines.append("  " + entry.stage.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: " %9.3f s  %5.1f%%  ", entry.seconds, entry.share * 100) + bar)
        }
        return lines
    }
}
