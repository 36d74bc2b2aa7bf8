import CNCursesw
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TerminalKit

/// Why the interactive modes cannot start. The messages are for the person at the prompt.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal(String)
    case unknownTerminal(String)
    case noUTF8Locale(String)
    case initFailed(String)

    public var description: String {
        switch self {
        case .notATerminal(let which):
            return "\(which) is not a terminal: the interactive screens need one (run it in a terminal, not through a pipe; scripts can use the plain-text commands)"
        case .unknownTerminal(let term):
            return "the terminal type TERM=\(term.isEmpty ? "(unset)" : term) is unknown here: set TERM to one this system knows (e.g. xterm-256color)"
        case .noUTF8Locale(let codeset):
            return "no UTF-8 locale (the character set is \(codeset)): set LANG=C.UTF-8 or another UTF-8 locale"
        case .initFailed(let why):
            return "could not start the terminal screen: \(why)"
        }
    }
}

// Signal handlers may touch only these: plain integers and raw memory set up before they run.
nonisolated(unsafe) private var gWakeWriteFd: Int32 = -1
nonisolated(unsafe) private var gPendingSignal: Int32 = 0
nonisolated(unsafe) private var gResizePending: Int32 = 0
nonisolated(unsafe) private var gActive: Int32 = 0
nonisolated(unsafe) private var gSavedTermios = termios()
nonisolated(unsafe) private var gResetBytes: UnsafeMutablePointer<UInt8>? = nil
nonisolated(unsafe) private var gResetCount = 0

/// Puts the terminal back without ncurses (which is not async-signal-safe): the saved tty modes,
/// then leave the alternate screen, show the cursor, reset colors, stop bracketed paste.
private func emergencyRestore() {
    guard gActive != 0 else { return }
    gActive = 0
    _ = tcsetattr(STDIN_FILENO, TCSANOW, &gSavedTermios)
    if let b = gResetBytes { _ = write(STDOUT_FILENO, b, gResetCount) }
}

private let terminateHandler: @convention(c) (Int32) -> Void = { sig in
    if gPendingSignal != 0 {
        // Second signal: the loop did not get to it; restore here and go.
        emergencyRestore()
        _exit(128 + sig)
    }
    gPendingSignal = sig
    var b: UInt8 = 1
    if gWakeWriteFd >= 0 { _ = write(gWakeWriteFd, &b, 1) }
}

private let winchHandler: @convention(c) (Int32) -> Void = { _ in
    gResizePending = 1
    var b: UInt8 = 2
    if gWakeWriteFd >= 0 { _ = write(gWakeWriteFd, &b, 1) }
}

private let crashHandler: @convention(c) (Int32) -> Void = { sig in
    emergencyRestore()
    signal(sig, SIG_DFL)
    raise(sig)
}

/// The ncurses backend: paints buffers by diffing, reads keys, follows resizes, suspends and
/// restores the terminal on every way out.
///
/// Use through `CursesBackend.run { backend in ... }`, which ends curses even when the body
/// throws. All calls must come from the thread that created it (ncurses is not thread-safe);
/// only `waker` may be called from anywhere.
public final class CursesBackend: TerminalBackend {
    public struct Options: Sendable {
        /// Ctrl-Z suspends to the shell (`fg` resumes) instead of reaching the app as a key.
        public var suspendOnCtrlZ = true
        /// Milliseconds ncurses waits after ESC for the rest of a key sequence.
        public var escapeDelay: Int32 = 25
        /// Ask the terminal to mark pastes so they arrive as one `Event.paste`.
        public var bracketedPaste = true
        public init() {}
    }

    public private(set) var size = Size(width: 0, height: 0)
    public private(set) var colorMode: ColorMode = .monochrome
    /// Cells written by the last `draw` (the diff's size; 0 when nothing changed).
    public private(set) var lastCellsWritten = 0
    public private(set) var framesDrawn = 0

    private let options: Options
    private var screen: OpaquePointer?
    private var last: Buffer?
    private var decoder = InputDecoder()
    private var pairs: [UInt32: Int32] = [:]
    private var nextPair: Int32 = 1
    private var maxPairs: Int32 = 0
    private var paletteSize = 0
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    private var oldHandlers: [(Int32, sighandler_t?)] = []
    /// True until curses is up, so a failed init (whose deinit still runs) touches nothing.
    private var stopped = true
    private var cursorVisible = false

