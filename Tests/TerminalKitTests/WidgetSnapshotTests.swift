import TerminalTestSupport
import XCTest
@testable import TerminalKit

/// Every widget at 80x24, 132x43 and 40x12, with Chinese, mixed, emoji and hostile text,
/// in 256 colors and monochrome. Files in __Snapshots__/<widget>-<size>.txt.
final class WidgetSnapshotTests: XCTestCase {
    static let sizes = [Size(width: 80, height: 24), Size(width: 132, height: 43), Size(width: 40, height: 12)]

    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ scene: @escaping (Theme, Size) -> Buffer) {
        for size in Self.sizes {
            let (doc, sameGrid) = Snapshot.document(name, size: size, scene)
            XCTAssertTrue(sameGrid, "\(name) \(size): text differs between color and monochrome", file: file, line: line)
            Snapshot.assertMatches("\(name)-\(size)", doc, file: file, line: line)
            // Whatever the scene, nothing unsanitized is in the buffer.
            let b = scene(Theme(mode: .colors256), size)
            for y in 0..<b.size.height {
                XCTAssertFalse(b.rowText(y).unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) },
                               "\(name) \(size) row \(y)", file: file, line: line)
            }
        }
    }

    static let texts: [SafeText] = Fixture.all.map { SafeText($0.1) }

    static var rows: [TableRow] {
        var r: [TableRow] = [
            TableRow(["T-1001", "王小明", SafeText(Fixture.chinese), "待办"]),
            TableRow(["T-1002", "Li Na 李娜", SafeText(Fixture.mixed), "处理中"], role: .warning),
            TableRow(["T-1003", "Émile 😀", SafeText(Fixture.emoji), "OK"]),
            TableRow(["T-1004", SafeText(Fixture.hostileEscape), SafeText(Fixture.hostileBidi), "SOS"], role: .sos),
            TableRow(["T-1005", "长行", SafeText(Fixture.longLine), "超时"], role: .breach),
        ]
        for i in 6...40 { r.append(TableRow([SafeText("T-\(1000 + i)"), "客户\(i)", "Subject \(i) 主题", "—"])) }
        return r
    }

    func testTable() {
        check("table") { theme, size in
            var b = Buffer(size: size, theme: theme)
            let t = Table(columns: [TableColumn("编号", width: .fixed(7)), TableColumn("客户 Customer", width: .percent(20)),
                                    TableColumn("主题 Subject", width: .fill()), TableColumn("状态", width: .fixed(6), align: .right)],
                          rows: Self.rows, state: ListState(selected: 2))
            b.render(t, in: b.area)
            return b
        }
    }

    func testTableScrolledUnfocused() {
        check("table-scrolled") { theme, size in
            var b = Buffer(size: size, theme: theme)
            var st = ListState()
            st.select(30, count: Self.rows.count, visibleRows: size.height - 3)
            let t = Table(columns: [TableColumn("ID", width: .fixed(7)), TableColumn("主题", width: .fill())],
                          rows: Self.rows.map { TableRow([$0.cells[0], $0.cells[2]], role: $0.role) }, state: st, focused: false)
            b.render(Block(title: "队列 Queue (\(Self.rows.count))"), in: b.area)
            b.render(t, in: b.area.inset(by: 1))
            return b
        }
    }

    func testList() {
        check("list") { theme, size in
            var b = Buffer(size: size, theme: theme)
            let items = Self.texts + (1...30).map { SafeText("条目 item \($0)") }
            b.render(ListView(items, state: ListState(selected: 4), itemRoles: [3: .breach]), in: b.area.inset(top: 1, left: 2, bottom: 1, right: 2))
            return b
        }
    }

    func testTextPane() {
        check("textpane") { theme, size in
            var b = Buffer(size: size, theme: theme)
            let lines = [PaneLine("王小明 · 10:32", role: .title)] + Self.texts.map { PaneLine($0) } + [PaneLine("— end —", role: .muted)]
            let block = Block(title: "对话 Conversation")
            b.render(block, in: b.area)
            b.render(TextPane(lines, scroll: 2), in: block.inner(b.area))
            return b
        }
    }

    func testTabsStatusHelpMessage() {
        let table = KeyBindingTable<Int>([
            KeyBinding("q", 0, help: "Quit 退出"), KeyBinding(["Up", "k"], 1, help: "Up"), KeyBinding("c", 2, help: "Claim 认领", context: "queue"),
            KeyBinding("Tab", 3, help: "Next pane"), KeyBinding("?", 4, help: "Help 帮助"), KeyBinding("C-r", 5, help: "Reply 回复", context: "queue"),
        ])
        check("bars") { theme, size in
            var b = Buffer(size: size, theme: theme)
            b.render(Tabs(["队列 Queue", "工单 T-1001 航班延误", "监控 😀", SafeText(Fixture.hostileBidi)], selected: 1), in: b.area.row(0))
            b.render(StatusBar(left: [Span("王小明", .title), Span(SafeText(" · " + Fixture.mixed))], right: [Span("SLA 12:30", .breach), " 80%"]), in: b.area.row(2))
            b.render(StatusBar(left: [Span(SafeText(Fixture.hostileEscape))], right: [Span(SafeText(Fixture.longLine))]), in: b.area.row(3))
            b.render(MessageLine(TransientMessage(SafeText("已认领 claimed " + Fixture.emoji), kind: .success)), in: b.area.row(5))
            b.render(MessageLine(TransientMessage(SafeText(Fixture.hostileEscape), kind: .error)), in: b.area.row(6))
            b.render(Label(SafeText(Fixture.chinese + "\n" + Fixture.mixed), align: .center), in: Rect(x: 0, y: 8, width: size.width, height: 2))
            b.render(HelpBar(table, context: "queue"), in: b.area.row(size.height - 1))
            b.render(HelpBar(table, context: .global), in: b.area.row(size.height - 2))
            return b
        }
    }

    func testHelpScreen() {
        let table = KeyBindingTable<Int>([
            KeyBinding("q", 0, help: "Quit", description: "退出 heatdesk"), KeyBinding(["Down", "j"], 1, help: "Down"),
            KeyBinding(["Up", "k"], 2, help: "Up"), KeyBinding("c", 3, help: "Claim", description: "认领选中的工单 claim the selected ticket", context: "queue"),
            KeyBinding("C-s", 4, help: "Send", description: "发送回复 send the reply", context: "compose"),
            KeyBinding("F5", 5, help: "Refresh", context: "monitor"), KeyBinding("S-Tab", 6, help: "Prev pane"),
        ])
        check("helpscreen") { theme, size in
            var b = Buffer(size: size, theme: theme)
            b.put(SafeText(Fixture.chinese), x: 0, y: 0)
            b.render(HelpScreen(table, title: "按键 Keys"), in: b.area.inset(by: 1))
            return b
        }
    }

    func testPicker() {
        let items = [SafeText("航班延误致歉 Flight delay apology"), "酒店升级 Hotel upgrade", "租车晚到 Car late pick-up 🚗",
                     SafeText("恶意 \(Fixture.hostileEscape)"), SafeText(Fixture.longLine)] + (1...20).map { SafeText("模板 template \($0)") }
        check("picker") { theme, size in
            var b = Buffer(size: size, theme: theme)
            b.put(SafeText(Fixture.mixed), x: 0, y: 0)
            var p = PickerState(title: "选择模板 Templates", items: items, visibleRows: 8)
            for c in "模板 1" { _ = p.handle(KeyEvent(.char(c))) }
            _ = p.handle(KeyEvent(.down))
            b.render(Picker(p), in: b.area)
            return b
        }
        check("picker-all") { theme, size in
            var b = Buffer(size: size, theme: theme)
            var p = PickerState(title: "Templates", items: items, visibleRows: 6)
            _ = p.handle(KeyEvent(.up))
            b.render(Picker(p), in: b.area)
            return b
        }
    }

    func testConfirm() {
        check("confirm") { theme, size in
            var b = Buffer(size: size, theme: theme)
            b.render(TextPane(Self.texts.map { PaneLine($0) }), in: b.area)
            let st = ConfirmState(title: "关闭工单？ Close?", message: SafeText("确定要关闭工单 T-1001 吗？ The customer \(Fixture.hostileBidi) will be notified."))
            b.render(ConfirmDialog(st), in: b.area)
            return b
        }
    }

    func testEditor() {
        check("editor") { theme, size in
            var b = Buffer(size: size, theme: theme)
            var e = EditorState(text: "王先生您好，\n" + Fixture.mixed + "\n" + Fixture.emoji + "\n" + Fixture.hostileEscape + "\n" + Fixture.chinese)
            e.moveToStart()
            e.moveVertically(by: 1, width: size.width - 2)
            e.moveWordRight()
            let block = Block(title: "回复 Reply")
            b.render(block, in: b.area)
            b.render(TextEditor(e), in: block.inner(b.area))
            return b
        }
        check("editor-empty") { theme, size in
            var b = Buffer(size: size, theme: theme)
            b.render(TextEditor(EditorState(), placeholder: "在此输入回复… type a reply"), in: Rect(x: 2, y: 2, width: size.width - 4, height: 3))
            return b
        }
    }

    func testTooSmall() {
        check("toosmall") { theme, size in
            Buffer.tooSmall(size: Size(width: size.width / 2, height: size.height / 2), minimum: size, theme: theme)
        }
    }
}
