import Foundation
import Testing

@testable import SitegenKit

struct TextFileReaderTests {
    @Test func aFileIsReadWholeWhateverSizeItClaims() throws {
        let folder = try TestSite([:])
        defer { folder.remove() }
        // Empty, exactly the first read's room, and long: each is read to its end.
        for size in [0, 1, 4096, 300_000] {
            let bytes = (0..<size).map { (index: Int) -> UInt8 in index % 61 == 60 ? 0x0A : UInt8(97 + index % 26) }
            let text = String(decoding: bytes, as: UTF8.self)
            let file = folder.root.appendingPathComponent("file-\(size).md")
            try Data(text.utf8).write(to: file)
            #expect(try TextFileReader.read(file: file.path, path: "Content/file.md").text == text)
        }
        // A file whose size says 0 but that holds text (as files under /proc do): read until a read gives nothing.
        let status = try TextFileReader.read(file: "/proc/self/status", path: "status")
        #expect(status.text.hasPrefix("Name:"))
        #expect(status.text.contains("\nPid:"))
    }

    @Test func aFileThatCannotBeReadIsNamedWithWhy() {
        let cases = [("/nonexistent/sitegen/file.md", "No such file or directory"), ("/tmp", "Is a directory")]
        for (file, why) in cases {
            #expect(throws: Diagnostic.self) { try TextFileReader.read(file: file, path: "Content/a.md") }
            do {
                _ = try TextFileReader.read(file: file, path: "Content/a.md")
            } catch {
                #expect(error.description == "Content/a.md:1:1: error: cannot read file: \(why)")
            }
        }
    }
}
