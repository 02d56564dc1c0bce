/// Relative paths in one run of bytes, each found by a hash of its bytes: a large site's output folder holds
/// hundreds of thousands of files and folders, which as separate strings in an array and a set took tens of
/// megabytes for as long as a build ran.
struct PathList {
    /// Path n is `bytes[ends[n - 1]..<ends[n]]` (from 0 for the first).
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []
    /// Each place's path number + 1 (open addressing by ``hash(_:)``); 0 in a free one. At least twice as many
    /// places as paths.
    private var places = [Int32](repeating: 0, count: 16)

    var count: Int { ends.count }

    mutating func append(_ path: String) {
        bytes.append(contentsOf: path.utf8)
        added()
    }

    private mutating func append(_ path: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: path)
        added()
    }

    /// Ends the path just appended to `bytes`, and finds it a place.
    private mutating func added() {
        ends.append(Int32(bytes.count))
        if ends.count * 2 > places.count {
            places = [Int32](repeating: 0, count: places.count * 2)
            for number in 0..<ends.count { place(number) }
        } else {
            place(ends.count - 1)
        }
    }

    subscript(number: Int) -> String {
        String(decoding: bytes[range(number)], as: UTF8.self)
    }

    private func range(_ number: Int) -> Range<Int> {
        (number == 0 ? 0 : Int(ends[number - 1]))..<Int(ends[number])
    }

    init() {}

    /// The list held as ``serialized`` holds it; nil for bytes that are not one.
    init?(serialized: UnsafeRawBufferPointer) {
        guard serialized.count >= 8 else { return nil }
        let stated = UInt64(littleEndian: serialized.loadUnaligned(as: UInt64.self))
        guard stated <= UInt64((serialized.count - 8) / 4) else { return nil }
        let count = Int(stated)
        var ends: [Int32] = []
        ends.reserveCapacity(count)
        for number in 0..<count {
            let end = Int32(littleEndian: serialized.loadUnaligned(fromByteOffset: 8 + 4 * number, as: Int32.self))
            guard end >= (ends.last ?? 0) else { return nil }
            ends.append(end)
        }
        let bytes = serialized[(8 + 4 * count)...]
        guard Int(ends.last ?? 0) == bytes.count else { return nil }
        self.bytes = Array(bytes)
        self.ends = ends
        var places = 16
        while places < count * 2 + 2 { places *= 2 }
        self.places = [Int32](repeating: 0, count: places)
        for number in 0..<count { place(number) }
    }

    /// The list as bytes: its count, each path's end, and the paths' bytes (little-endian numbers).
    var serialized: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(8 + 4 * ends.count + bytes.count)
        withUnsafeBytes(of: UInt64(ends.count).littleEndian) { result += $0 }
        for end in ends { withUnsafeBytes(of: end.littleEndian) { result += $0 } }
        return result + bytes
    }

    /// The folders of the paths: every part of a path before one of its `/`, once each.
    var folders: PathList {
        var folders = PathList()
        bytes.withUnsafeBufferPointer { bytes in
            for number in 0..<count {
                let range = range(number)
                var end = range.upperBound
                while let slash = bytes[range.lowerBound..<end].lastIndex(of: UInt8(ascii: "/")) {
                    let folder = UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<slash])
                    // Its own folders are in the list too when it is.
                    if folders.index(of: folder) != nil { break }
                    folders.append(folder)
                    end = slash
                }
            }
        }
        return folders
    }

    /// Calls `body` with each path's bytes, in order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            for number in 0..<count { body(UnsafeBufferPointer(rebasing: bytes[range(number)])) }
        }
    }

    /// The number of `path` in the list, nil when it is not there.
    func index(of path: String) -> Int? {
        var path = path
        return path.withUTF8 { index(of: $0) }
    }

    func index(of wanted: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = places.count - 1
        var place = Self.hash(wanted) & mask
        while places[place] != 0 {
            let number = Int(places[place] - 1)
            if bytes[range(number)].elementsEqual(wanted) { return number }
            place = (place + 1) & mask
        }
        return nil
    }

    /// The paths of this list that `other` does not hold, in this list's order: each looked up by its bytes, and
    /// only the missing ones made into strings (after a build, the spare's files that were not written again).
    func paths(notIn other: PathList) -> [String] {
        bytes.withUnsafeBufferPointer { bytes in
            (0..<count).compactMap { number in
                let path = UnsafeBufferPointer(rebasing: bytes[range(number)])
                return other.index(of: path) == nil ? String(decoding: path, as: UTF8.self) : nil
            }
        }
    }

    private mutating func place(_ number: Int) {
        let mask = places.count - 1
        var place = bytes[range(number)].withUnsafeBufferPointer { Self.hash($0) } & mask
        while places[place] != 0 { place = (place + 1) & mask }
        places[place] = Int32(number + 1)
    }

    /// FNV-1a over the path's bytes.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ hash >> 29)
    }
}
