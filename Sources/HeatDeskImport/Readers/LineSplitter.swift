/// Splits a byte stream into lines for JSON Lines, numbering them and dropping a BOM and CRs.
public final class LineSplitter {
    public struct Line {
        public var number: Int
        public var bytes: [UInt8] = []
        public var tooLong = false
    }

    public static let maxLineBytes = 1 << 20
    private var current = Line(number: 1)
    private var first = true

    public init() {}

    public func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (inout Line) throws -> Void) rethrows {
        for b in chunk {
            if b == 0x0A {
                try flush(emit)
            } else if current.bytes.count < LineSplitter.maxLineBytes {
                current.bytes.append(b)
            } else {
                current.tooLong = true
            }
        }
    }

    public func finish(_ emit: (inout Line) throws -> Void) rethrows {
        if !current.bytes.isEmpty || current.tooLong { try flush(emit) }
    }

    private func flush(_ emit: (inout Line) throws -> Void) rethrows {
        if first {
            first = false
            if current.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { current.bytes.removeFirst(3) }
        }
        if current.bytes.last == 0x0D { current.bytes.removeLast() }
        let blank = current.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if !blank || current.tooLong { try emit(&current) }
        current.bytes.removeAll(keepingCapacity: true)
        current.tooLong = false
        current.number += 1
    }
}
