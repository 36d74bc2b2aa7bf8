import Foundation
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import HeatDeskTestSupport
import TerminalKit
import XCTest

/// Issue 14, item 15: every hint the help bar shows does what it says where it is shown. For
/// each context, the hints come from the binding table the bar is drawn from; each advertised
/// key is fed to `update` in that context and must do its action (and never type text).
final class HintsTests: XCTestCase {
    var dirs: [TemporaryDirectory] = []
    override func tearDown() { dirs = [] }

    /// A session put in `context` (on the demo, as AG-002, 80x24).
    func session(in context: BindingContext) throws -> AgentDriver {
        let (db, dir) = try DemoFixture.database()
        dirs.append(dir)
        let d = try AgentDriver(db: db, agentID: "AG-002")
        func openTicket() { d.keys("/"); d.type("HD-000005"); d.keys("Enter", "Enter") }
        switch context {
        case AgentBindings.queue: break
        case AgentBindings.filter: d.key("/"); d.type("sos")
        case AgentBindings.ticket: openTicket()
        case AgentBindings.earlier: openTicket(); d.keys("Tab", "Tab", "Enter")   // an earlier contact of the trail
        case AgentBindings.composer: openTicket(); d.key("r"); d.type("ok"); d.key("C-s")   // checked: findings shown
        case AgentBindings.picker: openTicket(); d.key("t")
        case AgentBindings.blank: openTicket(); d.key("t"); d.type("flight-delay-overnight.zh"); d.key("Enter"); d.type("明早")
        case AgentBindings.confirm: d.key("q")
        case AgentBindings.helpScreen: d.key("?")
        default: XCTFail("no way into \(context)")
        }
        XCTAssertEqual(AgentBindings.context(of: d.state), context, "set up in \(context)")
        return d
    }

    typealias Check = (_ before: AgentState, _ after: AgentState, _ effects: [AgentEffect]) -> Bool

    /// What each advertised action must do, per context. A hint without a check here fails.
    func check(_ context: BindingContext, _ action: AgentAction) -> Check? {
        func modalIsHelp(_ s: AgentState) -> Bool { if case .help? = s.modal { return true } else { return false } }
        func modalIsPicker(_ s: AgentState) -> Bool { if case .picker? = s.modal { return true } else { return false } }
        switch (context, action) {
        case (_, .help): return { _, a, _ in modalIsHelp(a) }
        case (AgentBindings.queue, .open): return { _, _, fx in fx.contains { if case .claim = $0 { true } else if case .openTicket = $0 { true } else { false } } }
        case (AgentBindings.queue, .claimNext): return { _, _, fx in fx.contains(.claimNext) }
        case (AgentBindings.queue, .filter): return { _, a, _ in a.filtering }
        case (AgentBindings.queue, .nextView): return { b, a, _ in a.list != b.list }
        case (AgentBindings.queue, .toggleStatus): return { _, _, fx in fx.contains { if case .setStatus = $0 { true } else { false } } }
        case (AgentBindings.queue, .quit): return { _, a, _ in if case .confirm(_, .quit)? = a.modal { true } else { false } }
        case (AgentBindings.filter, .endFilter): return { b, a, _ in !a.filtering && a.filter == b.filter }
        case (AgentBindings.filter, .back): return { _, a, _ in !a.filtering && a.filter.isEmpty }
        case (AgentBindings.ticket, .reply): return { _, a, _ in a.composer?.visibility == .public }
        case (AgentBindings.ticket, .note): return { _, a, _ in a.composer?.visibility == .internal }
        case (AgentBindings.ticket, .back): return { _, a, _ in a.ticket == nil }
        case (AgentBindings.earlier, .back): return { _, a, _ in a.earlier == nil && a.ticket != nil }
        case (AgentBindings.earlier, .nextView): return { b, a, _ in a.earlier != nil && a.earlier?.pane != b.earlier?.pane }
        case (AgentBindings.earlier, .down): return { b, a, _ in a.earlier != nil && a.ticket?.pane == b.ticket?.pane }
        case (AgentBindings.ticket, .template), (AgentBindings.composer, .template): return { _, a, _ in modalIsPicker(a) }
        case (AgentBindings.ticket, .invite): return { _, _, fx in fx.contains { if case .loadInviteCandidates(_, _, forTransfer: false) = $0 { true } else { false } } }
        case (AgentBindings.ticket, .inviteSupplier): return { _, _, fx in fx.contains { if case .loadSuppliers = $0 { true } else { false } } }
        case (AgentBindings.ticket, .resolve): return { _, a, _ in if case .picker(_, .resolve)? = a.modal { true } else { false } }
        case (AgentBindings.composer, .send): return { _, _, fx in fx.contains { if case .send = $0 { true } else { false } } }
        case (AgentBindings.composer, .findings): return { _, a, _ in a.composer?.findingsFrom != nil }
        case (AgentBindings.composer, .toggleVisibility): return { b, a, _ in a.composer?.visibility != b.composer?.visibility }
        case (AgentBindings.composer, .cancelCompose): return { _, a, _ in a.composer == nil && a.ticket != nil }
        case (AgentBindings.picker, .choose): return { _, a, _ in !modalIsPicker(a) }
        case (AgentBindings.picker, .cancel): return { _, a, _ in a.modal == nil }
        case (AgentBindings.picker, .down): return { b, a, _ in
            if case .picker(let p, _)? = a.modal, case .picker(let q, _)? = b.modal { p.list.selected == (q.list.selected ?? -1) + 1 } else { false } }
        case (AgentBindings.picker, .up): return { _, a, _ in modalIsPicker(a) }
        case (AgentBindings.blank, .choose): return { _, a, _ in a.modal == nil && a.composer?.editor.text.contains("明早") == true }
        case (AgentBindings.blank, .cancel): return { _, a, _ in a.modal == nil && (a.composer?.editor.text ?? "").isEmpty }
        case (AgentBindings.confirm, .yes): return { _, a, _ in a.quit }
        case (AgentBindings.confirm, .no), (AgentBindings.confirm, .choose), (AgentBindings.confirm, .cancel):
            return { _, a, _ in a.modal == nil && !a.quit }
        case (AgentBindings.helpScreen, .cancel): return { _, a, _ in a.modal == nil }
        case (AgentBindings.helpScreen, .down): return { _, a, _ in if case .help(let n)? = a.modal { n == 1 } else { false } }
        default: return nil
        }
    }

