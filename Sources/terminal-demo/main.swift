// terminal-demo: a fixed screen of Chinese, mixed, emoji and hostile text drawn through the real
// ncurses backend. The tmux end-to-end test (Tests/TerminalCursesTests) reads it back with
// capture-pane, so the markers below sit at fixed columns: change them together with that test.
import Foundation
import TerminalCurses
import TerminalKit

enum Action: Hashable, Sendable { case quit, up, down, nextTab, prevTab, help }

struct DemoState {
    var list = ListState()
    var tab = 0
    var ticks = 0
    var showHelp = false
    var quit = false
    var theme: Theme
}

enum Msg: Sendable { case key(KeyEvent), tick, resized }

let bindings = KeyBindingTable<Action>([
    KeyBinding(["q"], .quit, help: "Quit"),
    KeyBinding(["Down", "j"], .down, help: "Down"),
    KeyBinding(["Up", "k"], .up, help: "Up"),
    KeyBinding(["Tab"], .nextTab, help: "Next tab"),
    KeyBinding(["S-Tab"], .prevTab, help: "Prev tab", inHelpBar: false),
    KeyBinding(["?"], .help, help: "Help"),
])

let rows: [TableRow] = [
    TableRow(["T-1001", "王小明", "航班延误，要求改签到明天上午的航班", "待办"]),
    TableRow(["T-1002", "Li Na 李娜", "Hotel 房间 upgrade 请求 (booking HX-88)", "处理中"], role: .warning),
    TableRow(["T-1003", "Émile 😀", "Car rental 🚗 pick-up 晚到 2h ✅", "OK"]),
    TableRow([SafeText("T-1004"), SafeText("\u{1B}]0;pwned\u{07}"), SafeText("\u{202E}txt.exe \u{1B}[2J clear?"), "SOS"], role: .sos),
    TableRow(["T-1005", "김민준", "全角ＡＢＣ１２３ and ｶﾀｶﾅ", "超时"], role: .breach),
]

func view(_ s: DemoState, _ size: Size) -> Buffer {
    var b = Buffer(size: size, theme: s.theme)
    let area = b.area
    b.render(Tabs(["队列 Queue", "工单 Ticket", "监控 Monitor"], selected: s.tab), in: area.row(0))
    // Row 2: fixed markers for the tmux test.
    b.put("列:中文对齐测试", x: 10, y: 2)
    b.put("|", x: 30, y: 2)
    b.put(SafeText("size=\(size.width)x\(size.height)"), x: 40, y: 2)
    b.put("END", x: size.width - 3, y: 2)
    let parts = Rect(x: 0, y: 4, width: size.width, height: size.height - 6)
        .split(.vertical, [.fixed(7), .fill()])
    let table = Table(columns: [
        TableColumn("编号", width: .fixed(8)), TableColumn("客户 Customer", width: .fixed(14)),
        TableColumn("主题 Subject", width: .fill()), TableColumn("状态", width: .fixed(6)),
    ], rows: rows, state: s.list)
    b.render(table, in: parts[0])
    let pane = TextPane([
        PaneLine("客户留言：我的航班 CA1234 延误了三个小时，请帮我安排酒店。谢谢！", role: .normal),
        PaneLine(SafeText("Hostile: \u{1B}[31mred\u{1B}[0m bell\u{07} bidi \u{202E}abc\u{202C} zero\u{200B}width"), role: .muted),
        PaneLine(SafeText("Long: " + String(repeating: "长", count: 5000)), role: .normal),
        PaneLine("ticks=\(s.ticks)", role: .muted),
    ])
    b.render(Block(title: "留言 Message"), in: parts[1])
    b.render(pane, in: Block().inner(parts[1]))
    b.render(StatusBar(left: [Span("heatdesk 演示", .title), " · 中文 English 混排"], right: [Span(SafeText("\(size.width)x\(size.height)"))]),
             in: area.row(size.height - 2))
    b.render(HelpBar(bindings, context: .global), in: area.row(size.height - 1))
    if s.showHelp { b.render(HelpScreen(bindings, title: "Keys 按键"), in: area.centered(width: 50, height: 14)) }
    return b
}

func update(_ s: inout DemoState, _ m: Msg) -> [Never] {
    switch m {
    case .tick: s.ticks += 1
    case .resized: break
    case .key(let k):
        if s.showHelp { s.showHelp = false; return [] }
        switch bindings.action(for: k, in: .global) {
        case .quit: s.quit = true
        case .down: s.list.move(by: 1, count: rows.count, visibleRows: 6)
        case .up: s.list.move(by: -1, count: rows.count, visibleRows: 6)
        case .nextTab: s.tab = (s.tab + 1) % 3
        case .prevTab: s.tab = (s.tab + 2) % 3
        case .help: s.showHelp = true
        case nil: break
        }
    }
    return []
}

do {
    // A terminating signal ends the loop normally (curses is ended on the way out), then exits 128+signal.
    let status: Int32 = try CursesBackend.run { backend in
        var program = Program<DemoState, Msg, Never>(
            state: DemoState(theme: Theme(mode: backend.colorMode)),
            update: update, view: view,
            event: { _, e in
                switch e {
                case .key(let k): return .key(k)
                case .tick: return .tick
                case .resize: return .resized
                default: return nil
                }
            },
            isFinished: { $0.quit },
            perform: { _, _ in },
            tickInterval: .seconds(1),
            minimumSize: Size(width: 40, height: 12),
            theme: Theme(mode: backend.colorMode))
        switch program.run(on: backend) {
        case .finished: return 0
        case .signal(let sig): return 128 + sig
        }
    }
    exit(status)
} catch let e as TerminalError {
    FileHandle.standardError.write(Data("terminal-demo: \(e)\n".utf8))
    exit(2)
}
