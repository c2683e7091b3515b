// swift-tools-version:6.0
import PackageDescription

// A program that uses the kitsune-lite engine as a package dependency: it scores a capture
// file with its own minimal pcap reader (no libpcap), to show that the engine needs nothing but
// packets. `make example` builds and runs it on the sample capture.
let package = Package(
    name: "ScoreSample",
    dependencies: [.package(name: "kitsune-lite", path: "../..")],
    targets: [
        .executableTarget(
            name: "ScoreSample",
            dependencies: [.product(name: "KitsuneEmbedded", package: "kitsune-lite")],
            swiftSettings: [.enableExperimentalFeature("Extern")]
        ),
    ]
)
