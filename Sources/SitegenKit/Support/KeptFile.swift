import Foundation

/// A file a build keeps in the spare for the next build of the same output (never published: the spare's leftovers
/// are removed once a build has read it): its magic line, a fingerprint of the rest (``ContentHash``), the identity
/// of the program that wrote it, then its body. A file that is missing, cut short, changed in any byte or written by
/// another program is not read.
enum KeptFile {
    /// What tells this program from another: the executable file's device, inode, size and modification time. Nil
    /// where the system does not say which file it is (nothing is kept there).
    static let programIdentity: [UInt64]? = {
        #if os(Linux)
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return nil }
        return [
            UInt64(status.st_dev), UInt64(status.st_ino), UInt64(status.st_size), UInt64(status.st_mtim.tv_sec), UInt64(status.st_mtim.tv_nsec),
        ]
        #else
        return nil
        #endif
    }()

    /// The body of the file at `path` read by `body`, when the file is whole, has the magic line and was written by
    /// this program; nil otherwise, or when `body` finds nothing to use. `body` is given the file open, to keep
    /// (``Source``).
    static func read<T>(_ path: String, magic: [UInt8], body: (inout Reader, Source) -> T?) -> T? {
        guard let identity = programIdentity else { return nil }
        // Never through a link, and never waiting on a pipe put at its name (its type is then looked at).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        let source = Source(descriptor: descriptor)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let bytes = source.bytes(count: Int(status.st_size)) else { return nil }
        return bytes.withUnsafeBytes { bytes -> T? in
            var reader = Reader(bytes: bytes)
            guard reader.bytes(magic.count).elementsEqual(magic), let hash = reader.number(), reader.isValid,
                ContentHash.of(UnsafeRawBufferPointer(rebasing: bytes[reader.offset...])) == hash
            else { return nil }
            for part in identity where reader.number() != part { return nil }
            return body(&reader, source)
        }
    }

    /// Writes a body under the magic line and this program's identity (a new file, then renamed over the old one),
    /// from one buffer; nothing where the program has no identity to check the file by.
    static func write(_ path: String, magic: [UInt8], body: (inout Writer) -> Void) {
        guard let identity = programIdentity else { return }
        var writer = Writer()
        writer.append(magic)
        // The fingerprint of what follows it, once that is written.
        writer.number(0)
        let start = writer.bytes.count
        for part in identity { writer.number(part) }
        body(&writer)
        writer.bytes.withUnsafeMutableBytes { bytes in
            let hash = ContentHash.of(UnsafeRawBufferPointer(rebasing: bytes[start...]))
            bytes.storeBytes(of: hash.littleEndian, toByteOffset: start - 8, as: UInt64.self)
        }
        save(to: path) { descriptor in writer.bytes.withUnsafeBytes { Self.write(descriptor, $0) } }
    }

    /// Writes a file read before as it was (``Source``): its bytes, a megabyte at a time, never all in memory.
    static func write(_ path: String, as source: Source) {
        save(to: path) { descriptor in
            var offset: off_t = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = chunk.withUnsafeMutableBytes { source.read(into: $0, at: offset) }
                guard count >= 0 else { return false }
                if count == 0 { return true }
                guard chunk.withUnsafeBytes({ Self.write(descriptor, UnsafeRawBufferPointer(rebasing: $0[..<count])) }) else { return false }
                offset += off_t(count)
            }
        }
    }

    /// A new file at `path`: written by `fill` under a name of its own beside it, then renamed over it; nothing when
    /// `fill` fails.
    private static func save(to path: String, fill: (Int32) -> Bool) {
        let temporary = path + ".sitegen-tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { return }
        let written = fill(descriptor)
        close(descriptor)
        if !written || rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// Writes all of `bytes` to a file.
    private static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    /// A kept file, held open once read: the same bytes can be written again (``write(_:as:)``) after the file itself
    /// is gone (the spare's leftovers are removed before the build ends), without holding them in memory.
    final class Source: Sendable {
        fileprivate let descriptor: Int32

        fileprivate init(descriptor: Int32) { self.descriptor = descriptor }

        deinit { close(descriptor) }

        /// The file's first `count` bytes, nil when it has fewer.
        fileprivate func bytes(count: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: count), offset = 0
            while offset < count {
                let got = bytes.withUnsafeMutableBytes { read(into: UnsafeMutableRawBufferPointer(rebasing: $0[offset...]), at: off_t(offset)) }
                guard got > 0 else { return nil }
                offset += got
            }
            return bytes
        }

        /// Reads the file's bytes from `offset` into `buffer` (again when a signal interrupts): how many, 0 at its end,
        /// -1 on an error.
        fileprivate func read(into buffer: UnsafeMutableRawBufferPointer, at offset: off_t) -> Int {
            while true {
                let count = pread(descriptor, buffer.baseAddress, buffer.count, offset)
                if count < 0, errno == EINTR { continue }
                return count
            }
        }
    }

    /// Reads the file's numbers and runs of bytes in order; once a read goes past the end, ``isValid`` is false and
    /// every read gives nothing.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0
        private(set) var isValid = true

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        /// Whether every byte was read, and no read went past the end.
        var isAtEnd: Bool { isValid && offset == bytes.count }

        mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer {
            guard isValid, count >= 0, count <= bytes.count - offset else {
                isValid = false
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        }

        mutating func number() -> UInt64? {
            let raw = bytes(8)
            guard isValid else { return nil }
            return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        }

        /// A number that counts bytes or items of the file: no more than it has.
        mutating func count() -> Int? {
            guard let value = number(), value <= UInt64(bytes.count) else {
                isValid = false
                return nil
            }
            return Int(value)
        }

        /// Text written by ``Writer/text(_:)``.
        mutating func text() -> String? {
            guard let length = count() else { return nil }
            let raw = bytes(length)
            return isValid ? String(decoding: raw, as: UTF8.self) : nil
        }
    }

    /// Writes what a ``Reader`` reads.
    struct Writer {
        fileprivate(set) var bytes: [UInt8] = []

        mutating func number(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }

        mutating func append(_ raw: some Sequence<UInt8>) { bytes += raw }

        /// Room for `count` more bytes, written without the buffer growing (and being copied) on the way.
        mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

        /// Text as its length in bytes and its UTF-8.
        mutating func text(_ text: String) {
            number(UInt64(text.utf8.count))
            bytes += text.utf8
        }
    }
}
