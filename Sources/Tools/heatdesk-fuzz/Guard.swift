import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What to say and keep if the current case kills the process (a trap, an abort, a stack
/// overflow) or hangs: prepared before each case, as plain C memory, so the signal handler
/// only calls async-signal-safe functions.
enum CaseGuard {
    nonisolated(unsafe) static var message: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) static var messageLength = 0
    /// Where the signal's name goes in `message`.
    nonisolated(unsafe) static var split: Int?
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var input: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) static var inputLength = 0
    static let lock = NSLock()
    nonisolated(unsafe) static var started: Date?
    nonisolated(unsafe) static var hangMessage = ""

    /// Called before each case: where its input goes and what to print if it dies.
    static func arm(target: String, seed: UInt64, index: Int, input: [UInt8], file: String, replay: String, passed: Int) {
        lock.lock(); defer { lock.unlock() }
        free(message); free(path); free(CaseGuard.input)
        let head = Array("fuzz: FAILED \(target) seed \(seed) case \(index): the process died with ".utf8)
        let bytes = head + Array("; input written to \(file)\nfuzz: replay with: \(replay)\nfuzz: \(passed) passed, 1 failed\n".utf8)
        split = head.count
        message = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        message!.initialize(from: bytes, count: bytes.count)
        messageLength = bytes.count
        path = strdup(file)
        CaseGuard.input = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, input.count))
        CaseGuard.input!.initialize(from: input, count: input.count)
        inputLength = input.count
        hangMessage = "fuzz: FAILED \(target) seed \(seed) case \(index): no answer within %LIMIT% s (hang); input written to \(file)\n"
            + "fuzz: replay with: \(replay)\nfuzz: \(passed) passed, 1 failed\n"
        started = Date()
    }

    static func disarm() {
        lock.lock(); defer { lock.unlock() }
        started = nil
    }

    /// Writes the armed case's input to its file (signal-safe).
    static func dumpInput() {
        guard let path, let input = CaseGuard.input else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        var done = 0
        while done < inputLength {
            let n = write(fd, input + done, inputLength - done)
            if n <= 0 { break }
            done += n
        }
        close(fd)
    }

    /// Crash signals print the armed case and keep its input, then die as they would have.
    static func installCrashHandlers() {
        // Stack overflows need a stack of their own to report on.
        let size = 1 << 16
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
        for sig in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                CaseGuard.dumpInput()
                if let m = CaseGuard.message, let split = CaseGuard.split {
                    _ = write(1, m, split)
                    let name: StaticString
                    switch sig {
                    case SIGILL: name = "SIGILL (a Swift trap)"
                    case SIGTRAP: name = "SIGTRAP (a Swift trap)"
                    case SIGABRT: name = "SIGABRT (an abort)"
                    case SIGSEGV: name = "SIGSEGV (a bad access or a stack overflow)"
                    case SIGBUS: name = "SIGBUS"
                    default: name = "SIGFPE"
                    }
                    _ = write(1, name.utf8Start, name.utf8CodeUnitCount)
                    _ = write(1, m + split, CaseGuard.messageLength - split)
                }
                signal(sig, SIG_DFL)
                raise(sig)
            }
            action.sa_flags = Int32(bitPattern: UInt32(SA_ONSTACK) | UInt32(SA_RESETHAND))
            sigaction(sig, &action, nil)
        }
    }

    /// A case that runs longer than `limit` seconds is a failure: report it and stop the process.
    static func startWatchdog(limit: Double) {
        let thread = Thread {
            while true {
                Thread.sleep(forTimeInterval: 0.05)
                lock.lock()
                let since = started.map { Date().timeIntervalSince($0) }
                let text = hangMessage
                lock.unlock()
                if let since, since > limit {
                    dumpInput()
                    FileHandle.standardOutput.write(Data(text.replacingOccurrences(of: "%LIMIT%", with: String(format: "%g", limit)).utf8))
                    _exit(1)
                }
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
