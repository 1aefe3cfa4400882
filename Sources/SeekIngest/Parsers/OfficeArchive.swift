import Foundation
import SeekCore
import ZIPFoundation

/// A zip-based Office file (DOCX, XLSX, PPTX, ODT) opened for reading its XML parts, with every
/// failure turned into `IngestError` for the owning parser.
struct OfficeArchive {
    private let archive: Archive
    private let entriesByLowercasedPath: [String: Entry]
    /// Path of the file, for errors.
    let path: String
    /// Name of the parser reading it, for errors.
    let parser: String
    private let maxPartBytes: Int

    /// Opens the zip at `url`; a missing file is `.unreadable`, a file that is not a readable zip
    /// (truncated, damaged, or some other format) is `.corrupt`.
    init(url: URL, parser: String, configuration: OfficeParserConfiguration) throws {
        path = url.path
        self.parser = parser
        maxPartBytes = configuration.maxPartBytes
        let prefix = try DocumentFileReader.readPrefix(of: url, count: 4)
        guard !prefix.isEmpty else {
            throw IngestError.corrupt(path: path, parser: parser, reason: "empty file (0 bytes)")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw IngestError.corrupt(path: path, parser: parser, reason: "not a zip archive (truncated or damaged)")
        }
        var entries: [String: Entry] = [:]
        for entry in archive {
            var name = entry.path
            if name.hasPrefix("/") { name.removeFirst() }
            entries[name.lowercased()] = entries[name.lowercased()] ?? entry
        }
        guard !entries.isEmpty else {
            throw IngestError.corrupt(path: path, parser: parser, reason: "not a zip archive (truncated or damaged)")
        }
        entriesByLowercasedPath = entries
    }

    /// Paths of all parts (as stored, without a leading slash), sorted.
    var partPaths: [String] {
        entriesByLowercasedPath.values.map { $0.path.hasPrefix("/") ? String($0.path.dropFirst()) : $0.path }.sorted()
    }

    /// True when the archive holds `part` (compared without regard to case).
    func contains(_ part: String) -> Bool {
        entriesByLowercasedPath[normalized(part)] != nil
    }

    /// The bytes of `part`, or nil when the archive does not hold it.
    func data(of part: String) throws -> Data? {
        guard let entry = entriesByLowercasedPath[normalized(part)] else { return nil }
        guard entry.uncompressedSize <= UInt64(maxPartBytes) else {
            throw IngestError.corrupt(path: path, parser: parser, reason: "\(part) is \(entry.uncompressedSize) bytes uncompressed, over the \(maxPartBytes)-byte limit")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > maxPartBytes { throw Archive.ArchiveError.invalidEntrySize }
            }
        } catch {
            throw IngestError.corrupt(path: path, parser: parser, reason: "\(part) cannot be extracted (damaged zip entry: \(error))")
        }
        return data
    }

    /// The bytes of `part`; `.corrupt` ("word/document.xml missing") when the archive lacks it.
    func requiredData(of part: String) throws -> Data {
        guard let data = try data(of: part) else {
            throw IngestError.corrupt(path: path, parser: parser, reason: "\(part) missing")
        }
        return data
    }

    /// Streams `part` into `handler`; malformed XML is `.corrupt` naming the part and line.
    func read<Handler: XMLEventHandling>(_ part: String, data: Data, into handler: inout Handler) throws {
        do {
            try XMLEventReader.read(data, into: &handler)
        } catch {
            throw IngestError.corrupt(path: path, parser: parser, reason: "\(part): \(error)")
        }
    }

    private func normalized(_ part: String) -> String {
        (part.hasPrefix("/") ? String(part.dropFirst()) : part).lowercased()
    }
}
