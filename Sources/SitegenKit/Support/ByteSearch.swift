import Foundation

extension String {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8: no Unicode equivalence, which
    /// `contains(_:)` pays for on every call, and none is wanted for the ASCII and punctuation this is used with.
    /// Each place the first byte is at is found with `memchr`, and the rest compared with `memcmp`.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { text in needle.withUTF8 { text.containsBytes($0) } }
    }

    /// Whether a byte of the text's UTF-8 is 0x80 or more (a character beyond ASCII), looked for 64 bytes at a time:
    /// every article's Markdown is asked, and a byte at a time cost a build 2 % of its time.
    var hasByteBeyondASCII: Bool {
        var text = self
        return text.withUTF8(\.hasByteBeyondASCII)
    }

    /// The UTF-8 offset of each place `needle` starts at, compared byte for byte (as ``containsBytes(_:)-(String)``
    /// compares), each after the end of the one before; `first` stops at the first. `range(of:)` goes through
    /// Foundation's Unicode search: `check` of a site with 37,000 broken links spent 20 s in it.
    func byteOffsets(of needle: String, first: Bool = false) -> [Int] {
        var haystack = self, needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { part in
                guard let wanted = part.baseAddress, let base = text.baseAddress, part.count <= text.count else { return [] }
                var offsets: [Int] = []
                var start = 0
                while start + part.count <= text.count, let found = memchr(base + start, Int32(wanted.pointee), text.count - part.count - start + 1) {
                    let at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                    if memcmp(base + at, wanted, part.count) == 0 {
                        offsets.append(at)
                        if first { break }
                        start = at + part.count
                    } else {
                        start = at + 1
                    }
                }
                return offsets
            }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The index of the first `byte` at `start` or after it, found with `memchr`; nil when there is none (or `start` is
    /// past the end).
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard let base = baseAddress, start < count else { return nil }
        return memchr(base + start, Int32(byte), count - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
    }

    /// Whether a byte is 0x80 or more: 64 bytes at a time, as eight words of eight whose high bits are gathered.
    var hasByteBeyondASCII: Bool {
        var index = 0
        while index + 64 <= count {
            var gathered: UInt64 = 0
            for word in 0..<8 { gathered |= ByteChunk.load(self, at: index + 8 * word) }
            if ByteChunk.nonASCII(in: gathered) != 0 { return true }
            index += 64
        }
        while index < count {
            if self[index] >= 0x80 { return true }
            index += 1
        }
        return false
    }

    /// Whether `part` occurs in these bytes: each place its first byte is at found with `memchr`, the rest compared
    /// with `memcmp`.
    func containsBytes(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let wanted = part.baseAddress else { return true }
        guard let base = baseAddress, part.count <= count else { return false }
        let last = base + (count - part.count)
        var start = base
        while start <= last, let found = memchr(start, Int32(wanted.pointee), last - start + 1) {
            let at = found.assumingMemoryBound(to: UInt8.self)
            if memcmp(at, wanted, part.count) == 0 { return true }
            start = UnsafePointer(at) + 1
        }
        return false
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII letter or digit.
    var isAlphanumericASCII: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }

    /// Whether the byte is a hexadecimal digit (`0`–`9`, `a`–`f`, `A`–`F`).
    var isHexDigitASCII: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}

extension [UInt8] {
    /// Whether the bytes hold `byte`, found with `memchr` (a loop over the bytes costs a build its share of time).
    func containsByte(_ byte: UInt8) -> Bool {
        withUnsafeBufferPointer { buffer in buffer.baseAddress.map { memchr($0, Int32(byte), buffer.count) != nil } ?? false }
    }

    /// Whether some place of `byte` in the bytes passes `test` (given its index), each place found with `memchr`.
    func containsByte(_ byte: UInt8, where test: (Int) -> Bool) -> Bool {
        withUnsafeBufferPointer { buffer in
            var start = 0
            while let index = buffer.firstIndex(of: byte, from: start) {
                if test(index) { return true }
                start = index + 1
            }
            return false
        }
    }

    /// Whether the bytes hold `needle`'s UTF-8 (as `String.containsBytes(_:)` finds it).
    func containsBytes(_ needle: StaticString) -> Bool {
        withUnsafeBufferPointer { $0.containsBytes(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)) }
    }
}
