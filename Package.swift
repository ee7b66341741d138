// swift-tools-version:6.0
// RunQL: one GraphQL endpoint over physics run registries.
// No package dependencies: Foundation, Dispatch, Glibc, libmongoc and libpq only.
import PackageDescription

let package = Package(
    name: "RunQL",
    products: [
        .executable(name: "runql", targets: ["Gateway"]),
        .library(name: "GraphQLKit", targets: ["GraphQLKit"]),
        .library(name: "Resolvers", targets: ["Resolvers"]),
    ],
    targets: [
        // C libraries, wrapped once in Resolvers / Gateway; nothing above the wrappers sees their pointers.
        .systemLibrary(name: "CMongo", pkgConfig: "libmongoc-1.0", providers: [.apt(["libmongoc-dev", "libbson-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Header-only shims: epoll, eventfd and accept4; malloc_trim. Glibc's module exports neither.
        .systemLibrary(name: "CEpoll"),
        .systemLibrary(name: "CMalloc"),

        // The GraphQL engine: Swift standard library and Foundation only.
        .target(name: "GraphQLKit"),
        // Registries and the connectors under them.
        .target(name: "Resolvers", dependencies: ["GraphQLKit", "CMongo", "CLibPQ", "CMalloc"]),
        // The `runql` binary: HTTP server, GraphQL over HTTP, ops endpoints, config, CLI.
        .executableTarget(name: "Gateway", dependencies: ["GraphQLKit", "Resolvers", "CEpoll"]),
        // Release-build benchmark harness: `swift run -c release runql-bench`.
        .executableTarget(name: "runql-bench", dependencies: ["GraphQLKit", "Resolvers"], path: "Benchmarks"),

        .testTarget(name: "GraphQLKitTests", dependencies: ["GraphQLKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ResolversTests", dependencies: ["Resolvers", "GraphQLKit"]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway", "GraphQLKit", "Resolvers"]),
    ],
    swiftLanguageModes: [.v6]
)
