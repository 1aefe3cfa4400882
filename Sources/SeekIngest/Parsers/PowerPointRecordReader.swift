/// Walks the records of a PowerPoint 97-2003 "PowerPoint Document" stream ([MS-PPT]) and collects
/// each slide's text in presentation order.
///
/// Records have an 8-byte header (version and instance, type, length); version 0xF marks a
/// container. The "Current User" stream points at the last UserEditAtom, whose persist directory
/// maps persist ids to stream offsets; the document's slide list (SlideListWithText, instance 0)
/// names the slides in order, with their outline text; each slide container holds the text of its
/// other shapes and the notes id that the notes list (SlideListWithText, instance 2) maps to the
/// persist id of its notes container. Without a usable Current User stream, slide containers
/// are read in stream order.
struct PowerPointRecordReader {
    /// A damaged record structure.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let stream: [UInt8]
    private let currentUser: [UInt8]?

    private enum RecordType {
        static let document: UInt16 = 0x03E8
        static let slide: UInt16 = 0x03EE
        static let slideAtom: UInt16 = 0x03EF
        static let notes: UInt16 = 0x03F0
        static let slidePersistAtom: UInt16 = 0x03F3
        static let mainMaster: UInt16 = 0x03F8
        static let slideListWithText: UInt16 = 0x0FF0
        static let textHeaderAtom: UInt16 = 0x0F9F
        static let textCharsAtom: UInt16 = 0x0FA0
        static let textBytesAtom: UInt16 = 0x0FA8
        static let userEditAtom: UInt16 = 0x0FF5
        static let persistDirectoryAtom: UInt16 = 0x1772
    }

    private struct Header {
        var version: UInt16
        var instance: UInt16
        var type: UInt16
        var length: Int
        var isContainer: Bool { version == 0xF }
    }

    init(stream: [UInt8], currentUser: [UInt8]?) {
        self.stream = stream
        self.currentUser = currentUser
    }

    /// The slides in presentation order.
    func slides() throws(Failure) -> [PowerPointSlideText] {
        if let persist = persistDirectory(), let documentOffset = persist.document, let offset = persist.offsets[documentOffset] {
            let (list, notesPersistIds) = try slideLists(inDocumentAt: offset)
            if !list.isEmpty {
                return try list.map { entry throws(Failure) in
                    var slide = PowerPointSlideText()
                    add(entry.texts, to: &slide, notes: false)
                    if let slideOffset = persist.offsets[entry.persistId] {
                        let content = try texts(inRecordAt: slideOffset)
                        add(content.texts, to: &slide, notes: false)
                        if let notesId = content.notesId, let notesPersistId = notesPersistIds[notesId],
                           let notesOffset = persist.offsets[notesPersistId] {
                            add(try texts(inRecordAt: notesOffset).texts, to: &slide, notes: true)
                        }
                    }
                    return slide
                }
            }
        }
        // Fallback: every slide container in stream order.
        var slides: [PowerPointSlideText] = []
        var offset = 0
        try walk(from: 0, to: stream.count) { header, start throws(Failure) in
            guard header.type == RecordType.slide, start >= offset else { return true }
            var slide = PowerPointSlideText()
            add(try texts(inRecordAt: start - 8).texts, to: &slide, notes: false)
            slides.append(slide)
            offset = start + header.length
            return false
        }
        return slides
    }

    // MARK: - Persist directory

    /// Persist id → stream offset (newest edit wins), and the document container's persist id.
    private func persistDirectory() -> (offsets: [UInt32: Int], document: UInt32?)? {
        guard let currentUser, currentUser.count >= 20 else { return nil }
        var editOffset = Int(CompoundFile.uint32(currentUser, 16))
        var offsets: [UInt32: Int] = [:]
        var document: UInt32?
        var visited = Set<Int>()
        while editOffset > 0 || visited.isEmpty, visited.insert(editOffset).inserted {
            guard let edit = header(at: editOffset), edit.type == RecordType.userEditAtom, editOffset + 8 + 20 <= stream.count else { return nil }
            let data = editOffset + 8
            if document == nil { document = CompoundFile.uint32(stream, data + 16) }
            let directoryOffset = Int(CompoundFile.uint32(stream, data + 12))
            if let directory = header(at: directoryOffset), directory.type == RecordType.persistDirectoryAtom {
                var position = directoryOffset + 8
                let end = min(position + directory.length, stream.count)
                while position + 4 <= end {
                    let entry = CompoundFile.uint32(stream, position)
                    let firstId = entry & 0xFFFFF
                    let count = Int(entry >> 20)
                    position += 4
                    for index in 0..<count where position + 4 * index + 4 <= end {
                        let id = firstId + UInt32(index)
                        if offsets[id] == nil { offsets[id] = Int(CompoundFile.uint32(stream, position + 4 * index)) }
                    }
                    position += 4 * count
                }
            }
            editOffset = Int(CompoundFile.uint32(stream, data + 8))
            if editOffset == 0 { break }
        }
        return (offsets, document)
    }

