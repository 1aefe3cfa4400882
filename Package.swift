// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way:
// SeekCore -> SeekKernels -> SeekEmbedding / SeekIngest / SeekStore -> SeekPool -> SeekIndexing / SeekSearch
//   -> SeekEngine (facade) -> SeekCLI (the `seek` executable).
let package = Package(
    name: "Seek",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "seek", targets: ["SeekCLI"]),
        .library(name: "SeekEngine", targets: ["SeekEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // BLAS: OpenBLAS on Linux (libopenblas-dev), Accelerate on macOS.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),
        .target(
            name: "SeekCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SeekKernels",
            dependencies: ["CBLAS"],
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
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "SeekIngest",
            dependencies: [
                "SeekCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
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
                "SeekCore", "SeekEmbedding",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "SeekIndexing",
            dependencies: [
                "SeekCore", "SeekEmbedding", "SeekIngest", "SeekStore", "SeekPool",
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
        .target(
            name: "SeekEngine",
            dependencies: [
                "SeekCore", "SeekEmbedding", "SeekIngest", "SeekStore", "SeekPool", "SeekIndexing", "SeekSearch",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .executableTarget(
            name: "SeekCLI",
            dependencies: [
                "SeekEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SeekCoreTests", dependencies: ["SeekCore"]),
        .testTarget(name: "SeekKernelsTests", dependencies: ["SeekKernels"]),
        .testTarget(name: "SeekEmbeddingTests", dependencies: ["SeekEmbedding", "SeekCore"]),
        .testTarget(name: "SeekIngestTests", dependencies: ["SeekIngest", "SeekCore", "SeekEmbedding"]),
        .testTarget(
            name: "SeekStoreTests",
            dependencies: [
                "SeekStore", "SeekCore",
                // Only to check the SQLite file independently of the store's own SQL.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
