// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "commons",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "commons", targets: ["commons"]),
        .library(name: "CommonsCore", targets: ["CommonsCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Without its swift-configuration support, which commons does not use and which costs build time.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // Already built for the HTTP packages above; commons uses its SHA-256.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CGumbo",
            pkgConfig: "gumbo",
            providers: [.apt(["libgumbo-dev"])]
        ),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CRenameExchange"),
        // gumbo's parses, guarded against its own assertions (see include/gumbo_guard.h).
        .target(name: "CGumboGuard", dependencies: ["CGumbo"]),
        .target(name: "CommonsGit", dependencies: ["CGit2"]),
        .target(name: "CommonsMarkdown", dependencies: ["CCmarkGFM", "CGumbo", "CGumboGuard"]),
        .target(
            name: "CommonsCore",
            dependencies: [
                "CommonsGit",
                "CommonsMarkdown",
                "CRenameExchange",
                "CStemmer",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedSiteTemplate"]
        ),
        .target(
            name: "CommonsServe",
            dependencies: [
                "CommonsCore",
                "CommonsGit",
                "CommonsMarkdown",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CommonsMCP",
            dependencies: [
                "CommonsCore",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "site-template-embedder", path: "Sources/SiteTemplateEmbedder"),
        .plugin(
            name: "EmbedSiteTemplate",
            capability: .buildTool(),
            dependencies: ["site-template-embedder"],
            path: "Sources/EmbedSiteTemplatePlugin"
        ),
        .executableTarget(
            name: "commons",
            dependencies: [
                "CommonsCore",
                "CommonsServe",
                "CommonsMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CommonsGitTests", dependencies: ["CommonsGit", "TestSupport"]),
        .testTarget(
            name: "CommonsMarkdownTests",
            dependencies: ["CommonsMarkdown", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CommonsCoreTests",
            dependencies: [
                "CommonsCore", "CommonsGit", "CommonsMarkdown", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["commons", "TestSupport"]),
    ]
)

// Fuzz targets, run with libFuzzer by `make fuzz` and `make fuzz-ci` (see content/Fuzzing.md). Built
// without COMMONS_FUZZ, each is a small program that runs its checks once on the files it is given.
let fuzzTargets: [(name: String, folder: String, dependencies: [Target.Dependency])] = [
    ("fuzz-markdown", "FuzzMarkdown", ["CommonsMarkdown", "CommonsCore"]),
    ("fuzz-front-matter", "FuzzFrontMatter", ["CommonsCore"]),
    ("fuzz-wikilinks", "FuzzWikilinks", ["CommonsMarkdown"]),
    ("fuzz-redaction", "FuzzRedaction", ["CommonsMarkdown"]),
    ("fuzz-serve-path", "FuzzServePath", ["CommonsServe"]),
    ("fuzz-mcp-request", "FuzzMCPRequest", ["CommonsMCP", "CommonsCore", "TestSupport", .product(name: "MCP", package: "swift-sdk")]),
]
package.targets += [
    .systemLibrary(name: "CFuzzerDriver", path: "Tests/Fuzz/CFuzzerDriver"),
    .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"], path: "Tests/Fuzz/FuzzSupport"),
] + fuzzTargets.map { target in
    .executableTarget(name: target.name, dependencies: target.dependencies + ["FuzzSupport"], path: "Tests/Fuzz/\(target.folder)")
}