    /// The slide list of the document container at `offset` (each slide's persist id and outline
    /// texts), and the notes list as notes id → persist id.
    private func slideLists(
        inDocumentAt offset: Int
    ) throws(Failure) -> (slides: [(persistId: UInt32, texts: [(Int?, String)])], notes: [UInt32: UInt32]) {
        guard let document = header(at: offset), document.type == RecordType.document, document.isContainer else { return ([], [:]) }
        var entries: [(persistId: UInt32, texts: [(Int?, String)])] = []
        var notes: [UInt32: UInt32] = [:]
        var textType: Int?
        var listInstance: UInt16?
        var listEnd = 0
        try walk(from: offset + 8, to: offset + 8 + document.length) { header, start in
            if start >= listEnd { listInstance = nil }
            if header.type == RecordType.slideListWithText {
                listInstance = header.instance
                listEnd = start + header.length
                return header.instance == 0 || header.instance == 2
            }
            if listInstance == 2, header.type == RecordType.slidePersistAtom {
                // NotesPersistAtom: persistIdRef, flags, numberTexts, notesId.
                notes[CompoundFile.uint32(stream, start + 12)] = CompoundFile.uint32(stream, start)
                return false
            }
            guard listInstance == 0 else { return !header.isContainer }
            switch header.type {
            case RecordType.slidePersistAtom:
                entries.append((CompoundFile.uint32(stream, start), []))
            case RecordType.textHeaderAtom:
                textType = Int(CompoundFile.uint32(stream, start))
            case RecordType.textCharsAtom, RecordType.textBytesAtom:
                if !entries.isEmpty { entries[entries.count - 1].texts.append((textType, text(of: header, at: start))) }
            default: break
            }
            return true
        }
        return (entries, notes)
    }

    /// The texts (with their text types) in the record at `offset` and its children, and the notes
    /// id of a slide's SlideAtom.
    private func texts(inRecordAt offset: Int) throws(Failure) -> (texts: [(Int?, String)], notesId: UInt32?) {
        guard let record = header(at: offset) else { throw Failure(description: "record header at \(offset) outside the stream") }
        guard record.isContainer else { return ([], nil) }
        var texts: [(Int?, String)] = []
        var textType: Int?
        var notesId: UInt32?
        try walk(from: offset + 8, to: offset + 8 + record.length) { header, start in
            switch header.type {
            case RecordType.mainMaster: return false
            case RecordType.slideAtom: notesId = CompoundFile.uint32(stream, start + 16)
            case RecordType.textHeaderAtom: textType = Int(CompoundFile.uint32(stream, start))
            case RecordType.textCharsAtom, RecordType.textBytesAtom: texts.append((textType, text(of: header, at: start)))
            default: break
            }
            return true
        }
        return (texts, notesId)
    }

    // MARK: - Records

    private func add(_ texts: [(Int?, String)], to slide: inout PowerPointSlideText, notes: Bool) {
        for (type, text) in texts {
            let lines = text.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\u{0B}" })
                .map { $0.trimmingCharacters(in: .whitespaces) }
                // "*" alone is the placeholder of a slide-number or date field.
                .filter { !$0.isEmpty && $0 != "*" }
            guard !lines.isEmpty else { continue }
            if notes {
                // A notes page's title placeholder (if any) is not part of the notes.
                if type != 0 && type != 6 { slide.notes += lines }
                continue
            }
            if (type == 0 || type == 6), slide.title == nil { slide.title = lines.joined(separator: " ") }
            for line in lines where !slide.lines.contains(line) || (type != 0 && type != 6) { slide.lines.append(line) }
        }
    }

    private func text(of header: Header, at start: Int) -> String {
        let end = min(start + header.length, stream.count)
        guard start < end else { return "" }
        if header.type == RecordType.textCharsAtom {
            let units = stride(from: start, to: end - 1, by: 2).map { UInt16(stream[$0]) | UInt16(stream[$0 + 1]) << 8 }
            return String(decoding: units, as: UTF16.self)
        }
        return SingleByteCodePage.windows1252.decode(stream[start..<end])
    }

    private func header(at offset: Int) -> Header? {
        guard offset >= 0, offset + 8 <= stream.count else { return nil }
        let versionAndInstance = CompoundFile.uint16(stream, offset)
        return Header(version: versionAndInstance & 0xF, instance: versionAndInstance >> 4, type: CompoundFile.uint16(stream, offset + 2),
                      length: Int(CompoundFile.uint32(stream, offset + 4)))
    }

    /// Visits the records between `start` and `end` depth first; `visit` gets each header and the
    /// offset of its data, and returns whether to descend into a container.
    private func walk(from start: Int, to end: Int, _ visit: (Header, Int) throws(Failure) -> Bool) throws(Failure) {
        var stack: [Int] = [min(end, stream.count)]
        var offset = start
        var steps = 0
        while let limit = stack.last {
            if offset + 8 > limit {
                stack.removeLast()
                offset = max(offset, limit)
                continue
            }
            steps += 1
            guard steps < 10_000_000, let header = header(at: offset) else { throw Failure(description: "record structure runs past the stream") }
            let dataStart = offset + 8
            let dataEnd = dataStart + header.length
            guard dataEnd <= limit else { throw Failure(description: "record at \(offset) runs past its container") }
            if try visit(header, dataStart), header.isContainer {
                stack.append(dataEnd)
                offset = dataStart
            } else {
                offset = dataEnd
            }
        }
    }
}