    /// Refuses, with a message for the user, when there is no usable terminal.
    public static func checkTerminal(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal("standard input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal("standard output") }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else { throw TerminalError.unknownTerminal(term) }
        var err: Int32 = 0
        if setupterm(term, STDOUT_FILENO, &err) != OK { throw TerminalError.unknownTerminal(term) }
    }

    /// Starts curses, runs `body`, and ends curses on every path out of it.
    public static func run<R>(options: Options = Options(), _ body: (CursesBackend) throws -> R) throws -> R {
        let backend = try CursesBackend(options: options)
        defer { backend.stop() }
        return try body(backend)
    }

    public init(options: Options = Options()) throws {
        self.options = options
        try CursesBackend.checkTerminal()
        setlocale(LC_ALL, "")
        if String(cString: hd_codeset()) != "UTF-8" {
            // A bare environment (cron, some containers) has no LANG: UTF-8 is what we draw.
            setlocale(LC_CTYPE, "C.UTF-8")
            let cs = String(cString: hd_codeset())
            guard cs == "UTF-8" else { throw TerminalError.noUTF8Locale(cs) }
        }
        _ = tcgetattr(STDIN_FILENO, &gSavedTermios)

        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError.initFailed("pipe: \(String(cString: strerror(errno)))") }
        wakeRead = fds[0]; wakeWrite = fds[1]
        _ = fcntl(wakeRead, F_SETFL, fcntl(wakeRead, F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakeRead, F_SETFD, FD_CLOEXEC); _ = fcntl(wakeWrite, F_SETFD, FD_CLOEXEC)

        // Our SIGWINCH handler goes in first so ncurses leaves resizing to us (it only installs
        // its own over SIG_DFL) and the wait below wakes up at once.
        gWakeWriteFd = wakeWrite
        gPendingSignal = 0
        gResizePending = 0
        for (sig, h) in [(SIGWINCH, winchHandler), (SIGINT, terminateHandler), (SIGTERM, terminateHandler), (SIGHUP, terminateHandler)] {
            oldHandlers.append((sig, signal(sig, h)))
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            oldHandlers.append((sig, signal(sig, crashHandler)))
        }

        guard let scr = hd_newterm() else {
            restoreHandlers()
            gWakeWriteFd = -1
            close(wakeRead); close(wakeWrite)
            throw TerminalError.initFailed("newterm failed for TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")")
        }
        screen = scr
        stopped = false
        gActive = 1
        CursesBackend.prepareResetBytes(bracketedPaste: options.bracketedPaste)
        atexit { emergencyRestore() }

        raw(); noecho(); nonl()
        keypad(hd_stdscr(), true)
        intrflush(hd_stdscr(), false)
        meta(hd_stdscr(), true)
        wtimeout(hd_stdscr(), 0)
        set_escdelay(options.escapeDelay)
        curs_set(0)
        var palette = 0
        if has_colors() {
            start_color()
            use_default_colors()
            palette = Int(hd_colors())
        }
        paletteSize = palette
        maxPairs = has_colors() ? min(hd_color_pairs(), 32767) : 0
        colorMode = ColorMode.detect(terminalColors: palette, environment: ProcessInfo.processInfo.environment)
        var y: Int32 = 0, x: Int32 = 0
        hd_getmaxyx(hd_stdscr(), &y, &x)
        size = Size(width: Int(x), height: Int(y))
        if options.bracketedPaste { CursesBackend.writeRaw("\u{1B}[?2004h") }
    }

    deinit { stop() }

    /// Ends curses and puts the terminal back. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        if options.bracketedPaste { CursesBackend.writeRaw("\u{1B}[?2004l") }
        curs_set(1)
        endwin()
        gActive = 0
        if let s = screen { delscreen(s); screen = nil }
        restoreHandlers()
        gWakeWriteFd = -1
        close(wakeRead); close(wakeWrite)
    }

    private func restoreHandlers() {
        for (sig, h) in oldHandlers.reversed() { signal(sig, h) }
        oldHandlers = []
    }

    private static func writeRaw(_ s: String) {
        hd_fflush_stdout()
        var bytes = Array(s.utf8)
        _ = write(STDOUT_FILENO, &bytes, bytes.count)
    }

    private static func prepareResetBytes(bracketedPaste: Bool) {
        var s = (bracketedPaste ? "\u{1B}[?2004l" : "") + "\u{1B}[0m\u{1B}[?25h"
        if let rmcup = tigetstr("rmcup"), Int(bitPattern: rmcup) != -1 { s += String(cString: rmcup) }
        s += "\r\n"
        let bytes = Array(s.utf8)
        if gResetBytes == nil { gResetBytes = .allocate(capacity: 256) }
        let n = min(bytes.count, 256)
        for i in 0..<n { gResetBytes![i] = bytes[i] }
        gResetCount = n
    }

    // MARK: output

