// swift-tools-version:6.0
import PackageDescription

// Layers go one way (Docs/architecture.md): Core knows no SQLite and no terminal,
// TerminalKit knows no tickets, the executable only wires.
let package = Package(
    name: "heatdesk",
    platforms: [.macOS(.v13)],
    products: [],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        .target(name: "HeatDeskCore"),
        .testTarget(name: "HeatDeskCoreTests", dependencies: ["HeatDeskCore"]),
        // The template library files (YAML) and their lint; the engine and checker live in Core.
        .target(name: "HeatDeskTemplates", dependencies: ["HeatDeskCore", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "HeatDeskTemplatesTests", dependencies: ["HeatDeskTemplates", "HeatDeskCore"]),
        .executableTarget(name: "templates-bench", dependencies: ["HeatDeskTemplates", "HeatDeskCore"]),
    ],
    swiftLanguageModes: [.v6]
)
