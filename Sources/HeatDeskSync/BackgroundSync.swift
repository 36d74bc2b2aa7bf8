import Foundation

/// Keeps a workstation in sync while a screen runs: `exchange()` every `interval` seconds on a
/// thread of its own (ncurses stays on the main thread), and at once after `syncNow()` (the
/// screen just claimed or wrote). Each report goes to `onReport` on that thread; a screen posts
/// it to its loop and reloads when `report.news`.
public final class BackgroundSync: @unchecked Sendable {
    public let engine: SyncEngine
    public let interval: TimeInterval
    private let onReport: @Sendable (Result<SyncReport, Error>) -> Void
    private let condition = NSCondition()
    private var running = false
    private var wake = false
    private var thread: Thread?

    public init(engine: SyncEngine, interval: TimeInterval = 1, onReport: @escaping @Sendable (Result<SyncReport, Error>) -> Void) {
        self.engine = engine; self.interval = interval; self.onReport = onReport
    }

    public func start() {
        condition.lock(); defer { condition.unlock() }
        guard !running else { return }
        running = true
        let t = Thread { [self] in loop() }
        t.name = "heatdesk-sync"
        thread = t
        t.start()
    }

    /// Stops after the exchange in progress, if any.
    public func stop() {
        condition.lock(); running = false; condition.broadcast(); condition.unlock()
    }

    /// Exchanges now instead of at the next tick.
    public func syncNow() {
        condition.lock(); wake = true; condition.broadcast(); condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            guard running else { condition.unlock(); return }
            condition.unlock()
            let result = Result { try engine.exchange() }
            onReport(result)
            condition.lock()
            let deadline = Date().addingTimeInterval(interval)
            while running && !wake && condition.wait(until: deadline) {}
            wake = false
            let stillRunning = running
            condition.unlock()
            if !stillRunning { return }
        }
    }
}
