import Foundation
import HeatDeskCore
import TerminalKit

/// Short text for figures: the same on the monitor and in `stats`.
public enum MonitorFormat {
    /// 42s, 3m05s, 2h07m, 3d04h.
    public static func duration(_ seconds: Int) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + two(s % 60) + "s" }
        if s < 86_400 { return "\(s / 3600)h" + two(s % 3600 / 60) + "m" }
        return "\(s / 86_400)d" + two(s % 86_400 / 3600) + "h"
    }

    public static func share(_ v: Double?) -> String {
        guard let v else { return "–" }
        let tenths = Int((v * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// The wall-clock time of `millis` as HH:MM:SS, counted from the local midnight `dayStart`.
    public static func clock(_ millis: Int64, dayStart: Int64) -> String {
        let s = Int(max(0, millis - dayStart) / 1000)
        return two(s / 3600 % 24) + ":" + two(s % 3600 / 60) + ":" + two(s % 60)
    }

    /// A count in `width` columns: exact when it fits, else 15k or 1.2M (never cut to "15…").
    public static func count(_ n: Int, width: Int) -> String {
        let exact = String(n)
        if exact.count <= width { return exact }
        if n < 1_000_000 { return "\(n / 1000)k" }
        let tenths = n / 100_000
        return tenths < 100 ? "\(tenths / 10).\(tenths % 10)M" : "\(n / 1_000_000)M"
    }

    /// 2s, 0.5s: an interval as typed.
    public static func seconds(_ v: Double) -> String {
        v == v.rounded() ? "\(Int(v))s" : "\((v * 10).rounded() / 10)s"
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension Monitor {
    /// The whole screen at `size`: title, queues and service level, trends, the attention list
    /// and the agents, the message line and the key hints.
    /// Where the open ticket is drawn (`update` pages with the same rectangle): between the
    /// title bar and the message line.
    public static func ticketArea(_ size: Size) -> Rect {
        Rect(size).split(.vertical, [.fixed(1), .fill(), .fixed(1), .fixed(1)])[1]
    }

    public static func view(_ s: MonitorState, _ size: Size) -> Buffer {
        var b = Buffer(size: size, theme: s.theme)
        let area = b.area
        let rows = area.split(.vertical, [.fixed(1), .fill(), .fixed(1), .fixed(1)])
        title(s, &b, rows[0])
        b.render(MessageLine(s.message), in: rows[2])
        // The hints of where the keys go now: a modal's own, the ticket's, or the board's.
        b.render(HelpBar(bindings, context: bindingContext(of: s)), in: rows[3])
        if let t = s.ticket {
            // The agent session's ticket screen, read-only: the supervisor sees what the agent sees.
            TicketScreen.render(t, in: ticketArea(size), buffer: &b)
            if let modal = s.modal { overlay(modal, &b, rows[1]) }
            return b
        }
        guard let r = s.report else {
            b.put("Reading the figures…", in: rows[1].row(1).inset(left: 2), style: b.theme[.muted])
            return b
        }
        let body = rows[1]
        let wide = body.width >= 160
        let tall = body.height >= 30
        let trendRows = tall ? 2 : 1
        let parts = body.split(.vertical, [.fixed(tall ? 9 : 7), .fixed(3 * trendRows + (tall ? 1 : 0)), .fill()])
        // The queue table grows with its largest count; service level keeps at least 35 columns.
        let need = max(4, String(r.queues.map(\.total).max() ?? 0).count + 1)
        let queueWidth = min(max(wide ? 60 : 45, 22 + 6 * need), body.width - 35)
        let top = parts[0].split(.horizontal, wide ? [.fixed(queueWidth), .fill(), .fill()] : [.fixed(queueWidth), .fill()])
        queues(r, &b, top[0])
        // A product mixes channels: its meter is judged against the live goal for normal priority.
        let liveGoal = s.targets.target(.normal, Channel.chat).goal
        if wide {
            serviceLevel(r, &b, top[1].inset(left: 2), byProduct: true, byChannel: false, liveGoal: liveGoal)
            serviceLevel(r, &b, top[2].inset(left: 2), byProduct: false, byChannel: true, liveGoal: liveGoal)
        } else {
            serviceLevel(r, &b, top[1].inset(left: 1), byProduct: true, byChannel: true, liveGoal: liveGoal)
        }
        trends(r, &b, parts[1], rowsPerSeries: trendRows, titled: tall)
        let lists = wide ? parts[2].split(.horizontal, [.percent(60), .fill()]) : parts[2].split(.vertical, [.percent(55), .fill()])
        attention(s, r, &b, wide ? lists[0].inset(right: 1) : lists[0])
        agents(s, r, &b, lists[1])
        if let modal = s.modal { overlay(modal, &b, body) }
        return b
    }

    /// The title, as long as the row allows: the full words on a wide terminal, shorter ones at
    /// 80 columns, so who is watching, live or paused, the service level, past SLA and the clock
    /// are always whole (issue 14, item 13).
    static func title(_ s: MonitorState, _ b: inout Buffer, _ row: Rect) {
        let who = " · \(s.supervisor.name) \(s.supervisor.id)"
        func left(_ compact: Bool) -> [Span] {
            [Span(compact ? "monitor" : "heatdesk monitor", .title), Span(SafeText(who)),
             s.paused ? Span(" · PAUSED", .warning)
                      : Span(SafeText(compact ? " · live \(MonitorFormat.seconds(s.interval))" : " · live every \(MonitorFormat.seconds(s.interval))"))]
        }
        func right(_ compact: Bool) -> [Span] {
            guard let r = s.report else { return [] }
            return [Span(SafeText("SL \(MonitorFormat.share(r.serviceOverall.share)) · ")),
                    Span(SafeText(compact ? "past \(r.pastDue)" : "past SLA \(r.pastDue)"), r.pastDue > 0 ? .breach : .statusBar),
                    Span(SafeText(" · \(MonitorFormat.clock(r.now, dayStart: r.dayStart)) "))]
        }
        func width(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + $1.width } }
        var choice = (left(false), right(false))
        for compact in [(false, true), (true, true)] where width(choice.0) + 1 + width(choice.1) > row.width {
            choice = (left(compact.0), right(compact.1))
        }
        b.render(StatusBar(left: choice.0, right: choice.1), in: row)
    }

    static func section(_ text: String, _ b: inout Buffer, _ row: Rect, note: String = "") {
        let x = b.put(SafeText(text), x: row.x, y: row.y, style: b.theme[.title], clip: row)
        if !note.isEmpty { b.put(SafeText("  " + note), x: row.x + x, y: row.y, style: b.theme[.muted], clip: row) }
    }

    static func queues(_ r: MetricsReport, _ b: inout Buffer, _ area: Rect) {
        section("Queues", &b, area.row(0), note: "\(r.waitingTotal) waiting · longest \(MonitorFormat.duration(r.longestWait))")
        // Count columns as wide as the largest count needs, while the oldest wait still fits.
        let digits = String(r.queues.map(\.total).max() ?? 0).count
        let w = max(4, min(digits + 1, (area.width - 8 - 6 - 7) / 6))
        let columns = [TableColumn("product", width: .fixed(8))]
            + Priority.allCases.map { TableColumn(SafeText(short($0)), width: .fixed(w), align: .right) }
            + [TableColumn("all", width: .fixed(w), align: .right), TableColumn("oldest", width: .fill(), align: .right)]
        let rows = r.queues.map { q in
            TableRow([SafeText(q.product.rawValue)] + Priority.allCases.map { SafeText(q.byPriority[$0].map { MonitorFormat.count($0, width: w) } ?? "·") }
                     + [SafeText(MonitorFormat.count(q.total, width: w)), SafeText(MonitorFormat.duration(q.longestWait))],
                     role: (q.byPriority[.sos] ?? 0) > 0 ? .sos : nil)
        }
        let table = Table(columns: columns, rows: rows.isEmpty ? [TableRow(["nobody waiting"], role: .muted)] : rows,
                          state: ListState(selected: nil), focused: false, showScrollbar: false)
        b.render(table, in: area.inset(top: 1))
    }

    static func short(_ p: Priority) -> String {
        switch p { case .sos: "SOS"; case .urgent: "urg"; case .high: "high"; case .normal: "norm"; case .low: "low" }
    }

    static func serviceLevel(_ r: MetricsReport, _ b: inout Buffer, _ area: Rect, byProduct: Bool, byChannel: Bool, liveGoal: Double) {
        let o = r.serviceOverall
        if byProduct {
            section("Service level today", &b, area.row(0),
                    note: "\(MonitorFormat.share(o.share)) (\(o.met)/\(o.met + o.missed))")
        } else {
            section("By channel", &b, area.row(0), note: "goal in brackets")
        }
        var lines: [(label: String, level: MetricsReport.Level, goal: Double?)] = []
        if byProduct { lines += r.serviceByProduct.map { ($0.product.rawValue, $0.level, nil) } }
        if byChannel { lines += r.serviceByChannel.map { ($0.channel.rawValue, $0.level, $0.goal) } }
        if lines.isEmpty {
            b.put("no tickets today yet", in: area.row(1), style: b.theme[.muted])
            return
        }
        for (i, line) in lines.prefix(max(0, area.height - 1)).enumerated() {
            let row = area.row(i + 1)
            let label = TextLayout.fit(line.label, to: 8)
            let figure = MonitorFormat.share(line.level.share) + (line.goal.map { " (\(MonitorFormat.share($0)))" } ?? "")
            b.put(SafeText(label), x: row.x, y: row.y, style: b.theme[.normal], clip: row)
            let figureWidth = line.goal == nil ? 7 : 16
            let meterWidth = max(0, row.width - 9 - figureWidth - 1)
            let below = line.level.share.map { $0 < (line.goal ?? liveGoal) } ?? false
            b.render(Meter(line.level.share, role: below ? .warning : .success), in: Rect(x: row.x + 9, y: row.y, width: meterWidth, height: 1))
            b.put(SafeText(figure), in: Rect(x: row.maxX - figureWidth, y: row.y, width: figureWidth, height: 1), align: .right,
                  style: b.theme[below ? .warning : .normal])
        }
    }

    static func trends(_ r: MetricsReport, _ b: inout Buffer, _ area: Rect, rowsPerSeries: Int, titled: Bool) {
        var y = area.y
        if titled { section("Today per hour", &b, area.row(0), note: "00:00 at the left, this hour at the right"); y += 1 }
        let perValue = max(1, min(4, (area.width - 36) / 24))
        let series: [(String, [Int?], String, TerminalKit.Role)] = [
            ("in", r.createdPerHour.map { $0 }, "came in", .accent),
            ("out", r.resolvedPerHour.map { $0 }, "resolved", .success),
            ("wait", r.averageWaitPerHour, "avg wait", .warning),
        ]
        for (label, values, what, role) in series {
            let rect = Rect(x: area.x, y: y, width: area.width, height: rowsPerSeries)
            b.put(SafeText(TextLayout.fit(label, to: 5)), x: rect.x, y: rect.maxY - 1, style: b.theme[.muted], clip: rect)
            let chartWidth = min(24 * perValue, max(0, rect.width - 36))
            b.render(Sparkline(values, columnsPerValue: perValue, role: role, markZero: true),
                     in: Rect(x: rect.x + 6, y: rect.y, width: chartWidth, height: rowsPerSeries))
            let known = values.compactMap { $0 }
            let isWait = label == "wait"
            func fmt(_ v: Int) -> String { isWait ? MonitorFormat.duration(v) : "\(v)" }
            let latest = values.last.flatMap { $0 }.map(fmt) ?? "–"
            let text = "\(what) now \(latest) · peak \(known.max().map(fmt) ?? "–")"
            b.put(SafeText(text), x: rect.x + 6 + chartWidth + 1, y: rect.maxY - 1, style: b.theme[.normal], clip: rect)
            y += rowsPerSeries
        }
    }

    static func attention(_ s: MonitorState, _ r: MetricsReport, _ b: inout Buffer, _ area: Rect) {
        let focused = s.focus == .tickets && s.modal == nil
        let full = "SOS first · complaints waiting" + (s.stale.isEmpty ? "" : " · \(s.stale.count) on silent workstations")
            + " · SLA \(r.pastDue) past, \(r.nearDue) near"
        let compact = "SOS first" + (s.stale.isEmpty ? "" : " · \(s.stale.count) silent") + " · SLA \(r.pastDue) past, \(r.nearDue) near"
        section("Attention", &b, area.row(0), note: "Attention  ".displayWidth + full.displayWidth <= area.width ? full : compact)
        let wide = area.width >= 100
        var columns = [TableColumn("ticket", width: .fixed(10)), TableColumn("prio", width: .fixed(6)),
                       TableColumn("product", width: .fixed(8)), TableColumn("why", width: .fixed(15)),
                       TableColumn("owner", width: .fixed(7))]
        if wide { columns.append(TableColumn("customer", width: .fixed(14))) }
        columns.append(TableColumn("subject", width: .fill()))
        let rows = s.attention.map { a -> TableRow in
            let t = a.ticket
            let why: String, role: TerminalKit.Role?
            switch a.reason {
            case .pinned(let wait):
                why = "waits \(MonitorFormat.duration(wait))"
                role = t.priority == .sos ? .sos : .warning
            case .stale(let lastSeen, _):
                why = lastSeen.map { "silent \(MonitorFormat.duration(Int((r.now - $0.millis) / 1000)))" } ?? "never beat"
                role = .breach
            case .risk(let standing, let dueIn):
                why = dueIn < 0 ? "overdue \(MonitorFormat.duration(-dueIn))" : "due in \(MonitorFormat.duration(dueIn))"
                role = standing == .breached ? .breach : .warning
            }
            var cells = [SafeText(t.key.description), SafeText(t.priority.rawValue), SafeText(t.product.rawValue), SafeText(why),
                         SafeText(t.ownerID ?? "queue")]
            if wide { cells.append(SafeText(t.customerName)) }
            cells.append(SafeText(t.subject))
            return TableRow(cells, role: role)
        }
        let table = Table(columns: columns, rows: rows.isEmpty ? [TableRow(["nothing needs you"], role: .muted)] : rows,
                          state: rows.isEmpty ? ListState(selected: nil) : s.tickets, focused: focused)
        b.render(table, in: area.inset(top: 1))
    }

    static func agents(_ s: MonitorState, _ r: MetricsReport, _ b: inout Buffer, _ area: Rect) {
        let focused = s.focus == .agents && s.modal == nil
        // The whole header at 80 columns too: shorter words, presence counts that are zero left out.
        let aht = r.averageHandling.map(MonitorFormat.duration) ?? "–", fcr = MonitorFormat.share(r.firstContactShare)
        let stale = s.staleTotal > 0 ? " · \(s.staleTotal) stale" : ""
        let full = "handled \(r.handledToday) · AHT \(aht) · FCR \(fcr)" + stale + " · "
            + MetricsReport.Presence.allCases.map { "\(r.presenceCounts[$0] ?? 0) \($0.rawValue)" }.joined(separator: " · ")
        let short: [MetricsReport.Presence: String] = [.available: "avail", .busy: "busy", .away: "away", .offline: "off"]
        let compact = "done \(r.handledToday) · AHT \(aht) · FCR \(fcr)" + stale + " · "
            + MetricsReport.Presence.allCases.compactMap { p in (r.presenceCounts[p] ?? 0) > 0 ? "\(r.presenceCounts[p]!) \(short[p] ?? p.rawValue)" : nil }
                .joined(separator: " ")
        section("Agents", &b, area.row(0), note: "Agents  ".displayWidth + full.displayWidth <= area.width ? full : compact)
        let columns = [TableColumn("name", width: .fill()), TableColumn("id", width: .fixed(6)), TableColumn("status", width: .fixed(9)),
                       TableColumn("hand", width: .fixed(4), align: .right), TableColumn("done", width: .fixed(4), align: .right),
                       TableColumn("AHT", width: .fixed(6), align: .right), TableColumn("FCR", width: .fixed(6), align: .right),
                       TableColumn("stale", width: .fixed(5), align: .right)]
        let rows = r.agents.map { a in
            let stale = s.staleCount(of: a)
            return TableRow([SafeText(a.name), SafeText(a.id), SafeText(a.presence.rawValue), SafeText("\(a.inHand)"), SafeText("\(a.handledToday)"),
                      SafeText(a.averageHandling.map(MonitorFormat.duration) ?? "–"), SafeText(MonitorFormat.share(a.firstContactShare)),
                      SafeText(stale > 0 ? "\(stale)" : "")],
                     role: stale > 0 ? .warning : a.presence == .offline ? .muted : nil)
        }
        b.render(Table(columns: columns, rows: rows, state: s.agents, focused: focused), in: area.inset(top: 1))
    }

    static func overlay(_ modal: MonitorState.Modal, _ b: inout Buffer, _ area: Rect) {
        switch modal {
        case .help(let scroll):
            help(scroll, &b, area)
        case .reassign(let picker):
            b.render(AssignPickerView(state: picker), in: area)
        case .confirmRequeue(let confirm, _), .confirmRequeueHeld(let confirm, _), .confirmAssign(let confirm, _, _):
            b.render(ConfirmDialog(confirm), in: area)
        }
    }

    static func help(_ scroll: Int, _ b: inout Buffer, _ area: Rect) {
        b.render(HelpScreen(bindings, title: "Monitor keys", scroll: scroll),
                 in: area.centered(width: min(area.width, 72), height: min(area.height, 20)))
    }
}
