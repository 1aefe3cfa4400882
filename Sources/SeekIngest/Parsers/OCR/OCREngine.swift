import Foundation
import SeekCore

/// Reads text out of images and PDF pages: poppler's `pdftoppm` renders a page, `tesseract`
/// recognises it. Shared by the PDF and image parsers of one `ParserRegistry`, so its gate bounds
/// the OCR processes of a whole indexing run (`OCRConfiguration.maxConcurrentProcesses`).
///
/// Every failure is an `IngestError` for the file being parsed: tesseract or pdftoppm missing, or
/// a language without its data package, is `.unreadable` with how to install it; an image tesseract
/// cannot decode is `.corrupt` with tesseract's message; a page over the time limit is `.corrupt`.
final class OCREngine: Sendable {
    /// The settings it runs with.
    let configuration: OCRConfiguration
    private let gate: ProcessGate

    /// What to tell a user whose machine has no tesseract.
    static let installHint = "install tesseract-ocr and a language pack (apt-get install tesseract-ocr tesseract-ocr-eng, "
        + "or brew install tesseract), or turn OCR off with --no-ocr"

    /// An engine with `configuration` and its own gate of `maxConcurrentProcesses` places.
    init(configuration: OCRConfiguration) {
        self.configuration = configuration
        gate = ProcessGate(capacity: configuration.maxConcurrentProcesses)
    }

    /// The text tesseract reads in the image at `url` (PNG, JPEG, TIFF, WebP, GIF, BMP), trimmed,
    /// with LF line ends. Throws `IngestError` naming `parser` (see the type's comment).
    func recognizeImage(at url: URL, parser: String) throws -> String {
        let tesseract = try tool("tesseract", configuredPath: configuration.tesseractPath, path: url.path, hint: Self.installHint)
        return try gate.run {
            try recognize(imageAt: url, with: tesseract, path: url.path, parser: parser, deadline: Date().addingTimeInterval(configuration.pageTimeoutSeconds), what: "the image")
        }
    }

    /// The text of page `page` (1-based) of the PDF at `url`, rendered at `renderDPI` and read by
    /// tesseract. Throws `IngestError` naming `parser` (see the type's comment).
    func recognizePDFPage(_ page: Int, of url: URL, parser: String) throws -> String {
        let path = url.path
        let tesseract = try tool("tesseract", configuredPath: configuration.tesseractPath, path: path, hint: Self.installHint)
        let pdftoppm = try tool(
            "pdftoppm", configuredPath: configuration.pdftoppmPath, path: path,
            hint: "install poppler-utils (apt-get install poppler-utils, or brew install poppler)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-ocr-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw IngestError.unreadable(path: path, reason: "cannot create a temporary folder for OCR: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let image = scratch.appendingPathComponent("page")
        return try gate.run {
            let deadline = Date().addingTimeInterval(configuration.pageTimeoutSeconds)
            let rendered = try run(
                pdftoppm, ["-r", String(configuration.renderDPI), "-f", String(page), "-l", String(page), "-gray", "-png", "-singlefile", path, image.path],
                path: path, parser: parser, deadline: deadline, what: "rendering page \(page)")
            guard rendered.exitStatus == 0 else {
                throw IngestError.corrupt(path: path, parser: parser, reason: "page \(page): " + rendered.failureReason(tool: "pdftoppm"))
            }
            return try recognize(
                imageAt: image.appendingPathExtension("png"), with: tesseract, path: path, parser: parser, deadline: deadline, what: "page \(page)")
        }
    }

    private func recognize(imageAt image: URL, with tesseract: ExternalCommand, path: String, parser: String, deadline: Date, what: String) throws -> String {
        let result = try run(
            tesseract, [image.path, "stdout", "-l", configuration.languages.joined(separator: "+")],
            path: path, parser: parser, deadline: deadline, what: "OCR of \(what)", environment: ["OMP_THREAD_LIMIT": "1"])
        guard result.exitStatus == 0 else {
            if let match = result.standardError.firstMatch(of: #/Failed loading language '([^']+)'/#) {
                let language = String(match.output.1)
                throw IngestError.unreadable(
                    path: path, reason: "tesseract has no data for language '\(language)': install tesseract-ocr-\(language.lowercased().replacingOccurrences(of: "_", with: "-"))")
            }
            throw IngestError.corrupt(path: path, parser: parser, reason: result.failureReason(tool: "tesseract"))
        }
        let text = TextDecoder.normalizingLineEndings(String(decoding: result.standardOutput, as: UTF8.self))
        return text.replacingOccurrences(of: "\u{0C}", with: "\n").trimmingWhitespaceAndNewlines()
    }

    private func run(
        _ command: ExternalCommand, _ arguments: [String], path: String, parser: String, deadline: Date, what: String,
        environment: [String: String] = [:]
    ) throws -> ExternalCommand.Result {
        let remaining = deadline.timeIntervalSinceNow
        let timedOut = IngestError.corrupt(
            path: path, parser: parser, reason: "\(what) took longer than \(Self.seconds(configuration.pageTimeoutSeconds)) s and was stopped")
        guard remaining > 0 else { throw timedOut }
        let result: ExternalCommand.Result
        do {
            result = try command.run(arguments: arguments, timeoutSeconds: remaining, environment: environment)
        } catch {
            throw IngestError.unreadable(path: path, reason: "cannot run \(command.executable.path): \(error)")
        }
        if result.timedOut { throw timedOut }
        return result
    }

    private func tool(_ name: String, configuredPath: String?, path: String, hint: String) throws -> ExternalCommand {
        guard let command = ExternalCommand.locate(name, configuredPath: configuredPath) else {
            let place = configuredPath.map { " at \($0)" } ?? ""
            throw IngestError.unreadable(path: path, reason: "\(name) not found\(place): \(hint)")
        }
        return command
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
