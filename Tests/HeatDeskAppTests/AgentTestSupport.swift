import Foundation
import GRDB
import HeatDeskApp
import HeatDeskCore
import HeatDeskImport
import HeatDeskStore
import HeatDeskTemplates
import HeatDeskTestSupport
import TerminalKit
import XCTest

/// The demo data set loaded once (times as recorded, not moved to now), copied per test so
/// tests that work tickets do not see each other.
enum DemoFixture {
    /// The demo's recorded "now" (Data/demo/BASE_TIME): waits and SLA countdowns are stable.
    static let baseTime = Date(timeIntervalSince1970: 1_795_305_600)   // 2026-11-22T08:00:00+08:00
    static let timeZone = TimeZone(identifier: "Asia/Shanghai")!
    static let root = PackageRoot.url()
    /// The center's contact key the fixture is imported with (its contacts are sealed with it).
    static let contactKey = try! ContactKey(bytes: Array(repeating: 7, count: 32))

    private static let templatePath: String = {
        let dir = TemporaryDirectory("heatdesk-agent-fixture")
        let path = dir.file("demo.sqlite")
        do {
            let db = try AppDatabase.open(path: path, contactKey: .key(contactKey))
            let demo = root.appendingPathComponent("Data/demo")
            let files = try FileManager.default.contentsOfDirectory(atPath: demo.path)
                .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".jsonl") }.sorted().map { demo.appendingPathComponent($0).path }
            var options = ImportOptions()
            options.actor = "demo"
            _ = try Importer(database: db, options: options).run(paths: files)
            _ = try db.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        } catch {
            fatalError("demo fixture: \(error)")
        }
        keep.append(dir)
        return path
    }()
    nonisolated(unsafe) private static var keep: [TemporaryDirectory] = []

    /// A private copy of the demo database (a file, so other connections can see it), opened
    /// with the center's contact key unless a test says otherwise.
    static func database(contactKey key: ContactKeyAccess = .key(contactKey)) throws -> (AppDatabase, TemporaryDirectory) {
        let dir = TemporaryDirectory("heatdesk-agent-test")
        let path = dir.file("demo.sqlite")
        try FileManager.default.copyItem(atPath: templatePath, toPath: path)
        return (try AppDatabase.open(path: path, contactKey: key), dir)
    }

    static let library: TemplateLibrary = {
        try! TemplateLibrary.load(directory: root.appendingPathComponent("Data/templates"))
    }()

    static func state(_ me: Agent, size: Size = Size(width: 80, height: 24), theme: Theme = .monochrome) -> AgentState {
        AgentState(me: me, library: library, theme: theme, timeZone: timeZone, now: baseTime, size: size)
    }
}

/// Feeds messages to the pure update and carries out the effects it returns through the real
/// runtime, synchronously, feeding the answers back: a whole session without a terminal.
final class AgentDriver: @unchecked Sendable {
    var state: AgentState
    let runtime: AgentRuntime
    /// Every effect update asked for, in order.
    var effects: [AgentEffect] = []

    init(db: AppDatabase, agentID: String, size: Size = Size(width: 80, height: 24),
         authority: any ClaimAuthority = LocalClaimAuthority(), background: (@Sendable () throws -> Bool)? = nil) throws {
        let me = try XCTUnwrap(try db.agent(id: agentID))
        state = DemoFixture.state(me, size: size)
        runtime = AgentRuntime(db: db, me: me, authority: authority, background: background, clock: { DemoFixture.baseTime })
        run(AgentRuntime.initialEffects)
    }

    func send(_ m: AgentMessage) { run(agentUpdate(&state, m)) }

    func key(_ k: KeyEvent) { send(.key(k)) }

    func keys(_ ks: KeyEvent...) { for k in ks { key(k) } }

    func type(_ text: String) { for c in text { key(KeyEvent(.char(c))) } }

    private func run(_ fx: [AgentEffect]) {
        var queue = fx
        while !queue.isEmpty {
            let e = queue.removeFirst()
            effects.append(e)
            let inbox = Inbox()
            runtime.execute(e) { inbox.post($0) }
            for m in inbox.items { queue += agentUpdate(&state, m) }
        }
    }

    /// The screen's text (rows joined by newlines) at the state's size.
    var screen: String { agentView(state, state.size).textLines.joined(separator: "\n") }
}

final class Inbox: @unchecked Sendable {
    var items: [AgentMessage] = []
    func post(_ m: AgentMessage) { items.append(m) }
}
