// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way:
// SeekCore -> SeekKernels -> SeekEmbedding / SeekIngest / SeekStore -> SeekPool / SeekIndexing / SeekSearch / SeekWatch
//   -> SeekEngine (the engine core every front end shares) -> SeekMCP (the MCP server) / SeekBench (benchmarks)
//   -> SeekCLI (the `seek` executable).
let package = Package(
    name: "Seek",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "seek", targets: ["SeekCLI"]),
        .library(name: "SeekEngine", targets: ["SeekEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The official Model Context Protocol SDK (product `MCP`): `seek mcp`.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // Only for the MCP tests' real HTTP exchange (a tiny HTTP/1.1 server around the /mcp endpoint).
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        // `seek serve`: the HTTP server, its graceful shutdown and its Prometheus metrics (SeekServer only).
        // Without the default `ConfigurationSupport` trait: Seek configures the server itself, and
        // swift-configuration would only add build time.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The PostgreSQL + pgvector store (SeekPostgres: the engine's `--store postgres://`; SeekBench measures it).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // BLAS: OpenBLAS on Linux (libopenblas-dev), Accelerate on macOS.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),
        // Charset detection for text files: uchardet (libuchardet-dev), Mozilla's universal detector.
        .systemLibrary(
            name: "CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"]), .brew(["uchardet"])]
        ),
        // gzip decompression for `.gz` files: zlib (zlib1g-dev); ZIPFoundation already takes the name CZlib.
        .systemLibrary(
            name: "CZlibInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // SHA-256 on Linux: OpenSSL's libcrypto (libssl-dev); CryptoKit on macOS.
        .systemLibrary(
            name: "CLibcrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // oneDNN (libdnnl-dev) on Linux: the GEMM backend that also runs bf16 and int8 products.
        .systemLibrary(
            name: "CDNNL",
            providers: [.apt(["libdnnl-dev"])]
        ),
        // Seek's C glue to oneDNN's matmul primitive (per-thread streams and primitive caches).
        .target(
            name: "CSeekOneDNN",
            dependencies: [.target(name: "CDNNL", condition: .when(platforms: [.linux]))],
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("dnnl", .when(platforms: [.linux]))]
        ),
        .target(
            name: "SeekCore",
            dependencies: [
                .target(name: "CLibcrypto", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // AVX2/FMA elementwise kernels, selected at run time.
        .target(
            name: "CSeekKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .target(
            name: "SeekKernels",
            dependencies: ["SeekCore", "CBLAS", "CSeekKernels", "CSeekOneDNN"],
            linkerSettings: [
                .linkedLibrary("openblas", .when(platforms: [.linux])),
                .linkedFramework("Accelerate", .when(platforms: [.macOS])),
            ]
        ),
        .target(
            name: "SeekEmbedding",
            dependencies: [
                "SeekCore", "SeekKernels",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "SeekIngest",
            dependencies: [
                "SeekCore", "CUchardet", "CZlibInflate",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "SeekStore",
            dependencies: [
                "SeekCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the bulk vector loaders only (VectorBlobScanner).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SeekPool",
            dependencies: [
                "SeekCore", "SeekKernels", "SeekEmbedding",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "SeekIndexing",
            dependencies: [
                "SeekCore", "SeekEmbedding", "SeekIngest", "SeekStore",
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "SeekSearch",
            dependencies: [
                "SeekCore", "SeekKernels", "SeekEmbedding", "SeekStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // File-system watching: inotify on Linux, FSEvents on macOS.
        .target(
            name: "SeekWatch",
            dependencies: [
                "SeekCore", "SeekIngest",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SeekEngine",
            dependencies: [
                "SeekCore", "SeekKernels", "SeekEmbedding", "SeekIngest", "SeekStore", "SeekPool", "SeekIndexing", "SeekSearch",
                "SeekWatch", "SeekPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                // The front matter of agent memories (`MemoryService`).
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The MCP server: Seek's tools and resources for AI agents over stdio, and the Streamable HTTP
        // endpoint a web server mounts at /mcp. MCP's names (`HTTPRequest`, `RequestContext`) stay here.
        .target(
            name: "SeekMCP",
            dependencies: [
                "SeekEngine", "SeekCore",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `seek serve`: the HTTP API, the web UI (package resources), SSE events, /metrics and /mcp.
        // Hummingbird stays here (and in SeekCLI, which starts it).
        .target(
            name: "SeekServer",
            dependencies: [
                "SeekEngine", "SeekCore", "SeekMCP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Web")]
        ),
        // The PostgreSQL + pgvector index store for teams (issue 18). Reuses SeekStore's value types
        // (FileInput, ChunkDraft, VectorCodec) and SeekSearch's ranking (fusion, grouping, reranking);
        // the engine opens it for `--store postgres://`.
        .target(
            name: "SeekPostgres",
            dependencies: [
                "SeekCore", "SeekEmbedding", "SeekStore", "SeekSearch",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Its pool's errors (a server that stays unreachable), to say what they mean.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks and the search suite: `seek bench ...`. No production target depends on it.
        .target(
            name: "SeekBench",
            dependencies: [
                "SeekEngine", "SeekCore", "SeekKernels", "SeekEmbedding", "SeekIngest", "SeekStore", "SeekPool", "SeekIndexing",
                "SeekSearch",
                // `seek bench store --backend postgres`: the store benchmark writes through the real store.
                "SeekPostgres",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "SeekCLI",
            dependencies: [
                "SeekEngine", "SeekBench", "SeekCore", "SeekKernels", "SeekMCP", "SeekServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Shared by the test targets: model location, the real `seek` binary, temp folders, fixtures.
        .target(name: "SeekTestSupport", path: "Tests/SeekTestSupport"),
        .testTarget(name: "SeekCoreTests", dependencies: ["SeekTestSupport", "SeekCore"]),
        .testTarget(name: "SeekKernelsTests", dependencies: ["SeekTestSupport", "SeekKernels"]),
        .testTarget(name: "SeekEmbeddingTests", dependencies: ["SeekTestSupport", "SeekEmbedding", "SeekCore"]),
        .testTarget(name: "SeekIngestTests", dependencies: ["SeekTestSupport", "SeekIngest", "SeekCore", "SeekEmbedding"]),
        .testTarget(
            name: "SeekEngineTests",
            dependencies: [
                "SeekTestSupport", "SeekEngine", "SeekCore", "SeekStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "SeekWatchTests", dependencies: ["SeekTestSupport", "SeekWatch", "SeekIngest", "SeekCore"]),
        .testTarget(
            name: "SeekBenchTests",
            dependencies: [
                "SeekTestSupport", "SeekBench", "SeekEngine", "SeekStore", "SeekCore", "SeekEmbedding", "SeekIngest", "SeekKernels",
                "SeekPostgres",
            ]
        ),
        .testTarget(
            name: "SeekCLITests",
            dependencies: ["SeekTestSupport", "SeekKernels", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SeekPoolTests",
            dependencies: [
                "SeekTestSupport", "SeekPool", "SeekEmbedding", "SeekKernels", "SeekCore", "SeekBench",
                // A recording metrics factory, to check the pool's counters and gauges.
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                // The logger `SupervisorState` takes, for driving it without processes.
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SeekIndexingTests",
            dependencies: [
                "SeekTestSupport", "SeekIndexing", "SeekStore", "SeekEmbedding", "SeekIngest", "SeekCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // A recording metrics factory, to check the run's counters, timers and gauges.
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "SeekSearchTests",
            dependencies: ["SeekTestSupport", "SeekSearch", "SeekStore", "SeekKernels", "SeekEmbedding", "SeekCore", "SeekBench"]
        ),
        .testTarget(
            name: "SeekMCPTests",
            dependencies: [
                "SeekTestSupport", "SeekMCP", "SeekEngine", "SeekCore",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SeekServerTests",
            dependencies: [
                "SeekTestSupport", "SeekServer", "SeekEngine", "SeekCore",
                // Real sockets (`LoopbackServer`), not HummingbirdTesting: that one pulls in
                // AsyncHTTPClient, swift-nio-ssl (BoringSSL) and HTTP/2, minutes of build on 2 cores.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "SeekStoreTests",
            dependencies: [
                "SeekTestSupport", "SeekStore", "SeekCore",
                // Only to check the SQLite file independently of the store's own SQL.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Against a real PostgreSQL with pgvector (`make test` starts one; SEEK_TEST_POSTGRES_URL).
        .testTarget(
            name: "SeekPostgresTests",
            dependencies: [
                "SeekTestSupport", "SeekPostgres", "SeekStore", "SeekCore", "SeekSearch", "SeekEmbedding", "SeekBench",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
