// swift-tools-version:6.0
import PackageDescription

// Layers go one way (Docs/architecture.md): Core knows no SQLite and no terminal,
// TerminalKit knows no tickets, the executable only wires.
let package = Package(
    name: "heatdesk",
    platforms: [.macOS(.v13)],
    products: [],
    dependencies: [],
    targets: [
        .target(name: "HeatDeskCore"),
        .testTarget(name: "HeatDeskCoreTests", dependencies: ["HeatDeskCore"]),
    ],
    swiftLanguageModes: [.v6]
)
