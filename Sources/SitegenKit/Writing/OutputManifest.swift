import Foundation

/// What a build wrote into a folder, file by file, so that the build that rewrites the folder as its spare (see
/// ``OutputWriter``) leaves a file alone when it holds the bytes to be written already: each file's size, a
/// fingerprint of its bytes (``ContentHash``), and the inode, change time and modification time the file had once
/// written. Any later change to the file, or another file put at its path, changes those, and the file is written
/// again.
///
/// A folder's list is kept in the spare, which is never published: `.sitegen-files` in the spare holds the spare's
/// own list and the output's. A missing or unreadable list only means that every file is written.
struct OutputManifest: Sendable {
    /// A folder as the file system knows it, whatever its name: a rename (staging to output to spare) keeps it.
    struct Folder: Hashable, Sendable {
        let device: UInt64, inode: UInt64

        init(device: UInt64, inode: UInt64) {
            self.device = device
            self.inode = inode
        }

        /// The folder at a path (a link followed), if there is one.
        init?(at path: String) {
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return nil }
            self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        }
    }

    struct Entry: Sendable, Equatable {
        let size: Int
        let hash: UInt64
        let inode: UInt64
        /// When the file's inode last changed and its bytes were last modified (seconds and nanoseconds each): some
        /// file systems (FAT) keep no change time and give the time it was made instead.
        let changed: Time, modified: Time

        struct Time: Sendable, Equatable {
            let seconds: Int, nanoseconds: Int

            init(seconds: Int, nanoseconds: Int) {
                self.seconds = seconds
                self.nanoseconds = nanoseconds
            }

            init(_ time: timespec) {
                self.init(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec))
            }
        }

        init(size: Int, hash: UInt64, inode: UInt64, changed: Time, modified: Time) {
            self.size = size
            self.hash = hash
            self.inode = inode
            self.changed = changed
            self.modified = modified
        }

        /// A regular file's entry, from its status and the fingerprint of the bytes just written into it.
        init(_ status: stat, hash: UInt64) {
            self.init(size: Int(status.st_size), hash: hash, inode: UInt64(status.st_ino), changed: Time(status.st_ctim), modified: Time(status.st_mtim))
        }

        /// Whether a file's status (taken without following a link) is still the one written.
        func isUnchanged(_ status: stat) -> Bool {
            status.st_mode & S_IFMT == S_IFREG && Int(status.st_size) == size && UInt64(status.st_ino) == inode
                && Time(status.st_ctim) == changed && Time(status.st_mtim) == modified
        }

        /// The eight numbers a ``List`` holds for it after its path's key.
        fileprivate var numbers: [UInt64] {
            [UInt64(size), hash, inode] + [changed, modified].flatMap { [UInt64(bitPattern: Int64($0.seconds)), UInt64($0.nanoseconds)] }
        }

        fileprivate init(numbers number: (Int) -> UInt64) {
            func time(_ at: Int) -> Time {
                Time(seconds: Int(truncatingIfNeeded: Int64(bitPattern: number(at))), nanoseconds: Int(truncatingIfNeeded: number(at + 1)))
            }
            self.init(size: Int(truncatingIfNeeded: number(0)), hash: number(1), inode: number(2), changed: time(3), modified: time(5))
        }
    }

    /// The file in the spare that holds the lists.
    static let fileName = ".sitegen-files"

    /// One folder's files as the file holds them: for each, its path's key (``key(_:)``), size, fingerprint, inode,
    /// change time and modification time (seconds, nanoseconds), each a 64-bit number, lowest byte first.
    struct List: Sendable, Equatable {
        private(set) var bytes: [UInt8] = []
        /// The bytes of one file's numbers.
        static let stride = 64

        init() {}

        fileprivate init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var count: Int { bytes.count / Self.stride }

        mutating func append(_ key: UInt64, _ entry: Entry) {
            for number in [key] + entry.numbers {
                withUnsafeBytes(of: number.littleEndian) { bytes += $0 }
            }
        }

        /// The entries by key, to be looked up.
        var entries: [UInt64: Entry] {
            var entries: [UInt64: Entry] = [:]
            entries.reserveCapacity(count)
            bytes.withUnsafeBytes { raw in
                for start in Swift.stride(from: 0, to: raw.count, by: Self.stride) {
                    func number(_ index: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + index * 8, as: UInt64.self)) }
                    entries[number(0)] = Entry { number($0 + 1) }
                }
            }
            return entries
        }
    }

    /// Each folder's list.
    var lists: [Folder: List] = [:]

    init(lists: [Folder: List] = [:]) {
        self.lists = lists
    }

    /// A path's key: its fingerprint. Two paths that shared one could not share a file: an entry is only ever
    /// trusted for the file its inode names.
    static func key(_ path: String) -> UInt64 {
        var path = path
        return path.withUTF8 { ContentHash.of(UnsafeRawBufferPointer($0)) }
    }

    private static let magic = Array("sitegen-files 3\n".utf8), end = Array("end list".utf8)

    /// The lists as the file holds them: ``magic``, then for each folder its device, inode and number of files and
    /// its ``List``; then `end list`, the end of a file not cut short.
    var bytes: [UInt8] {
        var bytes = Self.magic
        for (folder, list) in lists {
            for number in [folder.device, folder.inode, UInt64(list.count)] {
                withUnsafeBytes(of: number.littleEndian) { bytes += $0 }
            }
            bytes += list.bytes
        }
        return bytes + Self.end
    }

    /// The lists a file's bytes hold; none when they are cut short or not in this format.
    init(bytes: [UInt8]) {
        guard bytes.count >= Self.magic.count + Self.end.count, bytes.starts(with: Self.magic), bytes.suffix(Self.end.count).elementsEqual(Self.end),
            (bytes.count - Self.magic.count) % 8 == 0
        else { return }
        var lists: [Folder: List] = [:]
        var offset = Self.magic.count
        let last = bytes.count - Self.end.count
        let complete = bytes.withUnsafeBytes { raw -> Bool in
            func next() -> UInt64 {
                defer { offset += 8 }
                return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
            while offset < last {
                guard last - offset >= 24 else { return false }
                let folder = Folder(device: next(), inode: next())
                let count = next()
                guard count <= UInt64((last - offset) / List.stride) else { return false }
                lists[folder] = List(bytes: Array(raw[offset..<(offset + List.stride * Int(count))]))
                offset += List.stride * Int(count)
            }
            return true
        }
        if complete { self.lists = lists }
    }

    /// The lists in a folder's `.sitegen-files`.
    static func read(in folder: String) -> OutputManifest {
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName) else { return OutputManifest() }
        return OutputManifest(bytes: [UInt8](data))
    }

    /// Writes the lists into a folder's `.sitegen-files` (a new file, then renamed over the old one).
    func write(in folder: String) {
        try? Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + Self.fileName), options: .atomic)
    }
}
