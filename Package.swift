// swift-tools-version:6.0
import PackageDescription

// The engine (FixedPoint, KitsuneEmbedded) and the program (kitsune-lite) are written so that
// they also compile in Embedded Swift mode for routers; `make embedded-check` proves it. This
// manifest is the host build: development, tests and benchmarks.
// The engine is generic over its arithmetic. Its clients use it as `Kitsune<Float>` or
// `Kitsune<Q16>`, which are fast only if they are specialised in the client module: the
// engine's hot paths are `@inlinable` (with `@usableFromInline` internals), as swift-numerics
// does, so any package that depends on this one gets them specialised. No unsafe flags: a
// package with them cannot be depended on. The engine's per-packet state lives in arena cells
// (`ArenaCell`), not in class `var`s, so there are no run-time exclusivity checks to pay for.
let engineSettings: [SwiftSetting] = [
    .enableExperimentalFeature("Extern"),
]

let package = Package(
    name: "kitsune-lite",
    products: [
        .executable(name: "kitsune-lite", targets: ["kitsune-lite"]),
        .library(name: "KitsuneEmbedded", targets: ["KitsuneEmbedded"]),
        .library(name: "FixedPoint", targets: ["FixedPoint"]),
    ],
    targets: [
        .target(
            name: "FixedPoint",
            swiftSettings: engineSettings
        ),
        .target(
            name: "KitsuneEmbedded",
            dependencies: ["FixedPoint"],
            swiftSettings: engineSettings
        ),
        // libc and libpcap as seen from Swift, plus the few C helpers that Embedded Swift
        // cannot express (variadic calls such as syslog and snprintf).
        .target(
            name: "CSupport",
            linkerSettings: [.linkedLibrary("pcap"), .linkedLibrary("m")]
        ),
        .executableTarget(
            name: "kitsune-lite",
            dependencies: ["FixedPoint", "KitsuneEmbedded", "CSupport"],
            // Embedded Swift has no `CommandLine`: its build uses EmbeddedEntryPoint.swift
            // (`@_cdecl("main")`) in place of main.swift (see the Makefile).
            exclude: ["EmbeddedEntryPoint.swift"],
            swiftSettings: engineSettings
        ),
        .testTarget(
            name: "FixedPointTests",
            dependencies: ["FixedPoint"]
        ),
        // Counts the test process's heap allocations (glibc only): proves that processing a
        // packet allocates nothing.
        .target(
            name: "AllocationCounter",
            path: "Tests/AllocationCounter"
        ),
        .testTarget(
            name: "KitsuneEmbeddedTests",
            dependencies: ["KitsuneEmbedded", "FixedPoint", "AllocationCounter"]
        ),
        .testTarget(
            name: "KitsuneLiteTests",
            // The tests run the program as a user does; depending on it makes SwiftPM build it.
            dependencies: ["kitsune-lite"]
        ),
    ]
)
