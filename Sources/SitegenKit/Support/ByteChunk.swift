/// Eight bytes of text read as one number, the first lowest, so that readers of text (search's, JSON's quoting) test
/// them at once (the tricks of Sean Eron Anderson's "Bit Twiddling Hacks"). A result marks a byte with 0x80 in its
/// place.
enum ByteChunk {
    private static let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes of `bytes` from `offset`, which must have eight from there.
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self)
    }

    /// Marks the first byte of `chunk` equal to `byte` (and maybe some after it); 0 when none is ("haszero").
    @inline(__always)
    static func equal(_ byte: UInt8, in chunk: UInt64) -> UInt64 {
        let zeroed = chunk ^ (ones &* UInt64(byte))
        return (zeroed &- ones) & ~zeroed & high
    }

    /// Marks the first byte of `chunk` below `limit` (0x80 or less), and maybe some after it; 0 when none is
    /// ("hasless").
    @inline(__always)
    static func below(_ limit: UInt8, in chunk: UInt64) -> UInt64 {
        (chunk &- ones &* UInt64(limit)) & ~chunk & high
    }

    /// Marks each byte of `chunk` above `low` and below `high` (both 0x80 or less); a byte from 0x80 up is never
    /// marked ("hasbetween").
    @inline(__always)
    static func between(_ low: UInt8, _ high: UInt8, in chunk: UInt64) -> UInt64 {
        let seven = chunk & (ones &* 127)
        return (ones &* (127 &+ UInt64(high)) &- seven) & ~chunk & (seven &+ ones &* (127 &- UInt64(low))) & Self.high
    }

    /// Marks every byte of `chunk` that the given marks do not.
    @inline(__always)
    static func others(_ marks: UInt64) -> UInt64 { ~marks & high }

    /// Marks each byte of `chunk` from 0x80 up (a byte of a scalar beyond ASCII).
    @inline(__always)
    static func nonASCII(in chunk: UInt64) -> UInt64 { chunk & high }

    /// The place of the first marked byte.
    @inline(__always)
    static func first(_ marks: UInt64) -> Int { marks.trailingZeroBitCount / 8 }

    /// Each marked byte of `marks` as one bit, the first byte's lowest (eight chunks make the bits of 64 bytes).
    @inline(__always)
    static func bits(_ marks: UInt64) -> UInt64 { ((marks >> 7) &* 0x0102_0408_1020_4080) >> 56 }
}
