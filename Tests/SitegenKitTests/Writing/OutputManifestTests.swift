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
        let entry = OutputManifest.Entry(size: 5000, hash: 0xDEAD_BEEF_0123_4567, inode: 99, changedSeconds: -1_700_000_000, changedNanoseconds: 123_456_789)
        var list = OutputManifest.List()
        list.append(OutputManifest.key("index.html"), entry)
        list.append(OutputManifest.key("a b/c\nd.html"), entry)
        #expect(list.entries == [OutputManifest.key("index.html"): entry, OutputManifest.key("a b/c\nd.html"): entry])
        let lists = OutputManifest(lists: [.init(device: 2049, inode: 7): list, .init(device: 2049, inode: 8): .init()])
        let bytes = lists.bytes
        #expect(OutputManifest(bytes: bytes).lists == lists.lists)
        #expect(bytes.count == 16 + 2 * 24 + 2 * 48 + 8)
        for cut in [bytes.count - 1, bytes.count - 8, bytes.count - 32, bytes.count - 56, bytes.count / 2, 16, 0] {
            #expect(OutputManifest(bytes: Array(bytes.prefix(cut))).lists.isEmpty, "cut at \(cut)")
        }
        #expect(OutputManifest(bytes: Array("sitegen-files 1\n".utf8) + bytes.dropFirst(16)).lists.isEmpty)
        #expect(OutputManifest.key("index.html") != OutputManifest.key("index.htm"))
    }
}
