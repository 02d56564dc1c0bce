// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenKit", targets: ["SitegenKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "MustacheEngine", swiftSettings: swiftSettings),
        // The citation style processor (issue #18): no I/O, no knowledge of pages.
        .target(name: "CSL", swiftSettings: swiftSettings),
        .target(
            name: "SitegenKit",
            dependencies: [
                "CCmark",
                "CSL",
                "MustacheEngine",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SitegenServer",
            dependencies: [
                "SitegenKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenKit",
                "SitegenServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fuzz targets for the readers; `Fuzz/run` builds them with libFuzzer and address sanitizer.
        .executableTarget(
            name: "sitegen-fuzz",
            dependencies: ["SitegenKit", "CSL"],
            path: "Fuzz/Sources",
            swiftSettings: swiftSettings
        ),
        // How fast the CSL module prints entries (Benchmarks/RESULTS.md); not part of the product.
        .executableTarget(
            name: "csl-bench",
            dependencies: ["CSL"],
            path: "Benchmarks/CSLBench",
            swiftSettings: swiftSettings
        ),
        // What the test targets share (a seeded random generator); not part of the product.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SitegenKitTests",
            dependencies: ["SitegenKit", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CSLTests",
            dependencies: ["CSL", "TestSupport"],
            exclude: [
                "Fixtures", "make-xml-golden.py", "make-pandoc-golden.py", "make-failure-list.py", "make-builtins.py", "compare-site-with-pandoc.py",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MustacheEngineTests",
            dependencies: ["MustacheEngine", "TestSupport", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SitegenServerTests",
            dependencies: [
                "SitegenServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
