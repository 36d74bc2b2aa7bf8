import Foundation
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import TerminalTestSupport
import XCTest

/// Each screen of the agent session at 80x24 and 160x48, on the demo's Chinese and English
/// tickets. Record after an intended change with
/// `HEATDESK_RECORD_SNAPSHOTS=1 swift test --filter HeatDeskAppTests.AgentSnapshotTests`.
final class AgentSnapshotTests: XCTestCase {
    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]
    var dir: TemporaryDirectory?
    override func tearDown() { dir = nil }

    func driver(_ size: Size, _ setup: (AgentDriver) -> Void = { _ in }) throws -> AgentDriver {
        let (db, d) = try DemoFixture.database()
        dir = d
        let driver = try AgentDriver(db: db, agentID: "AG-002", size: size)
        setup(driver)
        return driver
    }

    /// Renders the driver's state in color and monochrome and compares with the recording.
    func check(_ name: String, _ d: AgentDriver, file: StaticString = #filePath, line: UInt = #line) {
        let size = d.state.size
        let (doc, _) = Snapshot.document(name, size: size) { theme, size in
            var s = d.state
            s.theme = theme
            return agentView(s, size)
        }
        Snapshot.assertMatches("agent-\(name)-\(size.width)x\(size.height)", doc, file: file, line: line)
    }

    func open(_ d: AgentDriver, _ id: String) {
        d.keys("/"); d.type(id); d.keys("Enter", "Enter")
    }

    func testQueue() throws {
        for size in Self.sizes { check("queue", try driver(size)) }
    }

    func testMineAndFilter() throws {
        for size in Self.sizes {
            check("mine", try driver(size) { $0.key("2") })
            check("filter", try driver(size) { $0.key("/"); $0.type("延误") })
        }
    }

    func testChineseTicketConversation() throws {
        for size in Self.sizes { check("ticket-zh", try driver(size) { self.open($0, "HD-000005") }) }
    }

    func testEnglishTicketOrderTrail() throws {
        for size in Self.sizes { check("ticket-en-orders", try driver(size) { self.open($0, "HD-000182"); $0.key("Tab") }) }
    }

    func testComplainedBeforeIsVisible() throws {
        let d = try driver(Self.sizes[0]) { self.open($0, "HD-000299"); $0.keys("Tab", "Tab") }
        XCTAssertTrue(d.screen.contains("⚠ COMPLAINED BEFORE"))
        check("ticket-complained", d)
    }

    func testServiceTrailAndPeople() throws {
        for size in Self.sizes {
            check("ticket-trail", try driver(size) { self.open($0, "HD-000005"); $0.keys("Tab", "Tab") })
        }
        check("ticket-people", try driver(Self.sizes[0]) { self.open($0, "HD-000005"); $0.keys("Tab", "Tab", "Tab") })
    }

    func testComposerWithTemplate() throws {
        for size in Self.sizes {
            check("compose", try driver(size) { d in
                self.open(d, "HD-000005"); d.key("t"); d.type("flight-delay-overnight.zh"); d.key("Enter")
                d.type("11月23日 09:30"); d.key("Enter")
            })
        }
        check("blank", try driver(Self.sizes[0]) { d in
            self.open(d, "HD-000005"); d.key("t"); d.type("flight-delay-overnight.zh"); d.key("Enter"); d.type("明早")
        })
        check("template-picker", try driver(Self.sizes[0]) { d in self.open(d, "HD-000182"); d.key("t") })
    }

    func testHelp() throws {
        for size in Self.sizes { check("help", try driver(size) { $0.key("?") }) }
    }
}

/// Docs/keys.md is generated from the binding table, so the documentation cannot drift from
/// the keys. Rewrite it with `HEATDESK_RECORD_SNAPSHOTS=1 swift test --filter AgentKeysDocTests`.
final class AgentKeysDocTests: XCTestCase {
    static func document() -> String {
        var out = """
            # Keys of the agent session (`heatdesk agent`)

            Generated from `AgentBindings.table` (Sources/HeatDeskApp/Agent/AgentBindings.swift), the same
            table the help bar and the `?` screen are drawn from; `AgentKeysDocTests` fails when they differ.
            `^X` is Ctrl-X, `S-Tab` is Shift-Tab. Keys of a context win over the global ones. In the editor,
            typing goes into the text (arrows, Home/End, ^A/^E, ^K, Backspace/Del edit it); in pickers,
            typing filters, ↑/↓ move, Enter chooses, Esc cancels. On the ticket screen ↑/↓ (j/k) scroll the
            conversation or select in the orders, trail and people panes, PgUp/PgDn (b/Space) page; these
            come from the ticket screen itself (shared with the supervisor monitor's read-only view).

            **Drafts.** What you type in the editor is kept as you type (every second it changed, and every
            40 keys), per ticket, per agent and per kind (one reply and one note per ticket), in this
            workstation's database only: a quit, a crash, a requeue or a refused send loses nothing. `Esc`
            closes the editor and keeps the text, without asking: on a night shift `Esc` is a reflex, and a
            question there would be answered by reflex too. `^X` throws the text away, after a question
            whose default is to keep it. Opening the ticket again says `Draft from 14:32 kept — r to
            continue` (`N` for a note) and `r` opens the editor with it. A refused send (the ticket was
            requeued or reassigned, a sync fault) leaves the text in the editor with the reason on the
            message line; a sent reply or note drops its draft. `^C` in the editor keeps the text before
            the session ends. When a supervisor requeues or reassigns one of your tickets, the message line
            says who (`HD-000009 was requeued by 赵雪梅 (SV-01); your draft is kept`).

            """
        let t = AgentBindings.table
        for ctx in t.contexts {
            out += "\n## \(ctx.name)\n\n| keys | what |\n| --- | --- |\n"
            for b in t.active(in: ctx) where b.context == ctx {
                let keys = b.keys.map { "`\($0.description)`" }.joined(separator: " ")
                out += "| \(keys) | \(b.description ?? b.help) |\n"
            }
        }
        return out
    }

    func testKeysDocMatchesTheBindingTable() throws {
        let url = DemoFixture.root.appendingPathComponent("Docs/keys.md")
        if Snapshot.recording { try Self.document().write(to: url, atomically: true, encoding: .utf8); return }
        let doc = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(doc, Self.document(), "Docs/keys.md is stale; rewrite with HEATDESK_RECORD_SNAPSHOTS=1")
        for b in AgentBindings.table.bindings { XCTAssertTrue(doc.contains(b.description ?? b.help)) }
    }
}
