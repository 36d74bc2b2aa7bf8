import Foundation

/// What the runtime needs from a terminal. Backends are used from one thread only (the one
/// that calls `Program.run`), except `waker`, which any thread may call.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Paints `buffer` (by diffing against what is on screen).
    func draw(_ buffer: Buffer)
    /// Waits at most `timeout` (nil: forever) for input and returns what arrived (possibly
    /// nothing, when the timeout passed or `waker` was called).
    func nextEvents(timeout: Duration?) -> [Event]
    /// Interrupts a waiting `nextEvents` from another thread (a background result arrived).
    var waker: @Sendable () -> Void { get }
}

/// The Bubble Tea loop: state changes only in `update`, the screen is only `view(state)`, and
/// slow work (database, sync, files) is described by effects that run elsewhere and report
/// back as messages.
///
/// `update` and `view` run on the thread that calls `run` (the drawing thread; ncurses wants
/// one). Effects run as detached tasks through `perform`, which sends zero or more messages
/// back; the loop wakes up for them. Input is waited for with a timeout so timer ticks and
/// effect results are drawn without a key press.
public struct Program<State, Message: Sendable, Effect: Sendable> {
    public typealias Send = @Sendable (Message) -> Void

    public var state: State
    public var update: (inout State, Message) -> [Effect]
    public var view: (State, Size) -> Buffer
    /// Turns terminal events (keys, resize, ticks) into messages; nil ignores the event.
    public var event: (State, Event) -> Message?
    /// Checked after every update: true ends `run`.
    public var isFinished: (State) -> Bool
    /// Carries out an effect away from the drawing thread; results come back through `send`.
    public var perform: @Sendable (Effect, Send) async -> Void
    /// How often `Event.tick` is delivered; nil for never.
    public var tickInterval: Duration?
    /// Below this size the view is not called and a "terminal too small" screen is shown.
    public var minimumSize: Size
    /// The theme for the "too small" screen (views carry their own).
    public var theme: Theme

    public init(state: State,
                update: @escaping (inout State, Message) -> [Effect],
                view: @escaping (State, Size) -> Buffer,
                event: @escaping (State, Event) -> Message?,
                isFinished: @escaping (State) -> Bool,
                perform: @escaping @Sendable (Effect, Send) async -> Void,
                tickInterval: Duration? = .seconds(1),
                minimumSize: Size = Size(width: 40, height: 12),
                theme: Theme = .monochrome) {
        self.state = state; self.update = update; self.view = view; self.event = event
        self.isFinished = isFinished; self.perform = perform; self.tickInterval = tickInterval
        self.minimumSize = minimumSize; self.theme = theme
    }

    /// Why `run` returned.
    public enum Exit: Equatable, Sendable { case finished, signal(Int32) }

    /// Runs until `isFinished` or a terminating signal. `initial` effects start first
    /// (loading the first screen's data). Returns with the final state in `self.state`.
    @discardableResult
    public mutating func run(on backend: some TerminalBackend, initial: [Effect] = []) -> Exit {
        let inbox = Inbox<Message>(wake: backend.waker)
        let perform = self.perform
        func launch(_ effects: [Effect]) {
            for e in effects {
                let send: Send = { inbox.post($0) }
                Task.detached { await perform(e, send) }
            }
        }
        launch(initial)
        let clock = ContinuousClock()
        var nextTick = tickInterval.map { clock.now + $0 }
        var dirty = true
        var lastSize = backend.size

        while true {
            if dirty {
                backend.draw(frame(size: backend.size))
                dirty = false
            }
            let timeout = nextTick.map { max(.zero, $0 - clock.now) }
            var events = backend.nextEvents(timeout: timeout)
            if let t = nextTick, clock.now >= t {
                events.append(.tick)
                nextTick = t + tickInterval!
                if nextTick! < clock.now { nextTick = clock.now + tickInterval! }   // after a suspend: no burst
            }
            var messages: [Message] = []
            for e in events {
                if case .terminate(let sig) = e { return .signal(sig) }
                if case .resize(let s) = e, s != lastSize { lastSize = s; dirty = true }
                if let m = event(state, e) { messages.append(m) }
            }
            messages += inbox.drain()
            for m in messages {
                launch(update(&state, m))
                dirty = true
                if isFinished(state) { return .finished }
            }
        }
    }

    /// The frame for `size`: the view, or the "too small" screen.
    public func frame(size: Size) -> Buffer {
        if !size.fits(minimumSize) { return Buffer.tooSmall(size: size, minimum: minimumSize, theme: theme) }
        let b = view(state, size)
        if b.size == size { return b }
        // A view that drew at another size is copied onto a buffer of the right one.
        var fixed = Buffer(size: size, theme: b.theme)
        for y in 0..<min(size.height, b.size.height) { fixed.put(SafeText(b.rowText(y)), x: 0, y: y) }
        return fixed
    }
}

extension Buffer {
    /// Shown instead of the app when the terminal is smaller than it can use.
    public static func tooSmall(size: Size, minimum: Size, theme: Theme = .monochrome) -> Buffer {
        var b = Buffer(size: size, theme: theme)
        let lines: [SafeText] = ["Terminal too small", "\(size.width)x\(size.height), need \(minimum.width)x\(minimum.height)", "Enlarge the window; q quits"]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < size.height {
            b.put(l, in: Rect(x: 0, y: top + i, width: size.width, height: 1), align: .center, style: i == 0 ? theme[.warning] : theme[.normal])
        }
        return b
    }
}

/// Messages from effect tasks to the drawing thread.
final class Inbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Message] = []
    private let wake: @Sendable () -> Void
    init(wake: @escaping @Sendable () -> Void) { self.wake = wake }
    func post(_ m: Message) {
        lock.lock(); items.append(m); lock.unlock()
        wake()
    }
    func drain() -> [Message] {
        lock.lock(); defer { lock.unlock() }
        let out = items; items.removeAll(); return out
    }
}

/// A backend without a terminal: scripted events in, frames out. For tests of whole screens
/// and of the runtime itself.
public final class HeadlessBackend: TerminalBackend, @unchecked Sendable {
    public private(set) var size: Size
    public private(set) var frames: [Buffer] = []
    /// Cells the last frame wrote (as a real backend would).
    public private(set) var lastCellsWritten = 0
    private var script: [Event]
    private let cond = NSCondition()
    private var woken = false

    public init(size: Size, events: [Event] = []) { self.size = size; self.script = events }

    public var lastFrame: Buffer? { frames.last }

    public func draw(_ buffer: Buffer) {
        lastCellsWritten = Buffer.diff(from: frames.last, to: buffer).count
        frames.append(buffer)
    }

    /// Scripted events one at a time; when the script is empty, waits for a wake or the timeout
    /// (capped at 2 s so a broken test cannot hang).
    public func nextEvents(timeout: Duration?) -> [Event] {
        if !script.isEmpty {
            let e = script.removeFirst()
            if case .resize(let s) = e { size = s }
            return [e]
        }
        let limit = min(timeout ?? .seconds(2), .seconds(2))
        let secs = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        cond.lock()
        if !woken { _ = cond.wait(until: Date().addingTimeInterval(secs)) }
        woken = false
        cond.unlock()
        return []
    }

    public func enqueue(_ events: [Event]) { script += events }

    public var waker: @Sendable () -> Void {
        { [cond] in cond.lock(); self.woken = true; cond.signal(); cond.unlock() }
    }
}
