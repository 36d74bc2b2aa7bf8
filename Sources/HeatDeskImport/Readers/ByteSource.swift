import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file in fixed chunks so memory does not grow with the file.
public final class ByteSource {
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8]
    public private(set) var bytesRead: Int = 0
    public let size: Int

    public enum OpenError: Error, CustomStringConvertible {
        case cannotOpen(String, String)
        public var description: String {
            switch self { case .cannotOpen(let p, let why): return "\(p): cannot open: \(why)" }
        }
    }

    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OpenError.cannotOpen(path, String(cString: strerror(errno))) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd); throw OpenError.cannotOpen(path, "is a directory")
        }
        self.fd = fd
        self.size = Int(st.st_size)
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { close(fd) }

    /// Calls `body` with the next chunk; returns false at end of file.
    public func next(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        let n = buffer.withUnsafeMutableBytes { raw -> Int in
            var r: Int
            repeat { r = read(fd, raw.baseAddress, raw.count) } while r < 0 && errno == EINTR
            return r
        }
        if n < 0 { throw OpenError.cannotOpen(path, String(cString: strerror(errno))) }
        if n == 0 { return false }
        bytesRead += n
        try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        return true
    }
}

/// Turns a stream of chunks in another encoding into UTF-8 chunks, with iconv.
/// A byte sequence that is not valid in the source encoding becomes 0xFF, which no UTF-8
/// text contains, so the row that holds it is rejected as badly encoded instead of imported garbled.
public final class Transcoder {
    private let cd: iconv_t
    private var pending: [UInt8] = []
    private var output = [UInt8](repeating: 0, count: 4 << 20)
    public let encoding: String

    public init?(from encoding: String) {
        guard let cd = iconv_open("UTF-8", encoding), cd != iconv_t(bitPattern: -1) else { return nil }
        self.cd = cd
        self.encoding = encoding
    }

    deinit { iconv_close(cd) }

    /// Converts `input` (plus any incomplete sequence held back from the last call).
    public func convert(_ input: UnsafeBufferPointer<UInt8>, final: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        pending.append(contentsOf: input)
        var consumed = 0
        var produced: [UInt8] = []
        produced.reserveCapacity(pending.count * 2)
        pending.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                while consumed < inBuf.count {
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress! + consumed).assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuf.count - consumed
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let err = errno
                    produced.append(contentsOf: outBuf[0..<(outBuf.count - outLeft)])
                    consumed = inBuf.count - inLeft
                    if r != -1 || err == E2BIG { continue }
                    if err == EINVAL && !final { break }   // incomplete sequence: wait for more bytes
                    // Invalid (or incomplete at the end): mark it and skip one byte.
                    produced.append(0xFF)
                    consumed += 1
                }
            }
        }
        pending.removeFirst(consumed)
        try produced.withUnsafeBufferPointer { try body($0) }
    }
}
