import XCTest
@testable import HeatDeskApp
import HeatDeskCore
import HeatDeskStore
import TerminalKit

/// Issue 14, item 15, on the monitor: every hint of its help bar does what it says where it is
/// shown, the modals' included (the bar shows the modal's keys while one is open).
final class MonitorHintsTests: XCTestCase {
    var fixtures: [MonitorFixture] = []
    override func tearDown() { fixtures = [] }

    /// The monitor in `context`, with T-7 (Wang's open ticket) selected on the board.
    func monitor(in context: BindingContext) throws -> (MonitorEnvironment, MonitorState) {
        let f = try MonitorFixture()
        fixtures.append(f)
        let env = f.environment()
        var s = f.state()
        env.drive(&s, .tick(f.now))
        let i = try XCTUnwrap(s.attention.firstIndex { $0.ticket.key.externalID == "T-7" })
        s.tickets.select(i, count: s.attention.count, visibleRows: 8)
        switch context {
        case Monitor.context: break
        case Monitor.ticketContext: env.drive(&s, .key("Enter"))
        case Monitor.pickerContext: env.drive(&s, .key("a"))
        case Monitor.questionContext: env.drive(&s, .key("r"))
        case Monitor.helpContext: env.drive(&s, .key("?"))
        default: XCTFail("no way into \(context)")
        }
        XCTAssertEqual(Monitor.bindingContext(of: s), context)
        return (env, s)
    }

    typealias Check = (_ before: MonitorState, _ after: MonitorState, _ effects: [MonitorEffect]) -> Bool

    func check(_ context: BindingContext, _ action: MonitorAction) -> Check? {
        func isHelp(_ s: MonitorState) -> Bool { if case .help? = s.modal { true } else { false } }
        func isPicker(_ s: MonitorState) -> Bool { if case .reassign? = s.modal { true } else { false } }
        func isQuestion(_ s: MonitorState) -> Bool { if case .confirmRequeue? = s.modal { true } else { false } }
        switch (context, action) {
        case (_, .help): return { _, a, _ in isHelp(a) }
        case (Monitor.context, .quit): return { _, a, _ in a.quit }
        case (Monitor.context, .pause): return { b, a, _ in a.paused != b.paused }
        case (Monitor.context, .switchPane): return { b, a, _ in a.focus != b.focus }
        case (Monitor.context, .open): return { _, a, _ in a.ticket?.key.externalID == "T-7" }
        case (_, .requeue): return { _, a, _ in isQuestion(a) }
        case (_, .reassign): return { _, a, _ in isPicker(a) }
        case (_, .raise): return { _, _, fx in fx.contains { if case .setPriority = $0 { true } else { false } } }
        case (Monitor.ticketContext, .back): return { _, a, _ in a.ticket == nil }
        case (Monitor.ticketContext, .switchPane): return { b, a, _ in a.ticket?.pane != b.ticket?.pane }
        case (Monitor.ticketContext, .down): return { b, a, _ in a.ticket != nil && a.modal == nil }
        case (Monitor.pickerContext, .choose): return { _, _, fx in fx.contains { if case .reassign = $0 { true } else { false } } }
        case (Monitor.pickerContext, .cancel): return { _, a, _ in a.modal == nil }
        case (Monitor.pickerContext, .down), (Monitor.pickerContext, .up): return { _, a, _ in isPicker(a) }
        case (Monitor.questionContext, .yes): return { _, _, fx in fx.contains { if case .requeue = $0 { true } else { false } } }
        case (Monitor.questionContext, .no), (Monitor.questionContext, .choose), (Monitor.questionContext, .cancel):
            return { _, a, fx in a.modal == nil && !fx.contains { if case .requeue = $0 { true } else { false } } }
        case (Monitor.helpContext, .cancel): return { _, a, _ in a.modal == nil }
        case (Monitor.helpContext, .down): return { _, a, _ in if case .help(let n)? = a.modal { n == 1 } else { false } }
        default: return nil
        }
    }

    func testEveryHintDoesWhatItSays() throws {
        let contexts = [Monitor.context, Monitor.ticketContext, Monitor.pickerContext, Monitor.questionContext, Monitor.helpContext]
        XCTAssertEqual(Set(contexts), Set(Monitor.bindings.contexts), "every context is checked")
        for context in contexts {
            let shown = Monitor.bindings.active(in: context).filter(\.inHelpBar)
            let advertised = shown.map { b in b.keys.map(\.description).joined(separator: "/") + " " + b.help }
            for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                var (_, s) = try monitor(in: context)
                s.size = size
                let bar = Monitor.view(s, size).textLines.last ?? ""
                let items = bar.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                XCTAssertEqual(items, advertised, "\(context) at \(size): every hint shown, whole, and nothing else")
            }
            for b in shown {
                for key in b.keys {
                    var (env, s) = try monitor(in: context)
                    let before = s
                    let fx = env.drive(&s, .key(key))
                    guard let ok = check(context, b.action) else { XCTFail("\(context): no check for “\(key) \(b.help)”"); continue }
                    XCTAssertTrue(ok(before, s, fx), "\(context): “\(key) \(b.help)” did not do \(b.action)")
                }
            }
        }
    }
}
