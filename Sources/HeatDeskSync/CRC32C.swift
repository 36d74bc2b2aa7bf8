/// CRC-32C (Castagnoli), the batch trailer's checksum (Docs/sync-protocol.md): catches torn and
/// truncated files and flipped bytes without a crypto dependency; batches are not a security
/// boundary (every workstation may write the shared directory anyway).
public struct CRC32C: Sendable {
    private static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        return c
    }

    public private(set) var state: UInt32 = 0xFFFF_FFFF
    public init() {}

    public mutating func update<C: Sequence>(_ bytes: C) where C.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(buffer: $0) }) != nil { return }
        var c = state
        Self.table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }

    /// The contiguous case (every batch): a plain loop over the bytes, no iterator.
    public mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
        var c = state
        Self.table.withUnsafeBufferPointer { t in
            for i in 0..<buffer.count { c = t[Int((c ^ UInt32(buffer[i])) & 0xFF)] ^ (c >> 8) }
        }
        state = c
    }

    public var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// Eight lowercase hex digits, as the trailer writes it.
    public var hex: String {
        let h = String(value, radix: 16)
        return String(repeating: "0", count: 8 - h.count) + h
    }

    public static func checksum<C: Sequence>(_ bytes: C) -> CRC32C where C.Element == UInt8 {
        var c = CRC32C(); c.update(bytes); return c
    }
}