    public func draw(_ buffer: Buffer) {
        if buffer.size != size { last = nil }
        let changes = Buffer.diff(from: last, to: buffer)
        for c in changes where c.x < size.width && c.y < size.height { paint(c) }
        if let p = buffer.cursor, p.x < size.width, p.y < size.height {
            if !cursorVisible { curs_set(1); cursorVisible = true }
            wmove(hd_stdscr(), Int32(p.y), Int32(p.x))
        } else if cursorVisible {
            curs_set(0); cursorVisible = false
        }
        wnoutrefresh(hd_stdscr())
        doupdate()
        last = buffer
        lastCellsWritten = changes.count
        framesDrawn += 1
    }

    private func paint(_ change: CellChange) {
        let cell = change.cell
        var wch: [wchar_t] = [0, 0, 0, 0, 0]
        let sc = cell.scalars
        let w = Int32(cell.width)
        // ncurses places text by glibc's wcwidth; where our width disagrees (a newer emoji,
        // a ZWJ sequence glibc splits) draw a stand-in of the right width instead.
        var filler = false
        if let first = sc.first, hd_wcwidth(first.value) == w,
           sc.count <= 4, sc.dropFirst().allSatisfy({ hd_wcwidth($0.value) == 0 }) {
            for (i, s) in sc.enumerated() { wch[i] = wchar_t(bitPattern: s.value) }
        } else if let first = sc.first, w == 2, hd_wcwidth(first.value) == 2 {
            wch[0] = wchar_t(bitPattern: first.value)
        } else if let first = sc.first, w == 2, hd_wcwidth(first.value) == 1 {
            wch[0] = wchar_t(bitPattern: first.value); filler = true
        } else {
            wch[0] = wchar_t(UInt8(ascii: "?")); filler = w == 2
        }
        let (attrs, pair) = attributes(cell.style)
        _ = hd_put_cell(Int32(change.y), Int32(change.x), &wch, attrs, pair)   // bottom-right cell "fails": ignored
        if filler && change.x + 1 < size.width {
            var sp: [wchar_t] = [32, 0]
            _ = hd_put_cell(Int32(change.y), Int32(change.x + 1), &sp, attrs, pair)
        }
    }

    private func attributes(_ style: Style) -> (attr_t, Int32) {
        var a = hd_a_normal()
        if style.attributes.contains(.bold) { a |= hd_a_bold() }
        if style.attributes.contains(.reverse) { a |= hd_a_reverse() }
        if style.attributes.contains(.underline) { a |= hd_a_underline() }
        if style.attributes.contains(.dim) { a |= hd_a_dim() }
        guard maxPairs > 0, colorMode != .monochrome, !(style.fg.isDefault && style.bg.isDefault) else { return (a, 0) }
        let fg = style.fg.reduced(toPalette: paletteSize), bg = style.bg.reduced(toPalette: paletteSize)
        let key = UInt32(fg.raw) << 16 | UInt32(bg.raw)
        if let p = pairs[key] { return (a, p) }
        guard nextPair < maxPairs else { return (a, 0) }
        let p = nextPair
        nextPair += 1
        _ = hd_init_pair(p, Int32(fg.index ?? -1), Int32(bg.index ?? -1))
        pairs[key] = p
        return (a, p)
    }

    // MARK: input

    public var waker: @Sendable () -> Void {
        let fd = wakeWrite
        return { var b: UInt8 = 0; _ = write(fd, &b, 1) }
    }

