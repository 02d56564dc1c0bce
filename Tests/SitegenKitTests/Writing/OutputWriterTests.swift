import Foundation
import Testing

@testable import SitegenKit

struct OutputWriterTests {
    /// A recycled spare is listed (and cleared of links) while pages are written into it, so each write makes sure of
    /// its own way: a link where a folder or the file goes is replaced, never written through, and a pipe is
    /// replaced, never waited on.
    @Test func aWriteNeverGoesThroughALinkOrWaitsOnAPipe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let staging = folder.appendingPathComponent("staging"), outside = folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("file.txt"))
        try FileManager.default.createSymbolicLink(at: staging.appendingPathComponent("a"), withDestinationURL: outside)
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("b"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: staging.appendingPathComponent("b/c"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: staging.appendingPathComponent("d.html"), withDestinationURL: outside.appendingPathComponent("file.txt"))
        #expect(mkfifo(staging.appendingPathComponent("e.html").path, 0o644) == 0)

        let writer = OutputWriter(output: folder.appendingPathComponent("Output"))
        let sink = OutputWriter.Staging(writer: writer, folder: staging)
        // As text and as UTF-8 bytes (a page rendered from a template), each the same way.
        for (number, (path, text)) in [("a/index.html", "A"), ("b/c/index.html", "C"), ("d.html", "D"), ("e.html", "É"), ("a/more.html", "M")].enumerated() {
            if number.isMultiple(of: 2) { try sink.write(text, to: path) } else { try sink.write(utf8: Array(text.utf8), to: path) }
            #expect(try String(contentsOf: staging.appendingPathComponent(path), encoding: .utf8) == text)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == ["file.txt"])
        #expect(try String(contentsOf: outside.appendingPathComponent("file.txt"), encoding: .utf8) == "keep")
        for path in ["a", "b/c", "d.html", "e.html"] {
            let kind = try FileManager.default.attributesOfItem(atPath: staging.appendingPathComponent(path).path)[.type] as? FileAttributeType
            #expect(kind == (path.hasSuffix(".html") ? .typeRegular : .typeDirectory), "\(path)")
        }
    }

    /// A file a recycled spare holds is rewritten in place, its last page written whole (the content, then zeros) so
    /// that the kernel need not read it from disk first, and then cut to the content's length: whatever the old
    /// file's length, on either side of a page's end, the file holds exactly the new bytes.
    @Test func aRewrittenFileHoldsExactlyTheNewBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let staging = folder.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let sink = OutputWriter.Staging(writer: OutputWriter(output: folder.appendingPathComponent("Output")), folder: staging)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let sizes = [(0, 1), (1, 0), (5, 5), (page + 10, 5), (5, page + 10), (page, page), (2 * page, page), (page - 1, page + 1),
                     (page + 1, page - 1), (3 * page + 7, 3 * page + 7), (10 * page, 2 * page + 3), (2 * page + 3, 2 * page + 2)]
        for (number, (old, new)) in sizes.enumerated() {
            let path = "p\(number).html"
            try Data((0..<old).map { UInt8(truncatingIfNeeded: $0 % 251 + 1) }).write(to: staging.appendingPathComponent(path))
            let bytes = (0..<new).map { UInt8(truncatingIfNeeded: $0 % 13 + 0x41) }
            try sink.write(utf8: bytes, to: path)
            #expect(try Data(contentsOf: staging.appendingPathComponent(path)) == Data(bytes), "\(old) bytes, then \(new)")
        }
    }
}
