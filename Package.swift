// swift-tools-version:6.0
import PackageDescription

// Layers go one way (Docs/architecture.md): Core knows no SQLite and no terminal,
// TerminalKit knows no tickets, the executable only wires.
let package = Package(
    name: "heatdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "terminal-demo", targets: ["terminal-demo"]),
        .executable(name: "terminalkit-bench", targets: ["terminalkit-bench"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "HeatDeskCore"),
        .testTarget(name: "HeatDeskCoreTests", dependencies: ["HeatDeskCore"]),

        // Terminal toolkit: pure Swift cell buffer, width, sanitizer, widgets, runtime (Docs/terminal-toolkit.md).
        .target(name: "TerminalKit"),
        // ncursesw through pkg-config; the shim wraps macros that do not import.
        .systemLibrary(name: "CNCursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "TerminalCurses", dependencies: ["TerminalKit", "CNCursesw"]),
        .executableTarget(name: "terminal-demo", dependencies: ["TerminalKit", "TerminalCurses"]),
        .executableTarget(name: "terminalkit-bench", dependencies: ["TerminalKit"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"], exclude: ["__Snapshots__"]),
        .testTarget(name: "TerminalCursesTests", dependencies: ["TerminalKit"]),
    ],
    swiftLanguageModes: [.v6]
)
