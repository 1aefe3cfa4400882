import Foundation
import SeekEngine
import SeekTestSupport
import Testing

/// `SeekSettings.resolve`: for every setting, a flag beats the environment, which beats the
/// configuration file, which beats the documented default; every key the file accepts changes
/// a setting, and nothing else is accepted.
struct SeekSettingsTests {
    /// A scratch index directory whose `config.json` holds `json`.
    func scratch(config json: String? = nil) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("seek-settings")
        if let json { try folder.write(json, to: "index/config.json") }
        return folder
    }

    func resolve(_ folder: TemporaryDirectory, _ flags: CommandLineSettings = CommandLineSettings(),
                 environment: [String: String] = [:]) throws -> SeekSettings {
        var flags = flags
        if flags.indexDirectory == nil, environment["SEEK_INDEX"] == nil { flags.indexDirectory = folder.file("index").path }
        // XDG_CONFIG_HOME points into the scratch folder: no user configuration leaks in.
        var environment = environment
        environment["XDG_CONFIG_HOME"] = environment["XDG_CONFIG_HOME"] ?? folder.file("xdg").path
        return try SeekSettings.resolve(flags, environment: environment)
    }

    @Test func defaultsAreTheDocumentedOnes() throws {
        let folder = try scratch()
        defer { folder.remove() }
        let settings = try resolve(folder)
        #expect(settings.searchK == 10 && settings.searchMode == .hybrid)
        #expect(settings.indexing.scan.maxFileBytes == 50 << 20 && !settings.indexing.scan.includeHidden)
        #expect(!settings.indexing.scan.followSymlinks)
        #expect(settings.indexing.chunking.overlapTokens == 32)
        #expect(!settings.inProcessEmbedding && settings.workers == ProcessInfo.processInfo.activeProcessorCount)
        #expect(settings.poolIdleSeconds == 60)
        #expect(settings.watch == WatchSettings(debounceMilliseconds: 500, maxDelayMilliseconds: 5_000, rescanSeconds: 60))
        #expect(settings.configurationFile == nil)
        #expect(settings.indexDirectory.path == folder.file("index").path)
        #expect(settings.search.rerank == .none && settings.search.fusionMethod == .rrf)
        let feedback = settings.search.feedback
        #expect(feedback.feedbackDocuments == 5 && feedback.expansionTerms == 10 && feedback.originalQueryWeight == 0.5)
        #expect(feedback.termRepeats == 4 && feedback.feedbackVectorWeight == 0.5)
        #expect(settings.embedding.precision == .fp32 && settings.embedding.gemm == .auto)
    }

    @Test func indexDirectoryFlagBeatsEnvironmentBeatsDefault() throws {
        let folder = try scratch()
        defer { folder.remove() }
        let fromEnvironment = try resolve(folder, environment: ["SEEK_INDEX": folder.file("env-index").path])
        #expect(fromEnvironment.indexDirectory.path == folder.file("env-index").path)
        let fromFlag = try resolve(folder, CommandLineSettings(indexDirectory: folder.file("flag-index").path),
                                   environment: ["SEEK_INDEX": folder.file("env-index").path])
        #expect(fromFlag.indexDirectory.path == folder.file("flag-index").path)
        let cwd = FileManager.default.currentDirectoryPath
        let fallback = try SeekSettings.resolve(CommandLineSettings(), environment: ["XDG_CONFIG_HOME": folder.file("xdg").path])
        #expect(fallback.indexDirectory.path == URL(fileURLWithPath: cwd).appendingPathComponent(".seek").standardizedFileURL.path)
    }

    @Test func configFileFlagBeatsEnvironmentBeatsIndexFileBeatsUserFile() throws {
        let folder = try scratch(config: #"{"search": {"k": 11}}"#)
        defer { folder.remove() }
        try folder.write(#"{"search": {"k": 12}}"#, to: "xdg/seek/config.json")
        try folder.write(#"{"search": {"k": 13}}"#, to: "env.json")
        try folder.write(#"{"search": {"k": 14}}"#, to: "flag.json")
        #expect(try resolve(folder).searchK == 11)
        #expect(try resolve(folder, environment: ["SEEK_CONFIG": folder.file("env.json").path]).searchK == 13)
        var flags = CommandLineSettings()
        flags.configPath = folder.file("flag.json").path
        #expect(try resolve(folder, flags, environment: ["SEEK_CONFIG": folder.file("env.json").path]).searchK == 14)
        try FileManager.default.removeItem(at: folder.file("index/config.json"))
        #expect(try resolve(folder).searchK == 12)
    }

    @Test func modelDirectoryFlagBeatsEnvironmentBeatsFile() throws {
        let folder = try scratch(config: #"{"model_dir": "/from/file"}"#)
        defer { folder.remove() }
        #expect(try resolve(folder).modelStore.explicitDirectory?.path == "/from/file")
        #expect(try resolve(folder, environment: ["SEEK_MODEL_DIR": "/from/env"]).modelStore.explicitDirectory?.path == "/from/env")
        #expect(try resolve(folder, CommandLineSettings(modelDirectory: "/from/flag"), environment: ["SEEK_MODEL_DIR": "/from/env"])
            .modelStore.explicitDirectory?.path == "/from/flag")
    }

    /// `--store` beats `$SEEK_STORE` beats the file's `store.postgres`; SQLite is the default; a
    /// value that is neither `sqlite` nor a usable postgres:// URL is refused, naming where it came from.
    @Test func storeFlagBeatsEnvironmentBeatsFile() throws {
        let folder = try scratch(config: #"{"store": {"postgres": "postgres://seek@file.example/filedb"}}"#)
        defer { folder.remove() }
        #expect(try resolve(folder).store.postgres?.host == "file.example")
        #expect(try resolve(folder, environment: ["SEEK_STORE": "postgresql://seek@env.example/envdb?namespace=ci"]).store.postgres?.namespace == "ci")
        var flags = CommandLineSettings()
        flags.store = "sqlite"
        #expect(try resolve(folder, flags, environment: ["SEEK_STORE": "postgres://seek@env.example/envdb"]).store == .sqlite)
        let plain = try scratch()
        defer { plain.remove() }
        #expect(try resolve(plain).store == .sqlite)
        for (value, source) in [("mysql://seek@host/db", "--store"), ("postgres://host/db", "--store"), ("postgres://seek@host/db?hnsw_m=1", "--store")] {
            flags.store = value
            #expect { try resolve(plain, flags) } throws: { error in
                "\(error)".contains(source) && !"\(error)".contains("secret")
            }
        }
        flags.store = "postgres://seek:secret@host/db?bogus=1"
        #expect { try resolve(plain, flags) } throws: { error in "\(error)".contains("bogus") && !"\(error)".contains("secret") }
    }

    /// Every key with a flag: the flag beats the file, the file beats the default.
    @Test func everyFlagBeatsTheFileWhichBeatsTheDefault() throws {
        typealias Case = (file: String, flag: (inout CommandLineSettings) -> Void, read: (SeekSettings) -> String,
                          fileValue: String, flagValue: String)
        let cases: [String: Case] = [
            "embedding.threads": (#"{"embedding": {"threads": 3}}"#, { $0.threads = 4 }, { "\($0.embedding.threads)" }, "3", "4"),
            "embedding.batch_size": (#"{"embedding": {"batch_size": 8}}"#, { $0.batchSize = 16 }, { "\($0.embedding.batchSize)" }, "8", "16"),
            "embedding.precision": (#"{"embedding": {"precision": "int8"}}"#, { $0.precision = "bf16" },
                                    { $0.embedding.precision.rawValue }, "int8", "bf16"),
            "embedding.gemm": (#"{"embedding": {"gemm": "reference"}}"#, { $0.gemm = "openblas" }, { $0.embedding.gemm.rawValue }, "reference", "openblas"),
            "index.max_file_mb": (#"{"index": {"max_file_mb": 2}}"#, { $0.maxFileMB = 3 }, { "\($0.indexing.scan.maxFileBytes >> 20)" }, "2", "3"),
            "index.include_hidden": (#"{"index": {"include_hidden": true}}"#, { $0.includeHidden = false },
                                     { "\($0.indexing.scan.includeHidden)" }, "true", "false"),
            "index.follow_symlinks": (#"{"index": {"follow_symlinks": true}}"#, { $0.followSymlinks = false },
                                      { "\($0.indexing.scan.followSymlinks)" }, "true", "false"),
            "index.overlap_tokens": (#"{"index": {"overlap_tokens": 16}}"#, { $0.overlapTokens = 8 },
                                     { "\($0.indexing.chunking.overlapTokens)" }, "16", "8"),
            "index.in_process": (#"{"index": {"in_process": true}}"#, { $0.inProcess = false }, { "\($0.inProcessEmbedding)" }, "true", "false"),
            "index.workers": (#"{"index": {"workers": 3}}"#, { $0.workers = 1 }, { "\($0.workers)" }, "3", "1"),
            "watch.debounce_ms": (#"{"watch": {"debounce_ms": 200}}"#, { $0.debounceMilliseconds = 50 },
                                  { "\($0.watch.debounceMilliseconds)" }, "200", "50"),
            "search.k": (#"{"search": {"k": 5}}"#, { $0.searchK = 7 }, { "\($0.searchK)" }, "5", "7"),
            "search.mode": (#"{"search": {"mode": "vector"}}"#, { $0.searchMode = "keyword" }, { $0.searchMode.rawValue }, "vector", "keyword"),
            "search.rerank": (#"{"search": {"rerank": "prf"}}"#, { $0.rerank = "none" }, { $0.search.rerank.rawValue }, "prf", "none"),
        ]
        let defaults = try {
            let folder = try scratch()
            defer { folder.remove() }
            return try resolve(folder)
        }()
        for (key, test) in cases {
            let folder = try scratch(config: test.file)
            defer { folder.remove() }
            let fromFile = try resolve(folder)
            #expect(test.read(fromFile) == test.fileValue, "\(key) from the file")
            #expect(test.read(fromFile) != test.read(defaults), "\(key): the file value must differ from the default")
            var flags = CommandLineSettings()
            test.flag(&flags)
            #expect(test.read(try resolve(folder, flags)) == test.flagValue, "\(key) from the flag")
        }
    }

    /// Every key `ConfigurationFile` accepts changes its setting, and the two lists agree.
    @Test func everyKnownKeyChangesItsSetting() throws {
        let changes: [String: (value: String, read: (SeekSettings) -> String)] = [
            "embedding.threads": ("3", { "\($0.embedding.threads)" }),
            "embedding.batch_size": ("8", { "\($0.embedding.batchSize)" }),
            // The pool's requests follow: one request is one forward pass of a worker.
            "embedding.max_batch_tokens": ("1024", { "\($0.embedding.maxBatchTokens)/\($0.pool.maxBatchTokens)" }),
            "embedding.precision": (#""auto""#, { $0.embedding.precision.rawValue }),
            "embedding.gemm": (#""onednn""#, { $0.embedding.gemm.rawValue }),
            "index.max_file_mb": ("2", { "\($0.indexing.scan.maxFileBytes)" }),
            "index.include_hidden": ("true", { "\($0.indexing.scan.includeHidden)" }),
            "index.follow_symlinks": ("true", { "\($0.indexing.scan.followSymlinks)" }),
            "index.overlap_tokens": ("16", { "\($0.indexing.chunking.overlapTokens)" }),
            "index.workers": ("3", { "\($0.workers)" }),
            "index.in_process": ("true", { "\($0.inProcessEmbedding)" }),
            "index.worker_memory_limit_mb": ("700", { "\($0.pool.memoryLimitMB)" }),
            "index.worker_max_batches": ("77", { "\($0.pool.restartAfterBatches)" }),
            "index.batch_timeout_seconds": ("9", { "\($0.pool.batchTimeoutSeconds)" }),
            "index.spawn_timeout_seconds": ("11", { "\($0.pool.spawnTimeoutSeconds)" }),
            "index.pool_idle_seconds": ("5", { "\($0.poolIdleSeconds)" }),
            "watch.debounce_ms": ("250", { "\($0.watch.debounceMilliseconds)" }),
            "watch.max_delay_ms": ("900", { "\($0.watch.maxDelayMilliseconds)" }),
            "watch.rescan_seconds": ("30", { "\($0.watch.rescanSeconds)" }),
            "search.k": ("5", { "\($0.searchK)" }),
            "search.mode": (#""keyword""#, { $0.searchMode.rawValue }),
            "search.rrf_k": ("30", { "\($0.search.fusion.k)" }),
            "search.vector_weight": ("1.5", { "\($0.search.fusion.weights)" }),
            "search.keyword_weight": ("0.5", { "\($0.search.fusion.weights)" }),
            "search.candidates": ("50", { "\($0.search.candidatesPerRetriever)" }),
            "search.fusion": (#""file""#, { $0.search.fusionLevel.rawValue }),
            "search.fusion_method": (#""combmnz""#, { $0.search.fusionMethod.rawValue }),
            "search.rerank": (#""prf""#, { $0.search.rerank.rawValue }),
            "search.rerank_depth": ("20", { "\($0.search.rerankDepth)" }),
            "search.reranker": (#""cross-encoder/ms-marco-TinyBERT-L-2-v2""#, { $0.search.reranker }),
            "prf.feedback_docs": ("8", { "\($0.search.feedback.feedbackDocuments)" }),
            "prf.terms": ("20", { "\($0.search.feedback.expansionTerms)" }),
            "prf.original_weight": ("0.7", { "\($0.search.feedback.originalQueryWeight)" }),
            "prf.term_repeats": ("8", { "\($0.search.feedback.termRepeats)" }),
            "prf.vector_weight": ("0.3", { "\($0.search.feedback.feedbackVectorWeight)" }),
            "ocr.enabled": ("false", { "\($0.ocr.enabled)" }),
            "ocr.languages": (#"["eng", "deu"]"#, { $0.ocr.languages.joined(separator: "+") }),
            "ocr.page_timeout_seconds": ("30", { "\($0.ocr.pageTimeoutSeconds)" }),
            "ocr.max_processes": ("2", { "\($0.ocr.maxConcurrentProcesses)" }),
            "store.postgres": (#""postgres://seek@db.example:6543/team""#, { $0.store.postgres.map { "\($0.host ?? "")/\($0.database)" } ?? "sqlite" }),
        ]
        let known = Set(ConfigurationFile.knownKeys.flatMap { section, keys in keys.map { "\(section).\($0)" } })
        #expect(known == Set(changes.keys), "ConfigurationFile.knownKeys and the settings disagree")
        let folder = try scratch()
        defer { folder.remove() }
        let defaults = try resolve(folder)
        for (key, change) in changes {
            let parts = key.split(separator: ".")
            try folder.write(#"{"\#(parts[0])": {"\#(parts[1])": \#(change.value)}}"#, to: "index/config.json")
            let settings = try resolve(folder)
            #expect(change.read(settings) != change.read(defaults), "\(key) = \(change.value) changed nothing")
        }
        // The pool's requests are one forward pass of a worker: its limits follow the embedding's.
        #expect(defaults.pool.maxBatchTokens == defaults.embedding.maxBatchTokens && defaults.pool.batchSize == defaults.embedding.batchSize)
    }

    @Test func badValuesNameTheKeyAndTheFile() throws {
        let cases = [
            #"{"search": {"k": 0}}"#: "k", #"{"search": {"mode": "fuzzy"}}"#: "mode", #"{"index": {"workers": 0}}"#: "workers",
            #"{"index": {"max_file_mb": -1}}"#: "max_file_mb", #"{"watch": {"debounce_ms": -5}}"#: "debounce_ms",
            #"{"search": {"kk": 1}}"#: "search.kk",
            #"{"search": {"rerank": "bert"}}"#: "rerank", #"{"search": {"fusion_method": "borda"}}"#: "search.fusion_method",
            #"{"embedding": {"precision": "fp16"}}"#: "embedding.precision", #"{"embedding": {"gemm": "mkl"}}"#: "embedding.gemm",
            #"{"embedding": {"precision": 16}}"#: "embedding.precision",
            #"{"prf": {"original_weight": 2}}"#: "prf", #"{"prf": {"feedback_docs": 0}}"#: "prf", #"{"nonsense": {}}"#: "nonsense", #"{"index": {"workers": "two"}}"#: "index.workers",
        ]
        for (json, key) in cases {
            let folder = try scratch(config: json)
            defer { folder.remove() }
            do {
                _ = try resolve(folder)
                Issue.record("\(json) was accepted")
            } catch {
                #expect("\(error)".contains(key), "\(error) does not name \(key)")
                #expect("\(error)".contains(folder.file("index/config.json").path))
            }
        }
    }

    /// `SEEK_GEMM` beats the file and loses to `--gemm`, like every environment variable (so
    /// `seek doctor` and the embedder agree on the backend it asks for).
    @Test func gemmFlagBeatsEnvironmentBeatsFile() throws {
        let folder = try scratch(config: #"{"embedding": {"gemm": "onednn"}}"#)
        defer { folder.remove() }
        #expect(try resolve(folder).embedding.gemm == .onednn)
        #expect(try resolve(folder, environment: ["SEEK_GEMM": "reference"]).embedding.gemm == .reference)
        #expect(try resolve(folder, environment: ["SEEK_GEMM": "blas"]).embedding.gemm == .openblas)
        var flags = CommandLineSettings()
        flags.gemm = "auto"
        #expect(try resolve(folder, flags, environment: ["SEEK_GEMM": "reference"]).embedding.gemm == .auto)
        #expect(throws: ConfigurationError.self) { try resolve(folder, environment: ["SEEK_GEMM": "mkl"]) }
    }

    /// An unknown `--precision` or `--gemm` (flag or file) names where it came from and every
    /// allowed value; a flag beats a bad file value without reading it.
    @Test func unknownPrecisionOrGEMMNamesTheAllowedValues() throws {
        let folder = try scratch(config: #"{"embedding": {"precision": "fp8", "gemm": "mkl"}}"#)
        defer { folder.remove() }
        do {
            _ = try resolve(folder)
            Issue.record("precision fp8 was accepted")
        } catch {
            #expect("\(error)".contains("embedding.precision") && "\(error)".contains("'fp8' is not one of auto, fp32, bf16, int8"), "\(error)")
        }
        var flags = CommandLineSettings()
        flags.precision = "bf16"
        do {
            _ = try resolve(folder, flags)
            Issue.record("gemm mkl was accepted")
        } catch {
            #expect("\(error)".contains("embedding.gemm") && "\(error)".contains("'mkl' is not one of auto, openblas, onednn, reference"), "\(error)")
        }
        flags.gemm = "reference"
        let settings = try resolve(folder, flags)
        #expect(settings.embedding.precision == .bf16 && settings.embedding.gemm == .reference)
        let clean = try scratch()
        defer { clean.remove() }
        for (flag, value) in [("--precision", "half"), ("--gemm", "cublas")] {
            var bad = CommandLineSettings()
            if flag == "--precision" { bad.precision = value } else { bad.gemm = value }
            do {
                _ = try resolve(clean, bad)
                Issue.record("\(flag) \(value) was accepted")
            } catch {
                #expect("\(error)".contains(flag) && "\(error)".contains("'\(value)' is not one of"), "\(error)")
            }
        }
    }
}
