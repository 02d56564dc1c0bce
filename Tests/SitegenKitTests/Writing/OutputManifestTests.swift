import Foundation
import Testing

@testable import SitegenKit

struct OutputManifestTests {
    /// Any one byte changed, at any place in texts of every length up to 100 (every tail of the 32-byte steps), and
    /// a byte added or taken away: a different fingerprint each time, and the same one for the same bytes.
    @Test func aFingerprintTellsEveryOneByteChange() {
        var seen: [UInt64: [UInt8]] = [:]
        func note(_ bytes: [UInt8]) {
            let hash = bytes.withUnsafeBytes { ContentHash.of($0) }
            #expect(hash == bytes.withUnsafeBytes { ContentHash.of($0) })
            if let other = seen[hash] { #expect(other == bytes, "\(other) and \(bytes) share \(hash)") }
            seen[hash] = bytes
        }
        for count in 0...100 {
            let text = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            note(text)
            note(text + [0])
            for place in 0..<count {
                for change: UInt8 in [1, 0x80, 0xFF] {
                    var changed = text
                    changed[place] ^= change
                    note(changed)
                }
            }
        }
        #expect(seen.count > 15_000)
    }

    @Test func listsReadBackAsWrittenAndAnUnfinishedFileIsNone() {
        let entry = OutputManifest.Entry(size: 5000, hash: 0xDEAD_BEEF_0123_4567, inode: 99,
            changed: .init(seconds: -1_700_000_000, nanoseconds: 123_456_789), modified: .init(seconds: 1_800_000_000, nanoseconds: 5))
        var list = OutputManifest.List()
        list.append(OutputManifest.key("index.html"), entry)
        list.append(OutputManifest.key("a b/c\nd.html"), entry)
        #expect(list.entries == [OutputManifest.key("index.html"): entry, OutputManifest.key("a b/c\nd.html"): entry])
        let lists = OutputManifest(lists: [.init(device: 2049, inode: 7): list, .init(device: 2049, inode: 8): .init()])
        let bytes = lists.bytes
        #expect(OutputManifest(bytes: bytes).lists == lists.lists)
        #expect(bytes.count == 16 + 2 * 24 + 2 * 64 + 8)
        for cut in [bytes.count - 1, bytes.count - 8, bytes.count - 32, bytes.count - 72, bytes.count / 2, 16, 0] {
            #expect(OutputManifest(bytes: Array(bytes.prefix(cut))).lists.isEmpty, "cut at \(cut)")
        }
        #expect(OutputManifest(bytes: Array("sitegen-files 1\n".utf8) + bytes.dropFirst(16)).lists.isEmpty)
        #expect(OutputManifest.key("index.html") != OutputManifest.key("index.htm"))
    }

    /// A file is left alone only if its kind, size, inode, change time and modification time are all as written:
    /// a file system without change times (FAT gives the time a file was made) still shows an edit by the other.
    @Test func anEntryTrustsOnlyTheFileAsWritten() {
        var written = stat()
        written.st_mode = S_IFREG | 0o644
        written.st_size = 4096
        written.st_ino = 42
        written.st_ctim = timespec(tv_sec: 1_800_000_000, tv_nsec: 10)
        written.st_mtim = timespec(tv_sec: 1_800_000_000, tv_nsec: 9)
        let entry = OutputManifest.Entry(written, hash: 7)
        #expect(entry.isUnchanged(written))
        let changes: [(String, (inout stat) -> Void)] = [
            ("a link", { $0.st_mode = S_IFLNK | 0o777 }), ("another size", { $0.st_size = 4095 }), ("another file", { $0.st_ino = 43 }),
            ("changed", { $0.st_ctim.tv_nsec = 11 }), ("modified", { $0.st_mtim.tv_sec -= 2 }),
        ]
        for (what, change) in changes {
            var status = written
            change(&status)
            #expect(!entry.isUnchanged(status), "\(what)")
        }
    }
}
