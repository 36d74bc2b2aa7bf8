import XCTest
@testable import TerminalKit

final class ProgramTests: XCTestCase {
    struct S { var count = 0; var loaded: [String] = []; var done = false; var ticks = 0; var sizes: [Size] = [] }
    enum M: Sendable { case key(KeyEvent), loaded(String), tick, resized(Size) }
    enum E: Sendable { case load(String) }

    func makeProgram() -> Program<S, M, E> {
        Program(
            state: S(),
            update: { s, m in
                switch m {
                case .key(let k) where k == "q": s.done = true
                case .key(let k) where k == "l": return [.load("第\(s.count)页")]
                case .key: s.count += 1
                case .loaded(let v):
                    s.loaded.append(v)
                    if s.loaded.count == 2 { s.done = true }
                case .tick: s.ticks += 1
                case .resized(let z): s.sizes.append(z)
                }
                return []
            },
            view: { s, size in
                var b = Buffer(size: size)
                b.put(SafeText("count=\(s.count) loaded=\(s.loaded.joined(separator: ","))"), x: 0, y: 0)
                return b
            },
            event: { _, e in
                switch e {
                case .key(let k): .key(k)
                case .tick: .tick
                case .resize(let z): .resized(z)
                default: nil
                }
            },
            isFinished: { $0.done },
            perform: { effect, send in
                // Runs off the drawing thread; answers later.
                if case .load(let what) = effect {
                    try? await Task.sleep(for: .milliseconds(20))
                    send(.loaded(what))
                }
            },
            tickInterval: nil,
            minimumSize: Size(width: 20, height: 5))
    }

    func testKeysUpdateAndQuit() {
        var p = makeProgram()
        let backend = HeadlessBackend(size: Size(width: 30, height: 6), events: [.key("x"), .key("y"), .key("q")])
        XCTAssertEqual(p.run(on: backend), .finished)
        XCTAssertEqual(p.state.count, 2)
        XCTAssertEqual(backend.frames.count, 3)
        XCTAssertTrue(backend.lastFrame!.rowText(0).hasPrefix("count=2"))
    }

    func testEffectResultsComeBackAsMessagesAndAreDrawn() {
        var p = makeProgram()
        let backend = HeadlessBackend(size: Size(width: 40, height: 6), events: [.key("l")])
        let exit = p.run(on: backend, initial: [.load("初始")])
        XCTAssertEqual(exit, .finished)
        XCTAssertEqual(Set(p.state.loaded), ["初始", "第0页"])
    }

    func testTicksArriveWithoutKeys() {
        var p = makeProgram()
        p.tickInterval = .milliseconds(10)
        p.isFinished = { $0.ticks >= 3 }
        let backend = HeadlessBackend(size: Size(width: 30, height: 6))
        XCTAssertEqual(p.run(on: backend), .finished)
        XCTAssertEqual(p.state.ticks, 3)
    }

    func testResizeAndTooSmallAndTerminate() {
        var p = makeProgram()
        let backend = HeadlessBackend(size: Size(width: 30, height: 6), events: [.resize(Size(width: 10, height: 3)), .resize(Size(width: 50, height: 8)), .terminate(signal: 15)])
        XCTAssertEqual(p.run(on: backend), .signal(15))
        XCTAssertEqual(p.state.sizes, [Size(width: 10, height: 3), Size(width: 50, height: 8)])
        XCTAssertTrue(backend.frames[1].rowText(0).hasPrefix("Terminal"), backend.frames[1].rowText(0))
        XCTAssertEqual(backend.frames.last!.size, Size(width: 50, height: 8))
    }

    func testColorModeDetection() {
        XCTAssertEqual(ColorMode.detect(terminalColors: 256, environment: [:]), .colors256)
        XCTAssertEqual(ColorMode.detect(terminalColors: 256, environment: ["NO_COLOR": "1"]), .monochrome)
        XCTAssertEqual(ColorMode.detect(terminalColors: 256, environment: ["NO_COLOR": ""]), .colors256)
        XCTAssertEqual(ColorMode.detect(terminalColors: 8, environment: [:]), .colors8)
        XCTAssertEqual(ColorMode.detect(terminalColors: 0, environment: [:]), .monochrome)
        XCTAssertEqual(Theme(mode: .monochrome)[.selection], Style(.reverse))
        for role in Role.allCases {
            let s = Theme(mode: .colors8)[role]
            XCTAssertTrue((s.fg.index ?? 0) < 8 && (s.bg.index ?? 0) < 8, "\(role)")
            XCTAssertTrue(Theme(mode: .monochrome)[role].fg.isDefault)
        }
        XCTAssertEqual(Color.indexed(196).reduced(toPalette: 8), .red)
        XCTAssertEqual(Color.indexed(21).reduced(toPalette: 16), .brightBlue)
    }
}
