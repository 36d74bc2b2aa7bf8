import Foundation
import HeatDeskApp
import HeatDeskCore
import HeatDeskTestSupport
import TerminalKit
@testable import HeatDeskStore

/// A fixed center day on a database file (so `data_version` sees other connections): the
/// monitor looks at 03:30 local; the same story as the store's MetricsTests, with a hostile
/// subject and Chinese names so the screens show sanitizing and wide glyphs.
final class MonitorFixture: @unchecked Sendable {
    let dir = TemporaryDirectory()
    let day = Date(millis: 1_794_960_000_000)
    var now: Date { t(3, 30) }
    func t(_ h: Int, _ m: Int, _ s: Int = 0) -> Date { day.addingTimeInterval(TimeInterval(h * 3600 + m * 60 + s)) }

    let li = Agent(id: "A-1", name: "李娜", skills: [.flight, .hotel], languages: ["zh", "en"])
    let tom = Agent(id: "A-2", name: "Tom Baker", skills: [.flight], languages: ["zh", "en"])
    let wang = Agent(id: "A-3", name: "王强", skills: [.car, .other], languages: ["zh"])
    let boss = Agent(id: "S-1", name: "周敏", role: .supervisor, languages: ["zh", "en"])
    let targets = try! ServiceTargets.parse("live * 60 95%\nemail * 600 90%\n")
    let db: AppDatabase
    var path: String { dir.file("monitor.sqlite") }

    func key(_ id: String) -> TicketKey { TicketKey(source: "main", externalID: id) }

    init() throws {
        db = try AppDatabase.open(path: dir.file("monitor.sqlite"))
        func ticket(_ id: String, _ created: Date, _ channel: Channel, _ product: Product, _ priority: Priority,
                    category: TicketCategory = .change, subject: String, due: Date? = nil) -> DomainEvent {
            .ticketImported(Ticket(key: key(id), createdAt: created, channel: channel, product: product, category: category,
                                   priority: priority, customerID: id == "T-5" ? "C-2" : "C-1", subject: subject, slaDueAt: due), firstMessage: nil)
        }
        let events: [DomainEvent] = [
            .customerUpserted(Customer(id: "C-1", name: "王丽娜", language: "zh")),
            .customerUpserted(Customer(id: "C-2", name: "Emily Carter", language: "en")),
            .agentUpserted(li), .agentUpserted(tom), .agentUpserted(wang), .agentUpserted(boss),
            ticket("T-1", t(0, 10), .chat, .flight, .normal, subject: "航班改签到明天上午"),
            ticket("T-2", t(1, 0), .chat, .flight, .urgent, subject: "MU523 延误，转机来不及"),
            ticket("T-3", t(2, 0), .email, .hotel, .normal, subject: "Hotel invoice for the Tokyo stay"),
            ticket("T-4", t(3, 0), .phone, .car, .sos, category: .sos, subject: "SOS：护照在巴黎丢失"),
            ticket("T-5", t(3, 29), .chat, .hotel, .high, category: .complaint, subject: "\u{1B}]0;pwned\u{07}房间不干净 \u{202E}refund"),
            ticket("T-6", t(-1, 0), .email, .flight, .low, subject: "Baggage allowance question", due: t(3, 35)),
            ticket("T-7", t(0, 30), .chat, .other, .normal, subject: "会员积分没有到账"),
        ]
        try db.writer.write { d in
            let a = try EventApplier(d)
            for e in events { _ = try a.apply(LoggedEvent(at: self.day, actor: "test", event: e)) }
        }
        try db.setStatus(of: li, .available, at: t(0, 0))
        try db.setStatus(of: tom, .away, at: t(1, 30))
        try db.setStatus(of: boss, .available, at: t(0, 0))
        _ = try db.claim(key("T-1"), by: li, at: t(0, 10, 30))
        try db.addMessage(key("T-1"), by: li, body: "您好", visibility: .public, at: t(0, 10, 40))
        try db.resolve(key("T-1"), .solved, by: li, at: t(0, 20, 30))
        _ = try db.claim(key("T-2"), by: li, at: t(1, 1))
        try db.addMessage(key("T-2"), by: li, body: "正在处理", visibility: .public, at: t(1, 2))
        try db.transfer(key("T-2"), to: tom, by: li, at: t(1, 5))
        try db.resolve(key("T-2"), .rebooked, by: tom, at: t(1, 25))
        _ = try db.claim(key("T-3"), by: li, at: t(2, 5))
        try db.addMessage(key("T-3"), by: li, body: "Dear guest", visibility: .public, at: t(2, 8))
        _ = try db.claim(key("T-7"), by: wang, at: t(0, 31))
        try db.setStatus(of: wang, .offline, at: t(0, 40))
    }

    func environment(background: (@Sendable () throws -> Bool)? = nil,
                     staleClaims: (@Sendable () throws -> [StaleHold])? = nil) -> MonitorEnvironment {
        let now = self.now, day = self.day
        return MonitorEnvironment(db: db, supervisor: boss, background: background, staleClaims: staleClaims, targets: targets,
                                  now: { now }, dayStart: { _ in day })
    }

    /// Li's workstation stopped beating five minutes ago while she holds T-3 (she still looks
    /// available): what sync's heartbeats report, for as long as T-3 is open or pending.
    func liSilent() -> @Sendable () throws -> [StaleHold] {
        let db = self.db, k = key("T-3"), seen = t(3, 25)
        return {
            guard let s = try db.workState(k), s.status == .open || s.status == .pending else { return [] }
            return [StaleHold(ticket: k, holder: "A-1", node: "node-li", lastSeen: seen)]
        }
    }

    func state(theme: Theme = .monochrome) -> MonitorState {
        // Ticket times in UTC, where the fixture's day starts.
        MonitorState(supervisor: boss, targets: targets, interval: 2, theme: theme, timeZone: TimeZone(identifier: "UTC")!)
    }
}

/// Runs effects on the calling thread and collects what they answer.
final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [MonitorMessage] = []
    func post(_ m: MonitorMessage) { lock.lock(); items.append(m); lock.unlock() }
    func take() -> [MonitorMessage] { lock.lock(); defer { lock.unlock() }; let out = items; items = []; return out }
}

extension MonitorEnvironment {
    func run(_ effects: [MonitorEffect]) -> [MonitorMessage] {
        let c = Collector()
        for e in effects { Monitor.perform(e, self, send: c.post) }
        return c.take()
    }

    /// Feeds `message` to `update` and keeps carrying out the effects until none are left.
    @discardableResult
    func drive(_ state: inout MonitorState, _ message: MonitorMessage) -> [MonitorEffect] {
        var all: [MonitorEffect] = []
        var queue = [message]
        var guardCount = 0
        while !queue.isEmpty, guardCount < 20 {
            guardCount += 1
            let effects = Monitor.update(&state, queue.removeFirst())
            all += effects
            queue += run(effects)
        }
        return all
    }
}
