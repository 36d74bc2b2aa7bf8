// swift-tools-version:6.0
import PackageDescription

// Layers go one way (Docs/architecture.md): Core knows no SQLite and no terminal,
// TerminalKit knows no tickets, the executable only wires.
let package = Package(
    name: "heatdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "heatdesk", targets: ["heatdesk"]),
        .executable(name: "terminal-demo", targets: ["terminal-demo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // AES-GCM for the sealed contact details (Docs/security.md); Ed25519 for issue 16 later.
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .target(name: "HeatDeskCore"),
        .target(
            name: "HeatDeskStore",
            dependencies: [
                "HeatDeskCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CSQLiteTuning",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // sqlite3_config, which Swift cannot call (variadic): process-wide SQLite settings.
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "HeatDeskImport",
            dependencies: ["HeatDeskCore", "HeatDeskStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The shared-directory sync: batches, claims, heartbeats, snapshots (Docs/sync-protocol.md).
        .target(
            name: "HeatDeskSync",
            dependencies: ["HeatDeskCore", "HeatDeskStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(name: "sync-bench", dependencies: ["HeatDeskSync", "HeatDeskStore", "HeatDeskCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // The template library files (YAML) and their lint; the engine and checker live in Core.
        .target(name: "HeatDeskTemplates", dependencies: ["HeatDeskCore", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "heatdesk",
            dependencies: [
                "HeatDeskCore", "HeatDeskStore", "HeatDeskImport", "HeatDeskTemplates", "TerminalKit", "HeatDeskSync",
                "HeatDeskApp", "TerminalCurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Terminal toolkit: pure Swift cell buffer, width, sanitizer, widgets, runtime (Docs/terminal-toolkit.md).
        .target(name: "TerminalKit"),
        // ncursesw (no pkgConfig: SwiftPM rejects its -D flags with a warning; shim.h defines what matters).
        .systemLibrary(name: "CNCursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "TerminalCurses", dependencies: ["TerminalKit", "CNCursesw"]),
        .target(name: "HeatDeskApp", dependencies: ["HeatDeskCore", "HeatDeskStore", "HeatDeskTemplates", "TerminalKit"]),
        .executableTarget(name: "terminal-demo", dependencies: ["TerminalKit", "TerminalCurses"]),
        .executableTarget(name: "terminalkit-bench", dependencies: ["TerminalKit"]),
        .executableTarget(name: "monitor-bench", dependencies: ["HeatDeskApp", "HeatDeskStore", "HeatDeskCore", "TerminalKit",
                                                                 .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(name: "templates-bench", dependencies: ["HeatDeskTemplates", "HeatDeskCore"]),
        // Seeded fuzzing of every reader of outside input, run in the release build (Docs/fuzzing.md).
        .executableTarget(
            name: "heatdesk-fuzz",
            dependencies: ["HeatDeskCore", "HeatDeskImport", "HeatDeskStore", "HeatDeskSync", "HeatDeskTemplates",
                           .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/Tools/heatdesk-fuzz"
        ),
        .executableTarget(
            name: "agent-bench",
            dependencies: ["HeatDeskApp", "HeatDeskStore", "HeatDeskCore", "HeatDeskTemplates", "TerminalKit",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Test helpers for every target that draws screens: text snapshots of buffers, spawning tmux.
        .target(name: "TerminalTestSupport", dependencies: ["TerminalKit"], path: "Tests/TerminalTestSupport"),
        .target(
            name: "HeatDeskTestSupport",
            dependencies: ["HeatDeskCore", "HeatDeskStore", "HeatDeskImport"],
            path: "Tests/HeatDeskTestSupport"
        ),
        .testTarget(name: "HeatDeskCoreTests", dependencies: ["HeatDeskCore", "HeatDeskTestSupport"]),
        .testTarget(name: "HeatDeskStoreTests", dependencies: ["HeatDeskStore", "HeatDeskTestSupport"]),
        .testTarget(name: "HeatDeskImportTests", dependencies: ["HeatDeskImport", "HeatDeskTestSupport"]),
        .testTarget(name: "HeatDeskTemplatesTests", dependencies: ["HeatDeskTemplates", "HeatDeskCore", "HeatDeskTestSupport"]),
        .testTarget(name: "HeatDeskSyncTests", dependencies: ["HeatDeskSync", "HeatDeskStore", "HeatDeskCore", "HeatDeskTestSupport",
                                                          .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "HeatDeskCLITests", dependencies: ["HeatDeskTestSupport", "TerminalTestSupport"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TerminalTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "HeatDeskAppTests", dependencies: ["HeatDeskApp", "HeatDeskStore", "HeatDeskSync", "HeatDeskTestSupport", "TerminalKit", "TerminalTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "TerminalCursesTests", dependencies: ["TerminalKit", "TerminalTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
