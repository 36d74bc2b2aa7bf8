import TerminalKit

/// Test strings: Chinese, mixed Chinese/English, emoji and hostile text.
enum Fixture {
    static let chinese = "客户反映航班延误三个小时，要求改签并安排酒店住宿。请尽快回复，谢谢！"
    static let mixed = "Flight CA1234 从北京 PEK 到 上海 SHA delayed 2h，hotel 已 booked (HX-88)."
    static let emoji = "Thanks 🙏 家人 👨‍👩‍👧 flag 🇨🇳 ok ✅ 👍🏽 café"
    static let hostileEscape = "name\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mRED\u{9B}6n"
    static let hostileBidi = "invoice_\u{202E}fdp.exe\u{202C} zero\u{200B}width\u{FEFF}"
    static let longLine = String(repeating: "长ab ", count: 2500)   // 10,000 characters

    static let all: [(String, String)] = [
        ("zh", chinese), ("mixed", mixed), ("emoji", emoji), ("esc", hostileEscape), ("bidi", hostileBidi), ("long", longLine),
    ]
}
