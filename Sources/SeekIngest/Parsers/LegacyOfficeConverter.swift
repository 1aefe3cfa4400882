import Foundation
import SeekCore

/// Runs the command-line converter of a legacy (OLE2 compound file) Office format and returns its
/// text: antiword or catdoc for `.doc`, xls2csv for `.xls`. Shared by `DOCParser` and `XLSParser`.
struct LegacyOfficeConverter {
    /// A converter: the executable's name and its arguments before the file path.
    struct Tool {
        var name: String
        var arguments: [String]
    }

    /// The parser using it, for errors.
    let parser: String
    /// Converters in order of preference; the first one installed runs.
    let tools: [Tool]
    /// The Debian packages to name when none is installed ("antiword or catdoc").
    let packages: String
    /// Time limit of one run.
    let timeoutSeconds: Double

    /// The signature of OLE2 compound files (every Word 97-2003, Excel 97-2003, PowerPoint 97-2003 file).
    static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Throws `.corrupt` unless `prefix` (a file's first bytes) starts with the OLE2 signature.
    func requireCompoundFile(_ prefix: [UInt8], path: String, format: String) throws {
        guard !prefix.isEmpty else { throw IngestError.corrupt(path: path, parser: parser, reason: "empty file (0 bytes)") }
        guard prefix.starts(with: Self.compoundFileSignature) else {
            throw IngestError.corrupt(path: path, parser: parser, reason: "not \(format) file (no OLE2 compound file signature)")
        }
    }

    /// The converter's standard output (UTF-8) for the file at `path`. Throws `.unreadable` when no
    /// converter is installed (naming the packages) or it cannot start, `.corrupt` when it runs too
    /// long, fails, or prints only errors.
    func text(of path: String) throws -> String {
        guard let (tool, command) = tools.lazy.compactMap({ tool in ExternalCommand.locate(tool.name).map { (tool, $0) } }).first else {
            throw IngestError.unreadable(
                path: path, reason: "\(tools.map(\.name).joined(separator: " or ")) not found: install \(packages) (apt-get install \(packages.replacingOccurrences(of: " or ", with: " ")))")
        }
        let result: ExternalCommand.Result
        do {
            result = try command.run(arguments: tool.arguments + [path], timeoutSeconds: timeoutSeconds, environment: ["HOME": NSTemporaryDirectory()])
        } catch {
            throw IngestError.unreadable(path: path, reason: "cannot run \(command.executable.path): \(error)")
        }
        if result.timedOut {
            throw IngestError.corrupt(path: path, parser: parser, reason: "\(tool.name) took longer than \(Int(timeoutSeconds)) s and was stopped")
        }
        let output = String(decoding: result.standardOutput, as: UTF8.self)
        let errors = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
        // xls2csv reports a bad file on standard error and still exits 0.
        if result.exitStatus != 0 || (output.trimmingWhitespaceAndNewlines().isEmpty && !errors.isEmpty) {
            throw IngestError.corrupt(path: path, parser: parser, reason: result.failureReason(tool: tool.name).replacingOccurrences(of: path, with: "the file"))
        }
        return TextDecoder.normalizingLineEndings(output)
    }
}
