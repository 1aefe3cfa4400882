import Foundation

/// Texts for `seek bench embed --texts FILE`: JSON lines with "text" (and an optional "title",
/// joined as `title + " " + text` like BEIR corpora), or else one text per line.
public enum TextCorpus {
    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case empty(path: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read texts from \(path): \(reason)"
            case .empty(let path): "\(path) holds no texts"
            }
        }
    }

    public static func load(_ url: URL) throws -> [String] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LoadError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !lines.isEmpty else { throw LoadError.empty(path: url.path) }
        let objects = lines.map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        if objects.allSatisfy({ $0?["text"] is String }) {
            return objects.map { object in
                let text = object?["text"] as? String ?? ""
                guard let title = object?["title"] as? String, !title.isEmpty else { return text }
                return (title + " " + text).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return lines
    }
}
