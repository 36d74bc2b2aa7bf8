// terminalkit-bench: render + diff of a full 200x60 screen of mixed Chinese/English text.
// Prints `name: value unit (anchor: ...)` lines for `make bench`. Usage: terminalkit-bench [runs]
import Foundation
import TerminalKit

let runs = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 300
let size = Size(width: 200, height: 60)
let theme = Theme(mode: .colors256)

// Data is sanitized once, as an app does when it loads it; the frame only lays it out.
let subjects = ["航班 CA1234 延误三小时，客户要求改签 and a hotel for tonight", "Hotel 房间 upgrade 请求 booking HX-88 已确认",
                "租车 pick-up 晚到 2h，branch 已通知 😀", "退款申请 refund for cancelled flight MU5101 请尽快处理",
                "客户投诉：airport transfer 没有出现，等了 45 分钟"]
let rows: [TableRow] = (0..<500).map { i in
    TableRow([SafeText("T-\(10000 + i)"), SafeText(["王小明", "Li Na 李娜", "Émile Dupont", "김민준", "佐藤 花子"][i % 5]),
              SafeText(subjects[i % subjects.count] + " #\(i)"), SafeText(["待办", "处理中", "OK", "超时"][i % 4]),
              SafeText("\(i % 60) 分钟")], role: i % 17 == 0 ? .breach : nil)
}
let bindings = KeyBindingTable<Int>([
    KeyBinding("q", 0, help: "退出 Quit"), KeyBinding(["Up", "k"], 1, help: "上 Up"), KeyBinding(["Down", "j"], 2, help: "下 Down"),
    KeyBinding("c", 3, help: "认领 Claim"), KeyBinding("r", 4, help: "回复 Reply"), KeyBinding("?", 5, help: "帮助 Help"),
])

func view(selected: Int, status: String) -> Buffer {
    var b = Buffer(size: size, theme: theme)
    let parts = b.area.split(.vertical, [.fixed(1), .fill(), .fixed(1), .fixed(1)])
    b.render(Tabs(["队列 Queue (500)", "工单 Ticket", "监控 Monitor"], selected: 0), in: parts[0])
    b.render(Table(columns: [TableColumn("编号", width: .fixed(8)), TableColumn("客户 Customer", width: .fixed(16)),
                             TableColumn("主题 Subject", width: .fill()), TableColumn("状态", width: .fixed(6)),
                             TableColumn("等待 Wait", width: .fixed(10), align: .right)],
                   rows: rows, state: ListState(selected: selected)), in: parts[1])
    b.render(StatusBar(left: [Span(SafeText(status), .title)], right: [Span("SLA 92%", .success)]), in: parts[2])
    b.render(HelpBar(bindings, context: .global), in: parts[3])
    return b
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15 }

let clock = ContinuousClock()
var previous = view(selected: 0, status: "heatdesk 演示 · frame 0")
var renderDiff: [Double] = [], blank: [Double] = []
var sink = 0
for i in 0..<runs {
    // Frame i: the selection moves (two rows restyle) and the status line changes.
    let t0 = clock.now
    let frame = view(selected: i % 50, status: "heatdesk 演示 · frame \(i)")
    let changes = Buffer.diff(from: previous, to: frame)
    let t1 = clock.now
    sink &+= changes.count
    previous = frame
    renderDiff.append(ms(t1 - t0))
    // Anchor: the floor of any frame, a blank buffer of the same size diffed against the last one.
    let a0 = clock.now
    let empty = Buffer(size: size, theme: theme)
    sink &+= Buffer.diff(from: empty, to: empty).count
    blank.append(ms(clock.now - a0))
}

// One changed line: only that line's cells are written.
let base = view(selected: 3, status: "heatdesk 演示 · steady")
var oneLine = base
oneLine.put("已认领 T-10007 claimed by 王小明", x: 0, y: size.height - 2, style: theme[.success])
let oneLineCells = Buffer.diff(from: base, to: oneLine).count
let fullCells = Buffer.diff(from: nil, to: base).count
let rowsTouched = Set(Buffer.diff(from: base, to: oneLine).map(\.y)).count

print(String(format: "render_diff_200x60_mixed_cjk: %.3f ms (anchor: blank 200x60 buffer + diff %.3f ms; target < 1 ms; median of %d)",
             median(renderDiff), median(blank), runs))
print(String(format: "render_diff_200x60_mixed_cjk_p90: %.3f ms (anchor: median %.3f ms)",
             renderDiff.sorted()[min(renderDiff.count - 1, renderDiff.count * 9 / 10)], median(renderDiff)))
print("cells_written_one_line_change: \(oneLineCells) cells (anchor: full repaint \(fullCells) cells; rows touched \(rowsTouched) of \(size.height))")
if sink == 42 { print("") }   // keeps the work observable to the optimizer
