/// A 64-bit fingerprint of bytes, made 32 bytes a step (two lanes, each folding a 128-bit product of its 16 bytes
/// with its state), for telling whether a file holds the bytes a build would write into it: the same bytes always
/// give the same number, and any change to them almost never does. Not for bytes chosen to collide.
enum ContentHash {
    // Odd constants from the fractional digits of π and of the golden ratio.
    private static let keys: (UInt64, UInt64, UInt64, UInt64, UInt64) = (
        0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7345, 0xA409_3822_299F_31D1, 0x082E_FA98_EC4E_6C89, 0x9E37_79B9_7F4A_7C15
    )

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var first = keys.0 ^ UInt64(count), second = keys.1
        var index = 0
        if let base = bytes.baseAddress {
            func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: (base + offset).loadUnaligned(as: UInt64.self)) }
            while index + 32 <= count {
                first = mix(first, word(index), word(index + 8))
                second = mix(second, word(index + 16), word(index + 24))
                index += 32
            }
            // The last 0 to 31 bytes, eight at a time and then the few left, each word with zeros after it.
            while index < count {
                var words: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[index..<min(index + 16, count)])) }
                first = mix(first, UInt64(littleEndian: words.0), UInt64(littleEndian: words.1))
                index += 16
                swap(&first, &second)
            }
        }
        return fold(first ^ keys.2, second ^ keys.3 ^ UInt64(count)) ^ fold(second ^ keys.4, first ^ keys.0)
    }

    /// A lane's state after 16 more bytes: their product folded in, and the state kept in too (rotated, so that
    /// where a block lies counts), so that no block's bytes can wipe out what came before.
    @inline(__always)
    private static func mix(_ state: UInt64, _ low: UInt64, _ high: UInt64) -> UInt64 {
        fold(low ^ keys.2 ^ state, high ^ keys.3) &+ (state << 23 | state >> 41)
    }

    /// The two halves of a 128-bit product, combined.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
