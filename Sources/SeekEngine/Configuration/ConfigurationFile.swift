import Foundation

/// The optional JSON configuration file (`$SEEK_CONFIG`, else `<index>/config.json`, else
/// `$XDG_CONFIG_HOME/seek/config.json`). Every key is optional: a missing key keeps the default,
/// a CLI flag overrides the file. Unknown keys are an error, so a typo is not silently ignored.
///
///     {"model_dir": "/models/minilm", "embedding": {"threads": 2, "batch_size": 32, "precision": "bf16", "gemm": "auto"},
///      "index": {"max_file_mb": 50, "include_hidden": false, "overlap_tokens": 32, "workers": 2},
///      "search": {"k": 10, "mode": "hybrid", "rrf_k": 60, "fusion_method": "rrf", "rerank": "none", "rerank_depth": 50,
///                 "reranker": "cross-encoder/ms-marco-MiniLM-L-6-v2"},
///      "prf": {"feedback_docs": 5, "terms": 10, "original_weight": 0.5, "term_repeats": 4, "vector_weight": 0.5},
///      "ocr": {"enabled": true, "languages": ["eng", "deu"], "page_timeout_seconds": 120, "max_processes": 1},
///      "store": {"postgres": "postgres://seek@db.example/seek?sslmode=require"}}
public struct ConfigurationFile: Sendable, Equatable {
    public var values: [String: [String: ConfigurationValue]]
    public var modelDirectory: String?
    public var path: String?

    public init(values: [String: [String: ConfigurationValue]] = [:], modelDirectory: String? = nil, path: String? = nil) {
        self.values = values
        self.modelDirectory = modelDirectory
        self.path = path
    }

    /// Sections and keys Seek understands.
    public static let knownKeys: [String: Set<String>] = [
        "embedding": ["threads", "batch_size", "max_batch_tokens", "precision", "gemm"],
        "index": ["max_file_mb", "include_hidden", "follow_symlinks", "overlap_tokens", "workers", "in_process",
                  "worker_memory_limit_mb", "worker_max_batches", "batch_timeout_seconds", "spawn_timeout_seconds", "pool_idle_seconds"],
        "watch": ["debounce_ms", "max_delay_ms", "rescan_seconds"],
        "search": ["k", "mode", "rrf_k", "vector_weight", "keyword_weight", "candidates", "fusion", "fusion_method", "rerank", "rerank_depth", "reranker"],
        "prf": ["feedback_docs", "terms", "original_weight", "term_repeats", "vector_weight"],
        "ocr": ["enabled", "languages", "page_timeout_seconds", "max_processes"],
        "store": ["postgres"],
    ]

    public static func load(from url: URL) throws -> ConfigurationFile {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ConfigurationError.unreadable(path: url.path, reason: "it is a folder, not a file")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigurationError.unreadable(path: url.path, reason: FileManager.default.fileExists(atPath: url.path)
                ? "permission denied or unreadable" : "no such file")
        }
        if let syntax = syntaxError(in: data) {
            throw ConfigurationError.invalid(path: url.path, key: "", reason: "not valid JSON: \(syntax)")
        }
        let root: [String: Node]
        do { root = try JSONDecoder().decode([String: Node].self, from: data) } catch {
            throw ConfigurationError.invalid(path: url.path, key: "", reason: "must be a JSON object of sections, like {\"search\": {\"k\": 10}}")
        }
        var file = ConfigurationFile(path: url.path)
        for (section, node) in root {
            switch (section, node) {
            case ("model_dir", .scalar(.string(let directory))):
                file.modelDirectory = directory
            case ("model_dir", _):
                throw ConfigurationError.invalid(path: url.path, key: section, reason: "must be a string")
            case (_, .section(let entries)):
                guard let keys = knownKeys[section] else {
                    throw ConfigurationError.invalid(
                        path: url.path, key: section, reason: "unknown section (known: model_dir, \(knownKeys.keys.sorted().joined(separator: ", ")))")
                }
                for key in entries.keys where !keys.contains(key) {
                    throw ConfigurationError.invalid(
                        path: url.path, key: "\(section).\(key)", reason: "unknown key (known: \(keys.sorted().joined(separator: ", ")))")
                }
                file.values[section] = entries
            case (_, .scalar):
                throw ConfigurationError.invalid(path: url.path, key: section, reason: "must be an object")
            }
        }
        return file
    }

    /// Where `data` is not JSON, as "line L, column C: what is wrong"; nil when it parses.
    static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            // Foundation names the offset ("around character 22"); people want a line and a column.
            guard let range = description.range(of: #"character (\d+)"#, options: .regularExpression),
                  let offset = Int(description[range].dropFirst("character ".count)) else { return description }
            let prefix = data.prefix(max(0, offset))
            let line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = prefix.count - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            let what = description.components(separatedBy: " around").first ?? description
            return "line \(line), column \(column): \(what.hasSuffix(".") ? String(what.dropLast()) : what)"
        }
    }

    /// A top-level entry: a section object or a scalar (model_dir).
    enum Node: Decodable {
        case section([String: ConfigurationValue])
        case scalar(ConfigurationValue)

        init(from decoder: Decoder) throws {
            if let entries = try? [String: ConfigurationValue](from: decoder) {
                self = .section(entries)
            } else {
                self = .scalar(try ConfigurationValue(from: decoder))
            }
        }
    }

    func int(_ section: String, _ key: String) throws -> Int? {
        guard let value = values[section]?[key] else { return nil }
        guard case .number(let number) = value, number.rounded() == number else {
            throw ConfigurationError.invalid(path: path ?? "", key: "\(section).\(key)", reason: "must be a whole number")
        }
        return Int(number)
    }

    func double(_ section: String, _ key: String) throws -> Double? {
        guard let value = values[section]?[key] else { return nil }
        guard case .number(let number) = value else {
            throw ConfigurationError.invalid(path: path ?? "", key: "\(section).\(key)", reason: "must be a number")
        }
        return number
    }

    func bool(_ section: String, _ key: String) throws -> Bool? {
        guard let value = values[section]?[key] else { return nil }
        guard case .bool(let flag) = value else {
            throw ConfigurationError.invalid(path: path ?? "", key: "\(section).\(key)", reason: "must be true or false")
        }
        return flag
    }

    func strings(_ section: String, _ key: String) throws -> [String]? {
        guard let value = values[section]?[key] else { return nil }
        guard case .strings(let list) = value else {
            throw ConfigurationError.invalid(path: path ?? "", key: "\(section).\(key)", reason: "must be a list of strings")
        }
        return list
    }

    func string(_ section: String, _ key: String) throws -> String? {
        guard let value = values[section]?[key] else { return nil }
        guard case .string(let text) = value else {
            throw ConfigurationError.invalid(path: path ?? "", key: "\(section).\(key)", reason: "must be a string")
        }
        return text
    }
}

/// A value from the configuration file: a scalar, or a list of strings (`"languages": ["eng"]`).
public enum ConfigurationValue: Sendable, Equatable, Decodable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case strings([String])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            self = .strings(list)
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}