    public func nextEvents(timeout: Duration?) -> [Event] {
        var events: [Event] = []
        if let e = pendingOutOfBand() { events += e; return events }
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        let ms: Int32 = timeout.map { d in
            let c = d.components
            return Int32(clamping: c.seconds * 1000 + (c.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        } ?? -1
        _ = poll(&fds, 2, ms)     // EINTR (a signal) is fine: we look at the flags next
        if fds[1].revents != 0 {
            var sink = [UInt8](repeating: 0, count: 64)
            while read(wakeRead, &sink, 64) > 0 {}
        }
        if let e = pendingOutOfBand() { events += e }
        events += readInput()
        return events
    }

    /// Signals and resizes noticed by the handlers.
    private func pendingOutOfBand() -> [Event]? {
        var out: [Event] = []
        if gPendingSignal != 0 { return [.terminate(signal: gPendingSignal)] }
        if gResizePending != 0 {
            gResizePending = 0
            if let s = followResize() { out.append(.resize(s)) }
        }
        return out.isEmpty ? nil : out
    }

    /// Reads the kernel's idea of the window size and tells ncurses; nil when unchanged.
    private func followResize() -> Size? {
        var ws = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
        let new = Size(width: Int(ws.ws_col), height: Int(ws.ws_row))
        resize_term(Int32(new.height), Int32(new.width))
        last = nil                       // everything is repainted at the new size
        wclear(hd_stdscr())
        let changed = new != size
        size = new
        return changed ? new : new      // always report: a shrink-and-grow back still needs a repaint
    }

    private func readInput() -> [Event] {
        var out: [Event] = []
        var ch: wint_t = 0
        while true {
            let rc = hd_get_wch(&ch)
            if rc == hd_err() { break }
            if rc == hd_key_code_yes() {
                if Int32(ch) == KEY_RESIZE {
                    if let s = followResize() { out.append(.resize(s)) }
                    continue
                }
                if decoder.isPasting { continue }
                out += decoder.flush()
                if let k = CursesBackend.key(forCode: Int32(ch)) { out.append(.key(k)) }
                continue
            }
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { continue }
            if scalar.value == 26 && options.suspendOnCtrlZ && !decoder.isPasting && !decoder.hasPending {
                suspend(); out.append(.resize(size)); continue
            }
            out += decoder.feed(scalar: scalar)
        }
        // ncurses already waited the escape delay: a lone ESC now is the Esc key.
        out += decoder.flush()
        return out
    }

    /// Ctrl-Z: give the terminal back to the shell, stop, and repaint everything on `fg`.
    public func suspend() {
        if options.bracketedPaste { CursesBackend.writeRaw("\u{1B}[?2004l") }
        endwin()
        gActive = 0
        let old = signal(SIGTSTP, SIG_DFL)
        kill(getpid(), SIGTSTP)
        // ... stopped here until SIGCONT ...
        signal(SIGTSTP, old)
        gActive = 1
        _ = tcgetattr(STDIN_FILENO, &gSavedTermios)
        doupdate()
        if options.bracketedPaste { CursesBackend.writeRaw("\u{1B}[?2004h") }
        _ = followResize()
        clearok(hd_curscr(), true)
        last = nil
    }

    /// ncurses key codes (including the named extended keys like `kUP5`, Ctrl-Up) to key events.
    static func key(forCode code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP: return KeyEvent(.up)
        case KEY_DOWN: return KeyEvent(.down)
        case KEY_LEFT: return KeyEvent(.left)
        case KEY_RIGHT: return KeyEvent(.right)
        case KEY_HOME: return KeyEvent(.home)
        case KEY_END: return KeyEvent(.end)
        case KEY_NPAGE: return KeyEvent(.pageDown)
        case KEY_PPAGE: return KeyEvent(.pageUp)
        case KEY_DC: return KeyEvent(.delete)
        case KEY_IC: return KeyEvent(.insert)
        case KEY_BACKSPACE: return KeyEvent(.backspace)
        case KEY_ENTER: return KeyEvent(.enter)
        case KEY_BTAB: return KeyEvent(.tab, .shift)
        case KEY_SLEFT: return KeyEvent(.left, .shift)
        case KEY_SRIGHT: return KeyEvent(.right, .shift)
        case KEY_SR: return KeyEvent(.up, .shift)
        case KEY_SF: return KeyEvent(.down, .shift)
        case KEY_SHOME: return KeyEvent(.home, .shift)
        case KEY_SEND: return KeyEvent(.end, .shift)
        case KEY_SDC: return KeyEvent(.delete, .shift)
        case (KEY_F0 + 1)...(KEY_F0 + 63): return KeyEvent(.function(Int(code - KEY_F0)))
        default: break
        }
        guard let namePtr = keyname(code) else { return nil }
        return key(forExtendedName: String(cString: namePtr))
    }

    /// `kUP5` → Ctrl-Up, `kRIT3` → Alt-Right ... (xterm's modifier digits: 2 shift, 3 alt, 5 ctrl).
    static func key(forExtendedName name: String) -> KeyEvent? {
        guard name.hasPrefix("k"), let digit = name.last?.wholeNumberValue, digit >= 2, digit <= 8 else { return nil }
        let stem = String(name.dropFirst().dropLast())
        let key: Key
        switch stem {
        case "UP": key = .up
        case "DN": key = .down
        case "LFT": key = .left
        case "RIT": key = .right
        case "HOM": key = .home
        case "END": key = .end
        case "NXT": key = .pageDown
        case "PRV": key = .pageUp
        case "DC": key = .delete
        case "IC": key = .insert
        default: return nil
        }
        let m = digit - 1
        var mods: Modifiers = []
        if m & 1 != 0 { mods.insert(.shift) }
        if m & 2 != 0 { mods.insert(.alt) }
        if m & 4 != 0 { mods.insert(.ctrl) }
        return KeyEvent(key, mods)
    }
}