    /// The text the keys would have typed into, if any.
    func text(_ s: AgentState) -> String {
        switch s.modal {
        case .picker(let p, _)?: return "picker:" + p.query
        case .blanks(let b)?: return "blank:" + b.input.text
        default: return "editor:\(s.composer?.editor.text ?? "-") filter:\(s.filter)"
        }
    }

    func testEveryHintDoesWhatItSays() throws {
        let contexts = [AgentBindings.queue, AgentBindings.filter, AgentBindings.ticket, AgentBindings.earlier, AgentBindings.composer,
                        AgentBindings.picker, AgentBindings.blank, AgentBindings.confirm, AgentBindings.helpScreen]
        XCTAssertEqual(Set(contexts), Set(AgentBindings.table.contexts.filter { $0 != .global }), "every context is checked")
        for context in contexts {
            let shown = AgentBindings.helpTable(for: context).active(in: context).filter(\.inHelpBar)
            XCTAssertFalse(shown.isEmpty, "\(context) has hints")
            // The bar on screen is drawn from exactly these hints.
            let bar = try session(in: context).screen.split(separator: "\n").last.map(String.init) ?? ""
            let items = bar.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let advertised = shown.map { b in b.keys.map(\.description).joined(separator: "/") + " " + b.help }
            XCTAssertFalse(items.isEmpty, "\(context): \(bar)")
            for item in items { XCTAssertTrue(advertised.contains(item), "\(context): the bar shows “\(item)”, which is not one of its bindings") }
            for b in shown {
                for key in b.keys {
                    let d = try session(in: context)
                    let before = d.state
                    let from = d.effects.count
                    d.key(key)
                    let after = d.state
                    let fx = Array(d.effects[from...])
                    guard let ok = check(context, b.action) else {
                        XCTFail("\(context): no check for the hint “\(key) \(b.help)” (\(b.action))"); continue
                    }
                    XCTAssertTrue(ok(before, after, fx), "\(context): “\(key) \(b.help)” did not do \(b.action)")
                    if AgentBindings.textContexts.contains(context), after.modal.map({ _ in true }) == before.modal.map({ _ in true }),
                       AgentBindings.context(of: after) == context {
                        XCTAssertEqual(text(after), text(before), "\(context): “\(key)” typed text")
                    }
                }
            }
        }
    }

    /// `?` in the editor is a question mark (the bar says F1 for help there), and the keys a
    /// printable global binding would take are text in every text context.
    func testPrintableKeysAreTextWhereTypingGoes() throws {
        let d = try session(in: AgentBindings.composer)
        d.type("?a")
        XCTAssertEqual(d.state.composer?.editor.text, "ok?a")
        XCTAssertNil(d.state.modal)
        XCTAssertFalse(d.screen.split(separator: "\n").last!.contains("? help"))
        XCTAssertTrue(d.screen.split(separator: "\n").last!.contains("F1 help"))
        d.key("F1")
        guard case .help? = d.state.modal else { return XCTFail("F1 opens the keys in the editor") }
        let f = try session(in: AgentBindings.filter)
        f.type("?q")
        XCTAssertEqual(f.state.filter, "sos?q")
        XCTAssertFalse(f.state.quit)
        XCTAssertNil(f.state.modal)
    }

    /// The ticket header's pointer to the rest of a cut bot summary names a key that gets there.
    func testTheSummaryHintNamesAKeyThatGetsThere() throws {
        let d = try session(in: AgentBindings.ticket)
        for (pane, key) in [(TicketPane.conversation, KeyEvent("S-Tab")), (.people, KeyEvent("Tab"))] {
            while d.state.ticket?.pane != pane { d.key("Tab") }
            XCTAssertTrue(d.screen.contains(TicketScreen.summaryHint(pane)), d.screen)
            XCTAssertTrue(TicketScreen.summaryHint(pane).hasPrefix(key.description + ":"))
            d.key(key)
            XCTAssertEqual(d.state.ticket?.pane, .summary)
        }
    }
}
